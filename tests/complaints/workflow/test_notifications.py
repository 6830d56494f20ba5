"""Staff e-mails: the unit is told when a case is assigned to it; the responsible staff
are reminded before a deadline and when it passes, once per case, step and threshold.
No e-mail carries the reporter's identity."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DeadlineReminder, EmailTemplate, FacilityMembership
from complaints.notifications.staff import deadline_reminders_send
from complaints.services.workflow import case_transition
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db
D = datetime.date
IDENTITY = ("Nguyễn Thị Dân", "0905123456", "051190000123", "Phổ Cường")


def assert_no_identity(message):
    text = message.subject + message.body
    for value in IDENTITY:
        assert value not in text


@pytest.fixture
def unit():
    unit = FacilityFactory(name="Trung tâm Y tế Đức Phổ", email="ttyt@example.vn")
    notified = UserFactory(perms=["complaints.act_on_case"], email="a@example.vn", facility=unit)
    silent = UserFactory(perms=["complaints.act_on_case"], email="b@example.vn", facility=unit)
    FacilityMembership.objects.filter(user=silent).update(receives_notifications=False)
    UserFactory(email="c@example.vn", facility=unit, is_active=False)
    return unit, notified


def test_the_unit_is_emailed_when_a_case_is_assigned_to_it(
    unit, django_capture_on_commit_callbacks
):
    unit, notified = unit
    intake = UserFactory(superuser=True, last_name="Trần", first_name="Tiếp")
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=intake,
            data={"facility": unit.code, "user": notified.username},
            origin="test",
        )
    assigned = [m for m in mail.outbox if case.tracking_code in m.subject]
    assert len(assigned) == 1
    message = assigned[0]
    assert sorted(message.to) == ["a@example.vn", "ttyt@example.vn"]
    assert "Trung tâm Y tế Đức Phổ" in message.subject
    assert f"/admin/ho-so/{case.tracking_code}/" in message.body and "Trần Tiếp" in message.body
    assert case.content not in message.body
    assert_no_identity(message)


def test_other_events_send_no_staff_email(unit, django_capture_on_commit_callbacks):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit[0])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="accept",
            actor=UserFactory(superuser=True),
            data={},
            origin="test",
        )
    assert not [m for m in mail.outbox if "ttyt@example.vn" in m.to]


def test_the_administrator_can_rewrite_the_template(unit, django_capture_on_commit_callbacks):
    EmailTemplate.objects.create(
        code="staff_case_assigned",
        subject="Giao hồ sơ {{ tracking_code }}",
        body="Đơn vị {{ unit }} nhận hồ sơ.",
        is_active=True,
    )
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=UserFactory(superuser=True),
            data={"facility": unit[0].code},
            origin="test",
        )
    message = next(m for m in mail.outbox if "ttyt@example.vn" in m.to)
    assert message.subject == f"Giao hồ sơ {case.tracking_code}"
    assert message.body.strip() == "Đơn vị Trung tâm Y tế Đức Phổ nhận hồ sơ."


def _waiting(unit, *, status, **dates):
    return case_in(CaseKind.KHIEU_NAI, status, facility=unit, assigned_unit=unit, **dates)


def test_reminders_before_and_after_a_deadline_are_sent_once(
    unit, django_capture_on_commit_callbacks
):
    unit, _notified = unit
    soon = _waiting(unit, status=CaseStatus.RECEIVED, accept_by=D(2026, 10, 7))
    late = _waiting(unit, status=CaseStatus.VERIFYING, resolve_by=D(2026, 10, 2))
    far = _waiting(unit, status=CaseStatus.ACCEPTED, resolve_by=D(2026, 12, 1))
    done = _waiting(unit, status=CaseStatus.CONCLUDED, resolve_by=D(2026, 10, 1))
    today = D(2026, 10, 5)  # Monday

    # The e-mails are background tasks queued after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=today)
    assert {(r.case_id, r.step, r.threshold) for r in sent} == {
        (soon.pk, "accept", "before"),
        (late.pk, "resolve", "overdue"),
    }
    assert len(mail.outbox) == 2
    before = next(m for m in mail.outbox if soon.tracking_code in m.subject)
    assert before.subject.startswith("[Sở Y tế tỉnh Quảng Ngãi] Sắp đến hạn")
    assert "07/10/2026" in before.body
    overdue = next(m for m in mail.outbox if late.tracking_code in m.subject)
    assert "Quá hạn" in overdue.subject and "trễ 3 ngày" in overdue.body
    for message in mail.outbox:
        assert sorted(message.to) == ["a@example.vn", "ttyt@example.vn"]
        assert_no_identity(message)

    assert deadline_reminders_send(today=today) == []  # idempotent
    assert deadline_reminders_send(today=D(2026, 10, 6)) == []
    assert len(mail.outbox) == 2
    # The acceptance deadline then passes: its overdue reminder goes, once.
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=D(2026, 10, 8))
    assert [(r.case_id, r.threshold) for r in sent] == [(soon.pk, "overdue")]
    assert not DeadlineReminder.objects.filter(case__in=[far, done]).exists()


def test_the_verification_period_is_reminded_until_its_report(
    unit, django_capture_on_commit_callbacks
):
    """The verification's last day (Case.verification_until: khoản 1 Điều 29 Luật Khiếu nại;
    điểm đ khoản 2 Điều 31 Luật Tố cáo) is reminded before and once past, while the case is
    being verified and its result not reported (khoản 4 Điều 29 Luật Khiếu nại; khoản 6 Điều
    31 Luật Tố cáo); the e-mail says the report is owed where the law asks for one."""
    unit, _notified = unit
    far = D(2026, 11, 30)  # the resolution itself is not near
    ending = _waiting(unit, status=CaseStatus.VERIFYING, resolve_by=far,
                      verification_days=10, verification_until=D(2026, 10, 7))
    late = _waiting(unit, status=CaseStatus.VERIFYING, resolve_by=far,
                    verification_days=10, verification_until=D(2026, 10, 1))
    reported = _waiting(unit, status=CaseStatus.VERIFYING, resolve_by=far,
                        verification_days=10, verification_until=D(2026, 10, 1),
                        verification_reported_on=D(2026, 10, 1))
    feedback = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit,
                       assigned_unit=unit, resolve_by=far, verification_days=5,
                       verification_until=D(2026, 10, 2))
    today = D(2026, 10, 5)  # Monday
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=today)
    assert {(r.case_id, r.step, r.threshold, r.due) for r in sent} == {
        (ending.pk, "verify", "before", D(2026, 10, 7)),
        (late.pk, "verify", "overdue", D(2026, 10, 1)),
        (feedback.pk, "verify", "overdue", D(2026, 10, 2)),
    }
    assert not DeadlineReminder.objects.filter(case=reported).exists()
    codes = (ending.tracking_code, late.tracking_code, feedback.tracking_code)
    by_case = {code: m for m in mail.outbox for code in codes if code in m.subject}
    overdue = by_case[late.tracking_code]
    assert overdue.subject.endswith(f"{late.tracking_code} — hạn kết thúc xác minh 01/10/2026")
    assert "đã quá hạn kết thúc xác minh (01/10/2026), trễ 4 ngày." in overdue.body
    assert "Căn cứ: khoản 1 Điều 29 Luật Khiếu nại" in overdue.body
    assert ("Chưa có báo cáo kết quả xác minh (khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông "
            "tư 07/2013/TT-TTCP).") in overdue.body
    before = by_case[ending.tracking_code]
    assert "sắp đến hạn kết thúc xác minh: 07/10/2026 (còn 2 ngày làm việc)" in before.body
    # A phản ánh has no report step: reminded of its period, nothing said of a report.
    assert "báo cáo kết quả xác minh" not in by_case[feedback.tracking_code].body
    # Reported meanwhile: the period's overdue reminder is no longer owed.
    type(ending).objects.filter(pk=ending.pk).update(verification_reported_on=D(2026, 10, 8))
    assert deadline_reminders_send(today=D(2026, 10, 9)) == []


def test_a_case_with_nobody_to_tell_is_kept_for_the_next_run():
    lonely = FacilityFactory(email="")
    case = _waiting(lonely, status=CaseStatus.RECEIVED, accept_by=D(2026, 10, 1))
    assert deadline_reminders_send(today=D(2026, 10, 5)) == []
    UserFactory(email="moi@example.vn", facility=lonely)
    sent = deadline_reminders_send(today=D(2026, 10, 5))
    assert [r.case_id for r in sent] == [case.pk]


def test_the_command_is_idempotent(unit):
    case = _waiting(unit[0], status=CaseStatus.RECEIVED, accept_by=D(2026, 10, 1))
    first, second = io.StringIO(), io.StringIO()
    call_command("send_deadline_reminders", "--today", "2026-10-05", stdout=first)
    assert case.tracking_code in first.getvalue() and "Đã gửi 1 thư" in first.getvalue()
    call_command("send_deadline_reminders", "--today", "2026-10-05", stdout=second)
    assert "Đã gửi 0 thư" in second.getvalue()
    assert DeadlineReminder.objects.filter(case=case).count() == 1


def _assign(case, unit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=UserFactory(superuser=True),
            data={"facility": unit.code},
            origin="test",
        )
    return [m for m in mail.outbox if case.tracking_code in m.subject]


def test_a_unit_nobody_reads_for_has_its_alert_sent_above_it(
    django_capture_on_commit_callbacks, caplog
):
    """A unit with no mailbox and no notified staff: the case would wait unseen. The
    nearest unit above it with a mailbox is told, and the e-mail says why; the log too."""
    from complaints.models import FacilityKind

    department = FacilityFactory(kind=FacilityKind.DEPARTMENT, email="")
    office = FacilityFactory(kind=FacilityKind.OFFICE, parent=department,
                             name="Văn phòng Sở Y tế", email="vanphong@syt.example.vn")  # fmt: skip
    centre = FacilityFactory(name="Trung tâm Y tế Sơn Tịnh", parent=department,
                             email="ttyt-sontinh@example.vn")  # fmt: skip
    station = FacilityFactory(name="Trạm Y tế xã Tịnh Hà", parent=centre, email="")
    UserFactory(email="nghi@example.vn", facility=station, is_active=False)

    [message] = _assign(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED), station,
                        django_capture_on_commit_callbacks)  # fmt: skip
    assert message.to == ["ttyt-sontinh@example.vn"]
    assert "Kính gửi Trung tâm Y tế Sơn Tịnh" in message.body
    assert "Trạm Y tế xã Tịnh Hà chưa có người nhận thông báo" in message.body
    assert f"unit {station.code} has no alert recipient" in caplog.text

    # No unit above with a mailbox: the Văn phòng Sở.
    clinic = FacilityFactory(name="Phòng khám không hộp thư", email="")
    mail.outbox.clear()
    [message] = _assign(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED), clinic,
                        django_capture_on_commit_callbacks)  # fmt: skip
    assert message.to == [office.email]


def test_a_unit_with_its_own_readers_is_told_itself(django_capture_on_commit_callbacks):
    from complaints.models import FacilityKind

    FacilityFactory(kind=FacilityKind.OFFICE, email="vanphong@syt.example.vn")
    unit = FacilityFactory(name="Bệnh viện có cán bộ", email="")
    UserFactory(email="canbo@example.vn", facility=unit)
    [message] = _assign(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED), unit,
                        django_capture_on_commit_callbacks)  # fmt: skip
    assert message.to == ["canbo@example.vn"]
    assert "chưa có người nhận thông báo" not in message.body
