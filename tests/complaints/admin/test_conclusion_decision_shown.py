"""The decision a conclusion names (complaints/rules/decision.py): asked for on the step's
form of a complaint or a denunciation only, in its kind's words; shown on the case page, the
staff timeline and the citizen's tracking page, by its number and day only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from complaints.admin.forms import TransitionForm
from complaints.documents.forms import step_fields
from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.history import case_timeline
from complaints.selectors.tracking import case_public_view
from complaints.transitions import transition_for
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN, UserFactory, paper_decision

from .helpers import leader_user

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý theo quy định."}


def _form(case):
    return TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)


def test_the_step_form_asks_for_the_decision_of_complaints_and_denunciations_only():
    complaint = _form(case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING))
    assert "quyết định giải quyết khiếu nại" in str(complaint.fields["decision_symbol"].label)
    assert "khoản 1 Điều 31 Luật Khiếu nại" in str(complaint.fields["decision_symbol"].help_text)
    assert "Ngày ban hành" in str(complaint.fields["decision_date"].label)
    denunciation = _form(case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING))
    assert "kết luận nội dung tố cáo" in str(denunciation.fields["decision_symbol"].label)
    assert "khoản 1 Điều 35 Luật Tố cáo" in str(denunciation.fields["decision_symbol"].help_text)
    for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        form = _form(case_in(kind, CaseStatus.VERIFYING))
        assert "decision_symbol" not in form.fields and "decision_date" not in form.fields
    # A document drafted for the step is the decision issued in the portal: no paper fields.
    fields = step_fields(case=case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING), action="conclude")
    assert "conclusion" in fields and "decision_symbol" not in fields


def test_the_workspace_form_refuses_a_conclusion_without_its_decision_beside_the_field(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    client.force_login(leader_user(facility=case.assigned_unit))  # its competent unit's
    url = reverse("complaints_admin:action", args=[case.tracking_code, "conclude"])
    posted = {"conclude-expected_status": "verifying", "conclude-conclusion": "Giữ nguyên.",
              "conclude-public_answer": "Khiếu nại không có cơ sở.",
              "conclude-finding": "wrong"}  # fmt: skip
    refused = client.post(url, posted)
    assert refused.status_code == 400
    assert "khoản 1 Điều 31 Luật Khiếu nại" in refused.context["form"].errors["decision_symbol"][0]
    signed = datetime.date(2026, 9, 15)
    done = client.post(url, {**posted, "conclude-decision_symbol": "12/QĐ-SYT",
                             "conclude-decision_date": signed.isoformat()})  # fmt: skip
    assert done.status_code == 302
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    html = page.content.decode()
    assert "Quyết định giải quyết khiếu nại số 12/QĐ-SYT ngày 15/09/2026" in html
    assert "ký trên giấy" in html


def test_the_timeline_and_the_tracking_page_name_the_decision(client):
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, accused_name="Bác sĩ A")
    boss = UserFactory(superuser=True)
    act(case, "conclude", boss, **ANSWER,
        **paper_decision(symbol="05/KL-TTr", on=datetime.date(2026, 9, 20)))  # fmt: skip
    text = "Kết luận nội dung tố cáo số 05/KL-TTr ngày 20/09/2026"
    entry = next(e for e in case_timeline(case=case, user=boss) if e.action == "conclude")
    assert entry.detail == f"{text} (ký trên giấy)."
    case.refresh_from_db()
    view = case_public_view(case=case)
    assert view.decision == text and view.as_dict()["decision"] == text
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert text in html
    # The number and day only: nothing of the denouncer (Điều 47 Luật Tố cáo).
    reporter = case.reporter
    assert reporter.name and reporter.name not in view.decision


def test_a_report_shows_no_decision():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING)
    act(case, "conclude", UserFactory(superuser=True), **ANSWER)
    case.refresh_from_db()
    assert case_public_view(case=case).decision == ""
