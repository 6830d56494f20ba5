"""The case page's "Gia hạn thời gian xác minh" (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP):
offered to a leader of the competent unit with the current period and the limit in its help;
a handler gets the proposal instead; refused input answers 400 and saves nothing; the page
shows the new period and the timeline the extension."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services.verification import verification_end
from complaints.transitions import transition_for
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory

from .helpers import handler_user, leader_user

pytestmark = pytest.mark.django_db

ARTICLE = "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP"


def _today():
    return timezone.localdate()


def _verifying(unit):
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=_today() + datetime.timedelta(days=30), verification_days=15,
                   verification_until=_today() + datetime.timedelta(days=1))


def _page(client, case):
    return client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))


def test_the_form_names_the_period_the_limit_and_the_article():
    case = _verifying(FacilityFactory())
    form = TransitionForm(transition=transition_for(case=case, action="extend_verification"),
                          case=case)
    days, reason = form.fields["verification_extra_days"], form.fields["reason"]
    assert days.required and reason.required
    help_text = str(days.help_text)
    assert f"15 ngày, đến hết ngày {case.verification_until:%d/%m/%Y}" in help_text
    assert f"hạn giải quyết khiếu nại ngày {case.resolve_by:%d/%m/%Y}" in help_text
    assert ARTICLE in help_text
    assert str(reason.label) == "Lý do gia hạn thời gian xác minh"
    assert ARTICLE in form.legal_basis and "Luật Tố cáo" not in form.legal_basis


def test_a_leader_extends_it_on_the_case_page(client):
    unit = FacilityFactory()
    case = _verifying(unit)
    client.force_login(leader_user(facility=unit))
    page = _page(client, case)
    assert "extend_verification" in {f.transition.action for f in page.context["action_forms"]}
    assert "Gia hạn thời gian xác minh" in page.content.decode()
    url = reverse("complaints_admin:action", args=[case.tracking_code, "extend_verification"])
    posted = {"extend_verification-expected_status": "verifying",
              "extend_verification-reason": "Chờ kết quả giám định"}
    for bad in ("0", "-2", "40"):
        refused = client.post(url, {**posted, "extend_verification-verification_extra_days": bad})
        assert refused.status_code == 400, bad
        (message,) = refused.context["form"].errors["verification_extra_days"]
        assert ARTICLE in message
    no_reason = client.post(url, {"extend_verification-expected_status": "verifying",
                                  "extend_verification-verification_extra_days": "5"})
    assert no_reason.status_code == 400 and "reason" in no_reason.context["form"].errors
    assert not CaseEvent.objects.filter(case=case, action="extend_verification").exists()
    assert Case.objects.get(pk=case.pk).verification_days == 15

    done = client.post(url, {**posted, "extend_verification-verification_extra_days": "5"})
    assert done.status_code == 302
    until = verification_end(case.verification_until, 5)
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.verification_days, fresh.verification_until) == (20, until)
    html = _page(client, case).content.decode()
    assert f"Thời hạn xác minh: 20 ngày, đến hết ngày {until:%d/%m/%Y}" in html
    assert (f"Gia hạn thời gian xác minh thêm 5 ngày: từ hết ngày "
            f"{case.verification_until:%d/%m/%Y} đến hết ngày {until:%d/%m/%Y}") in html


def test_a_handler_is_offered_the_proposal_not_the_step(client):
    unit = FacilityFactory()
    case = _verifying(unit)
    client.force_login(handler_user(unit))
    page = _page(client, case)
    assert "extend_verification" not in {
        f.transition.action for f in page.context["action_forms"]}
    propose = f"/admin/phe-duyet/de-xuat/{case.tracking_code}/extend_verification/"
    assert propose.encode() in page.content
    url = reverse("complaints_admin:action", args=[case.tracking_code, "extend_verification"])
    refused = client.post(url, {"extend_verification-expected_status": "verifying",
                                "extend_verification-verification_extra_days": "5",
                                "extend_verification-reason": "Chờ giám định"})
    assert refused.status_code == 403
    assert Case.objects.get(pk=case.pk).verification_days == 15
