"""A tố cáo's title, written by the denouncer and possibly naming them, is in no staff
e-mail: deadline reminders (before and overdue), the "citizen replied" alert and the
"case assigned" alert all take the title from `staff_mail_title` (Điều 47 Luật Tố cáo).
Other kinds keep their title, which says what the case is about."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.staff import deadline_reminders_send
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PIN, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TITLE = "Tôi là Nguyễn Thị Dân, tố cáo bác sĩ khoa Sản nhận phong bì"
HIDDEN = "(tố cáo: nội dung chỉ xem trong hệ thống)"


@pytest.fixture
def unit():
    """The facility denounced: its mailbox is among the recipients."""
    return FacilityFactory(name="Bệnh viện Sản Nhi", email="bv-san@example.vn")


def _mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_deadline_reminders_never_carry_a_denunciation_title(
    unit, django_capture_on_commit_callbacks
):
    soon = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit, title=TITLE,
                   accept_by=D(2026, 10, 7))
    late = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=unit, title=TITLE,
                   resolve_by=D(2026, 10, 2))
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit,
                     title="Phòng chờ khoa Sản thiếu ghế", accept_by=D(2026, 10, 1))
    with django_capture_on_commit_callbacks(execute=True):
        sent = deadline_reminders_send(today=D(2026, 10, 5))
    assert {(r.case_id, r.threshold) for r in sent} == {
        (soon.pk, "before"), (late.pk, "overdue"), (report.pk, "overdue"),
    }
    messages = {m.subject: m for m in _mails_to("bv-san@example.vn")}
    assert len(messages) == 3
    sender = "[Sở Y tế tỉnh Quảng Ngãi]"
    for case, prefix in ((soon, f"{sender} Sắp đến hạn"), (late, f"{sender} Quá hạn")):
        [message] = [m for s, m in messages.items() if case.tracking_code in s]
        assert message.subject.startswith(prefix)
        assert "Nguyễn Thị Dân" not in message.subject + message.body
        assert TITLE not in message.body and f"Tiêu đề: {HIDDEN}" in message.body
    [other] = [m for s, m in messages.items() if report.tracking_code in s]
    assert "Tiêu đề: Phòng chờ khoa Sản thiếu ghế" in other.body


def test_the_reply_alert_never_carries_a_denunciation_title(
    client, unit, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit, title=TITLE)
    officer = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="request_info", actor=officer,
                        data={"message": "Đề nghị gửi bản có chữ ký."}, origin="test")
    mail.outbox.clear()
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/tra-cuu/{case.tracking_code}/bo-sung/",
                               {"text": "Tôi gửi kèm bản có chữ ký."})
    assert response.status_code == 302
    [message] = _mails_to("bv-san@example.vn")
    assert officer.email in message.to
    assert case.tracking_code in message.subject
    assert "Nguyễn Thị Dân" not in message.subject + message.body
    assert TITLE not in message.body and HIDDEN in message.body


def test_the_reply_alert_of_another_kind_keeps_its_title(
    client, unit, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit,
                   title="Phòng chờ khoa Sản thiếu ghế")
    officer = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case_id=case.pk, action="request_info", actor=officer,
                        data={"message": "Đề nghị gửi ảnh."}, origin="test")
    mail.outbox.clear()
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/tra-cuu/{case.tracking_code}/bo-sung/", {"text": "Ảnh đây."})
    [message] = _mails_to("bv-san@example.vn")
    assert '("Phòng chờ khoa Sản thiếu ghế")' in message.body
