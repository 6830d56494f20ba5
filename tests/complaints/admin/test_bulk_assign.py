"""Bulk assignment from the list, through `cases_assign` (all or nothing)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from complaints.kinds import CaseStatus
from complaints.models import CaseEvent
from tests.factories import CaseFactory, FacilityFactory

from .helpers import handler_user, intake_user, viewer_user

pytestmark = pytest.mark.django_db

URL = "/admin/ho-so/giao-xu-ly/"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_list_offers_the_bulk_form_to_staff_who_act(client):
    assert reverse("complaints_admin:bulk_assign") == URL
    CaseFactory()
    client.force_login(intake_user())
    html = client.get("/admin/ho-so/").content.decode()
    assert 'form="cw-bulk-form"' in html and f'action="{URL}"' in html
    client.force_login(viewer_user())
    assert 'id="cw-bulk-form"' not in client.get("/admin/ho-so/").content.decode()


def test_several_cases_are_assigned_at_once(client):
    unit = FacilityFactory(code="TTYT-DP")
    handler = handler_user(unit, username="canbo")
    cases = [CaseFactory(), CaseFactory(), CaseFactory()]
    client.force_login(intake_user())
    response = client.post(
        URL,
        {
            "case_ids": [c.pk for c in cases[:2]],
            "facility": "TTYT-DP",
            "user": "canbo",
            "next": "/admin/ho-so/?status=open",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/ho-so/?status=open"
    assert "Đã giao 2 hồ sơ." in messages_of(response)
    for case in cases[:2]:
        case.refresh_from_db()
        assert case.assigned_unit == unit and case.assigned_user == handler
        assert CaseEvent.objects.filter(case=case, action="assign").exists()
    cases[2].refresh_from_db()
    assert cases[2].assigned_unit is None


def test_one_case_that_cannot_be_assigned_stops_them_all(client):
    unit = FacilityFactory(code="BV-A")
    open_case = CaseFactory()
    closed = CaseFactory(status=CaseStatus.CLOSED)
    client.force_login(intake_user())
    response = client.post(URL, {"case_ids": [open_case.pk, closed.pk], "facility": "BV-A"})
    assert response.status_code == 302
    text = " ".join(messages_of(response))
    assert "Chưa giao hồ sơ nào." in text and closed.tracking_code in text
    open_case.refresh_from_db()
    assert open_case.assigned_unit != unit
    assert not CaseEvent.objects.filter(action="assign").exists()


def test_cases_outside_the_scope_cannot_be_smuggled_in(client):
    centre = FacilityFactory(code="TTYT-B")
    mine = CaseFactory(assigned_unit=centre)
    foreign = CaseFactory(assigned_unit=FacilityFactory())
    client.force_login(handler_user(centre))
    response = client.post(URL, {"case_ids": [mine.pk, foreign.pk], "facility": "TTYT-B"})
    assert "Chưa giao hồ sơ nào." in " ".join(messages_of(response))
    assert not CaseEvent.objects.filter(action="assign").exists()


def test_an_unsafe_next_url_is_ignored(client):
    CaseFactory()
    client.force_login(intake_user())
    response = client.post(URL, {"case_ids": [], "facility": "", "next": "https://evil.example/"})
    assert response["Location"] == "/admin/ho-so/"


def test_staff_who_may_not_act_are_refused(client):
    case = CaseFactory()
    FacilityFactory(code="BV-C")
    client.force_login(viewer_user())
    response = client.post(URL, {"case_ids": [case.pk], "facility": "BV-C"})
    assert response.status_code in (302, 403)
    assert not CaseEvent.objects.filter(action="assign").exists()
