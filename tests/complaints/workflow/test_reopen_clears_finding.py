"""A concluded case examined again (the level above's review of a complaint or a
denunciation, Điều 44 Luật Khiếu nại, Điều 37 Luật Tố cáo; a press report reopened) has no
finding until it is concluded again: the earlier finding (đúng, đúng một phần, sai; a press
report's verification result) is cleared in the reopening's write, with history, and stays
readable on the conclusion's event and in the case's history."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent
from tests.factories import hospital_under_so, paper_decision

from .helpers import act, case_in, valid_data

pytestmark = pytest.mark.django_db

REVIEW = {"reason": "Kết luận chưa đầy đủ", "review_decision": "Quyết định 30/QĐ-SYT"}


@pytest.fixture
def sector():
    sector = hospital_under_so()
    return sector.hospital, sector.head, sector.so_leader


def staff_view(case, user) -> dict:
    _token, key = ApiToken.issue(user=user, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    response = client.get(f"/api/v1/cases/{case.tracking_code}")
    assert response.status_code == 200
    return response.json()


def conclude(case, actor, finding: str):
    data = valid_data("conclude", facility_code="", kind=case.kind)
    return act(case, "conclude", actor, **{**data, **paper_decision(finding=finding)})


@pytest.mark.parametrize("kind", [CaseKind.KHIEU_NAI, CaseKind.TO_CAO])
def test_the_review_clears_the_earlier_finding(kind, sector):
    hospital, head, so_leader = sector
    case = case_in(kind, CaseStatus.VERIFYING, facility=hospital)
    concluded = conclude(case, head, "partly_correct")
    assert Case.objects.get(pk=case.pk).finding == "partly_correct"

    reopened = act(case, "reopen", so_leader, **REVIEW)

    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and case.finding == ""
    shown = staff_view(case, so_leader)
    assert shown["finding"] == "" and shown["finding_label"] == ""
    # What was undone: on the reopening's event; the conclusion's event keeps its finding.
    assert reopened.data["undone"] == {"finding": "partly_correct"}
    assert CaseEvent.objects.get(pk=concluded.pk).data["finding"] == "partly_correct"
    # Cleared by the reopening's writes (its review routes the case to the Sở too), with
    # history; the rows of the conclusion still have it.
    rows = list(case.history.order_by("history_id"))
    concluded_row = max(i for i, row in enumerate(rows) if row.finding == "partly_correct")
    after = rows[concluded_row + 1 :]
    assert after and all(row.finding == "" and row.history_user == so_leader for row in after)
    assert after[-1].history_change_reason.endswith("case_reopen")

    # Concluded again: the new finding.
    conclude(case, so_leader, "wrong")
    assert Case.objects.get(pk=case.pk).finding == "wrong"


def test_a_reopened_press_report_has_no_verification_result(sector):
    hospital, head, _so_leader = sector
    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING, facility=hospital)
    act(case, "conclude", head, **valid_data("conclude", facility_code="", kind=case.kind))
    assert Case.objects.get(pk=case.pk).press_finding == "partly_accurate"

    reopened = act(case, "reopen", head, reason="Thông tin mới về bài báo")

    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and case.press_finding == ""
    assert staff_view(case, head)["press_finding"] == ""
    assert reopened.data["undone"] == {"press_finding": "partly_accurate"}
    latest, earlier = case.history.order_by("-history_id")[:2]
    assert latest.press_finding == "" and latest.history_change_reason.endswith("case_reopen")
    assert earlier.press_finding == "partly_accurate"


def test_a_refused_petition_reopened_keeps_no_undone_finding(sector):
    hospital, head, _so_leader = sector
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.REJECTED, facility=hospital)
    reopened = act(case, "reopen", head, reason="Từ chối nhầm")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    assert "undone" not in reopened.data
