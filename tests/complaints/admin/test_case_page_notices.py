"""The case page's deadline rows and history for notices to the parties (review, item 1):
a notice sent to everyone shows "đã gửi <date>"; a notice still owed after the decision
counts down and turns overdue; the history says which notice went to whom, when and how."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from complaints.admin.views import deadline_rows
from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.history import case_timeline
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory, paper_decision

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def rows_by_step(case, today):
    case.refresh_from_db()
    current, _superseded = deadline_rows(case, today)
    return {item["row"].step: item for item in current}


def test_a_notice_sent_to_both_parties_shows_its_day_not_a_countdown(leader, client):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    row = rows_by_step(case, D(2026, 9, 3))["notify_acceptance"]
    assert row["countdown"] and not row["settled"]

    act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-03",
        sent_via="post", recipients=["denouncer", "accused"], document_ref="12/TB-TTr")
    row = rows_by_step(case, D(2026, 9, 3))["notify_acceptance"]
    assert row["settled"] and row["done"] and not row["countdown"]
    assert row["sent_on"] == D(2026, 9, 3)

    client.force_login(leader)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    assert "đã gửi 03/09/2026" in html.decode()

    entry = next(e for e in case_timeline(case=case, user=leader) if e.action == "record_notice")
    assert "Thông báo việc thụ lý tố cáo" in entry.detail
    assert "người tố cáo" in entry.detail.lower() and "người bị tố cáo" in entry.detail.lower()
    assert "03/09/2026" in entry.detail and "bưu điện" in entry.detail
    assert "12/TB-TTr" in entry.detail


def test_after_the_conclusion_an_unsent_notice_still_counts_down(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "start_verification", leader, verifier_no_conflict=True)
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-02")
    act(case, "resume", leader, decided_on="2026-09-10")
    act(case, "conclude", leader, conclusion="Đúng một phần.", public_answer="Đã khắc phục.",
        notices_given_outside=True, **paper_decision())
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    rows = rows_by_step(case, case.concluded_at.date())
    decision = rows["decision_notice"]
    assert decision["countdown"] and not decision["done"]  # 5 working days to send it
    assert decision["days_left"] >= 0
    suspension = rows["suspension_notice"]  # never sent: still owed, and late by now
    assert suspension["countdown"] and not suspension["done"]
    later = rows_by_step(case, decision["row"].due + datetime.timedelta(days=1))
    assert later["decision_notice"]["overdue_days"] == 1
    assert later["resolve"]["done"]  # the resolution itself is behind the case


def test_no_internal_code_in_the_error_nor_the_history(leader):
    from complaints.services.notices import NOTICE_FIELD_CLEANERS

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    _row, error = NOTICE_FIELD_CLEANERS["notice"]("decision_notice", case=case, today=D(2026, 9, 3))
    assert "decision_notice" not in error
    assert "Gửi quyết định giải quyết, kết luận cho các bên" in error

    act(case, "reject", leader, legal_ground="kn_time_expired", reason="Quá thời hiệu")
    changes = [c for e in case_timeline(case=case, user=leader) for c in e.changes
               if c.field == "refusal_ground"]
    assert changes and "(mã)" not in changes[0].label
    assert "kn_time_expired" not in changes[0].new and "Điều" in changes[0].new
