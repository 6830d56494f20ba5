"""Staff are told the citizen reads another language (walk-english F8): "Ngôn ngữ của người
gửi: tiếng Anh" beside the contact details and on the forms whose text the citizen reads, with
a hint to write short and plain. Not for a Vietnamese reader, and never to staff of the
facility denounced (a language hints at who the denouncer is: Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.models import Reporter
from tests.factories import CaseFactory, FacilityFactory, UserFactory

from .helpers import STAFF, intake_user

pytestmark = pytest.mark.django_db

NAMED = "Ngôn ngữ của người gửi: tiếng Anh"


def _in_english(case):
    Reporter.objects.filter(case=case).update(language="en")
    return case


def test_the_case_page_and_the_request_form_name_the_citizens_language(client):
    case = _in_english(CaseFactory())
    client.force_login(intake_user())
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    block = html.decode().split('id="cw-reporter"', 1)[1].split("</section>", 1)[0]
    assert NAMED in block and "ngắn gọn, rõ ràng" in block
    form = client.get(
        reverse("complaints_admin:action", args=[case.tracking_code, "request_info"])
    ).content.decode()
    assert NAMED in form


def test_a_vietnamese_reader_is_not_named(client):
    case = CaseFactory()
    client.force_login(intake_user())
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "Ngôn ngữ của người gửi" not in html.content.decode()


def test_the_facility_denounced_is_not_told_the_denouncers_language(client):
    hospital = FacilityFactory()
    case = _in_english(CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital))
    staff = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"], admin_access=True, facility=hospital
    )
    client.force_login(staff)
    for url in (
        reverse("complaints_admin:detail", args=[case.tracking_code]),
        reverse("complaints_admin:action", args=[case.tracking_code, "request_info"]),
    ):
        assert "Ngôn ngữ của người gửi" not in client.get(url + "?danh_tinh=1").content.decode()
