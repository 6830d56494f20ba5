"""The case page's "Bắt đầu xác minh" form: the period (its limit, the resolution deadline,
with the article) and, for a denunciation, the required declaration of khoản 3 Điều 10 Nghị
định 31/2019/NĐ-CP; refused input leaves the case as it was; the page shows the period."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.services.verification import verification_end
from complaints.transitions import transition_for
from tests.complaints.workflow.helpers import case_in

from .helpers import leader_user

pytestmark = pytest.mark.django_db

ARTICLE = "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP"


def _accepted(kind, **extra):
    return case_in(kind, CaseStatus.ACCEPTED,
                   resolve_by=timezone.localdate() + datetime.timedelta(days=30), **extra)


def _form(case):
    return TransitionForm(transition=transition_for(case=case, action="start_verification"),
                          case=case)


def test_the_form_asks_the_period_and_a_denunciations_declaration():
    complaint = _accepted(CaseKind.KHIEU_NAI)
    fields = _form(complaint).fields
    assert not fields["verification_days"].required
    help_text = str(fields["verification_days"].help_text)
    assert complaint.resolve_by.strftime("%d/%m/%Y") in help_text
    assert "khoản 1 Điều 29 Luật Khiếu nại" in help_text
    assert "verifier_no_conflict" not in fields
    denunciation = _form(_accepted(CaseKind.TO_CAO)).fields
    declaration = denunciation["verifier_no_conflict"]
    assert declaration.required and ARTICLE in str(declaration.label)
    assert "con dâu" in str(declaration.label)


def test_the_page_refuses_bad_input_and_shows_the_period(client):
    case = _accepted(CaseKind.TO_CAO, accused_name="Phạm Văn Bị")
    client.force_login(leader_user(facility=case.assigned_unit))
    url = reverse("complaints_admin:action", args=[case.tracking_code, "start_verification"])
    posted = {"start_verification-expected_status": "accepted",
              "start_verification-verification_days": "10"}
    refused = client.post(url, posted)  # no declaration
    assert refused.status_code == 400
    assert "verifier_no_conflict" in refused.context["form"].errors
    too_long = client.post(url, {**posted, "start_verification-verification_days": "45",
                                 "start_verification-verifier_no_conflict": "on"})
    assert too_long.status_code == 400
    (message,) = too_long.context["form"].errors["verification_days"]
    assert "điểm đ khoản 2 Điều 31, Điều 30 Luật Tố cáo" in message
    for days in ("0", "-5"):  # the portal's words, not Django's stock "lớn hơn hoặc bằng"
        none = client.post(url, {**posted, "start_verification-verification_days": days,
                                 "start_verification-verifier_no_conflict": "on"})
        assert none.status_code == 400
        assert none.context["form"].errors["verification_days"] == [
            "Thời hạn xác minh phải lớn hơn 0 ngày."]
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == CaseStatus.ACCEPTED and fresh.verification_days is None
    done = client.post(url, {**posted, "start_verification-verifier_no_conflict": "on"})
    assert done.status_code == 302
    fresh = Case.objects.get(pk=case.pk)
    until = verification_end(timezone.localdate(), 10)
    assert (fresh.status, fresh.verification_days, fresh.verification_until) == (
        CaseStatus.VERIFYING, 10, until)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert f"Thời hạn xác minh: 10 ngày, đến hết ngày {until.strftime('%d/%m/%Y')}" in (
        html.content.decode())
