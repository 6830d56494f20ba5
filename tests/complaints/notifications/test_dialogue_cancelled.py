"""A dialogue called off (a complaint withdrawn: Điều 10 Luật Khiếu nại; đối thoại: Điều 30
Luật Khiếu nại) is told to the staff it concerns: the officer who invited the parties, the
handler, the unit's mailbox and its staff who receive notifications, each by their own
e-mail after the commit (`staff_dialogue_cancelled`), with the case's code, the meeting's
time, day and place and why. A failed e-mail is retried on its own: nobody is mailed twice.
A withdrawal after which the complaint goes on keeps its dialogue and mails nobody."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityMembership
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

WITHDRAWAL = {"form": "written", "document_ref": "Đơn rút ngày hôm nay"}
PERMS = [
    "complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
    "complaints.approve_case", "complaints.record_withdrawal",
]
SUBJECT = "hủy buổi đối thoại"


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-TEST", name="Bệnh viện Thử", email="bv@example.vn")


@pytest.fixture
def people(unit):
    inviter = UserFactory(username="moi", email="moi@example.vn", perms=PERMS, facility=unit,
                          admin_access=True)
    handler = UserFactory(username="xuly", email="xuly@example.vn", perms=PERMS)
    notified = UserFactory(username="nhan", email="nhan@example.vn", perms=PERMS, facility=unit)
    silent = UserFactory(username="im", email="im@example.vn", perms=PERMS, facility=unit)
    FacilityMembership.objects.filter(user=silent).update(receives_notifications=False)
    return {"inviter": inviter, "handler": handler, "notified": notified, "silent": silent}


def _scheduled(unit, people, capture):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, second_time=True,
                   assigned_user=people["handler"], title="Khiếu nại thu viện phí")
    day = timezone.localdate() + datetime.timedelta(days=10)
    with capture(execute=True):
        act(case, "schedule_dialogue", people["inviter"],
            scheduled_at=f"{day.isoformat()}T14:30", place="Phòng họp số 2, Bệnh viện Thử",
            participants="Người khiếu nại; Bệnh viện Thử")
    mail.outbox.clear()
    return case, day


def _cancellations(address):
    return [m for m in mail.outbox if address in m.to and SUBJECT in m.subject]


def test_each_invited_staff_member_is_told_the_dialogue_is_cancelled_and_why(
    unit, people, django_capture_on_commit_callbacks
):
    case, day = _scheduled(unit, people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "withdraw", people["inviter"], **WITHDRAWAL)
    for address in ("moi@example.vn", "xuly@example.vn", "nhan@example.vn", "bv@example.vn"):
        [message] = _cancellations(address)
        assert message.to == [address]  # each their own e-mail
        assert case.tracking_code in message.subject
        text = message.body
        assert case.tracking_code in text
        assert f"14:30 ngày {day:%d/%m/%Y}" in text
        assert "Phòng họp số 2, Bệnh viện Thử" in text
        assert "do người khiếu nại rút khiếu nại" in text
        assert "Điều 10 Luật Khiếu nại" in text
        assert f"/admin/ho-so/{case.tracking_code}/" in text
    assert not _cancellations("im@example.vn")  # receives no notifications
    # Never the reporter (staff e-mails never carry the citizen's identity).
    for message in mail.outbox:
        assert case.reporter.name not in message.body


def test_a_failed_e_mail_is_retried_alone_and_nobody_is_mailed_twice(
    unit, people, django_capture_on_commit_callbacks, monkeypatch, settings
):
    case, _day = _scheduled(unit, people, django_capture_on_commit_callbacks)
    failed = []
    send = EmailBackend.send_messages

    def flaky(self, messages):
        if any("xuly@example.vn" in m.to for m in messages) and not failed:
            failed.append(True)
            raise ConnectionError("SMTP away")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "withdraw", people["inviter"], **WITHDRAWAL)
    assert failed  # the handler's e-mail failed once, then went
    for address in ("moi@example.vn", "xuly@example.vn", "nhan@example.vn", "bv@example.vn"):
        assert len(_cancellations(address)) == 1, address


def test_a_withdrawal_after_which_the_complaint_goes_on_mails_nobody(
    unit, people, django_capture_on_commit_callbacks
):
    case, _day = _scheduled(unit, people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "record_withdrawal", people["inviter"], scope="one_of_several",
            withdrawn_by="Bà Lê Thị C", **WITHDRAWAL)
    assert not [m for m in mail.outbox if SUBJECT in m.subject]


def test_each_e_mail_greets_its_reader_by_name_or_the_unit_by_its_own(
    unit, people, django_capture_on_commit_callbacks
):
    """Staff screens say "bạn", not a citizen's "ông/bà": the e-mail to an officer greets
    them by their full name, the unit's mailbox by the unit's name; scheduled or called off."""
    people["inviter"].last_name, people["inviter"].first_name = "Lê Thị", "Mời"
    people["inviter"].save()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, second_time=True,
                   assigned_user=people["handler"], title="Khiếu nại thu viện phí")
    day = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "schedule_dialogue", people["inviter"],
            scheduled_at=f"{day.isoformat()}T14:30", place="Phòng họp số 2",
            participants="Người khiếu nại")
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "withdraw", people["inviter"], **WITHDRAWAL)
    for subject in ("lịch đối thoại", SUBJECT):
        sent = {m.to[0]: m.body for m in mail.outbox if subject in m.subject}
        assert sent["moi@example.vn"].startswith("Kính gửi Lê Thị Mời,\n"), subject
        assert sent["xuly@example.vn"].startswith("Kính gửi Nguyễn Văn A,\n"), subject
        assert sent["bv@example.vn"].startswith("Kính gửi Bệnh viện Thử,\n"), subject
        assert not any("ông/bà" in body for body in sent.values())
