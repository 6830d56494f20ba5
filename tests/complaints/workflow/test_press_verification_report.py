"""The facility given a press case to verify reports its result to the press office
(`report_press_verification`, complaints/rules/press_verification.py): offered on the case
page once it verifies, it keeps the report's day so the verification is no longer late for
the facility's part, tells the press office (the "new" marker and one e-mail), and leaves the
finding on the article to the press office (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from complaints.models import Case, CaseAlert, CaseEvent
from complaints.querysets import verification_overdue_condition
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions

from .helpers import act
from .test_press_office_steps import FINDING, REFUSAL, given_to_the_facility, people  # noqa: F401

pytestmark = pytest.mark.django_db

RESULT = "Bệnh viện thu đúng bảng giá; có một trường hợp thu nhầm, đã hoàn trả."


def offered(case, user) -> set[str]:
    case.refresh_from_db()
    return {t.action for t in allowed_actions(case=case, user=user)}


def late(case) -> bool:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return Case.objects.filter(verification_overdue_condition(at=tomorrow), pk=case.pk).exists()


def test_the_facility_reports_its_verification_to_the_press_office(
    client, people, django_capture_on_commit_callbacks  # noqa: F811
):
    case = given_to_the_facility(people)
    handler, director = people["handler"], people["director"]
    act(case, "start_verification", handler, verification_days=1)
    case.refresh_from_db()
    Case.objects.filter(pk=case.pk).update(verification_until=timezone.localdate())
    assert late(case)
    assert "report_press_verification" in offered(case, director)
    assert "report_verification" not in offered(case, director)  # the laws on complaints
    client.force_login(director)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "thao-tac/report_press_verification/" in page
    assert "Bạn không có thao tác nào" not in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = act(case, "report_press_verification", handler, verification_result=RESULT)
    case.refresh_from_db()
    assert case.status == "verifying" and not event.is_public
    assert case.verification_reported_on == timezone.localdate()
    assert event.data["verification_result"] == RESULT
    assert "Nghị định 244/2026" in event.data["report_article"]
    assert not late(case)  # no longer "Quá hạn xác minh" for the facility's part

    # The press office is told: the case is new for its staff, and one e-mail.
    assert set(
        CaseAlert.objects.filter(case=case, seen_at__isnull=True).values_list(
            "user__username", flat=True
        )
    ) >= {"press", "press_head"}
    [message] = mail.outbox
    assert sorted(message.to) == sorted([people["press"].email, people["press_head"].email])
    assert case.tracking_code in message.subject
    assert RESULT not in message.body  # read in the workspace

    # The finding stays the press office's.
    with pytest.raises(TransitionNotAllowed, match=REFUSAL):
        act(case, "conclude", director, **FINDING)
    act(case, "conclude", people["press_head"], **FINDING)
    assert CaseEvent.objects.get(case=case, action="conclude").actor == people["press_head"]


def test_the_report_needs_its_result(people):  # noqa: F811
    from complaints.services.workflow import TransitionInvalid

    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "report_press_verification", people["handler"])
    assert "verification_result" in refused.value.errors
