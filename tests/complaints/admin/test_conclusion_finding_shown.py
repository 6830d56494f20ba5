"""The finding of a complaint's decision or a denunciation's conclusion (đúng, đúng một phần,
sai: complaints/rules/decision.py): asked for on the step's form of these kinds only, in the
kind's words with its article; shown on the case page and on the citizen's tracking page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from complaints.admin.forms import TransitionForm
from complaints.documents.forms import step_fields
from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.tracking import case_public_view
from complaints.transitions import transition_for
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN, UserFactory, paper_decision

from .helpers import leader_user

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý theo quy định."}


def _form(case):
    return TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)


def test_the_step_form_asks_for_the_finding_of_complaints_and_denunciations_only():
    complaint = _form(case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)).fields["finding"]
    assert complaint.required
    assert [label for _code, label in complaint.choices][1:] == [
        "Khiếu nại đúng", "Khiếu nại đúng một phần", "Khiếu nại sai toàn bộ",
    ]
    assert "điểm g khoản 2 Điều 31 Luật Khiếu nại" in str(complaint.help_text)
    second = _form(case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True))
    assert "điểm h khoản 2 Điều 40 Luật Khiếu nại" in str(second.fields["finding"].help_text)
    denunciation = _form(case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)).fields["finding"]
    assert [label for _code, label in denunciation.choices][1:] == [
        "Tố cáo đúng", "Tố cáo đúng một phần", "Tố cáo sai sự thật",
    ]
    assert "điểm c khoản 2 Điều 35 Luật Tố cáo" in str(denunciation.help_text)
    for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        assert "finding" not in _form(case_in(kind, CaseStatus.VERIFYING)).fields
    # A document drafted for the step (its proposal, its decision) carries the finding.
    fields = step_fields(case=case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING), action="conclude")
    assert "finding" in fields


def test_the_workspace_form_refuses_a_conclusion_without_its_finding(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    client.force_login(leader_user(facility=case.assigned_unit))  # its competent unit's
    url = reverse("complaints_admin:action", args=[case.tracking_code, "conclude"])
    posted = {"conclude-expected_status": "verifying", "conclude-conclusion": "Giữ nguyên.",
              "conclude-public_answer": "Khiếu nại không có cơ sở.",
              "conclude-decision_symbol": "12/QĐ-SYT",
              "conclude-decision_date": datetime.date(2026, 9, 15).isoformat()}  # fmt: skip
    refused = client.post(url, posted)
    assert refused.status_code == 400
    assert "finding" in refused.context["form"].errors
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and not case.finding
    done = client.post(url, {**posted, "conclude-finding": "partly_correct"})
    assert done.status_code == 302
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert "Khiếu nại đúng một phần" in html.decode()


def test_the_tracking_page_states_the_finding(client):
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, accused_name="Bác sĩ A")
    act(case, "conclude", UserFactory(superuser=True), **ANSWER | paper_decision(finding="wrong"))
    case.refresh_from_db()
    view = case_public_view(case=case)
    assert view.finding == "Tố cáo sai sự thật" and view.as_dict()["finding"] == view.finding
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert "Kết luận nội dung: Tố cáo sai sự thật" in html


def test_a_case_still_being_resolved_shows_no_finding():
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, finding="correct")
    assert case_public_view(case=case).finding == ""
