"""A dialogue scheduled (đối thoại: Điều 30, Điều 39 Luật Khiếu nại; the notice at least 05
days ahead, khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP) is told, after the commit:

- to the complainant, by the channels they chose (e-mail, SMS) for the steps of their case,
  in their language: a "Giấy mời đối thoại" with the time (Vietnam time), the place, the
  unit that invites, what they may bring and who may come with them, each with its article;
  one message, not the invitation and the plain timeline notice besides;
- to the staff the portal knows for the meeting (who invited, the handler, the unit's mailbox
  and its staff who receive notifications), each by their own e-mail, never the reporter;
- a new time or place says which invitation it replaces."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityMembership, Reporter
from complaints.notifications import sms
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

PERMS = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]
PLACE = "Phòng họp số 2, Bệnh viện Thử"
SUBJECT = "Giấy mời đối thoại"


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-THU", name="Bệnh viện Thử", email="bv@example.vn")


@pytest.fixture
def people(unit):
    inviter = UserFactory(username="moi", email="moi@example.vn", perms=PERMS, facility=unit,
                          admin_access=True)
    handler = UserFactory(username="xuly", email="xuly@example.vn", perms=PERMS)
    silent = UserFactory(username="im", email="im@example.vn", perms=PERMS, facility=unit)
    FacilityMembership.objects.filter(user=silent).update(receives_notifications=False)
    return {"inviter": inviter, "handler": handler}


@pytest.fixture
def complaint(unit, people):
    sms.outbox.clear()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, second_time=True,
                   assigned_user=people["handler"], title="Khiếu nại thu viện phí")
    Reporter.objects.filter(case=case).update(consent_sms=True, phone="0905123456")
    case.refresh_from_db()
    return case


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _schedule(case, user, day, at="14:30", place=PLACE):
    return act(case, "schedule_dialogue", user, scheduled_at=f"{day.isoformat()}T{at}",
               place=place, participants="Người khiếu nại; Bệnh viện Thử")


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_the_complainant_is_invited_by_mail_and_sms_with_time_place_unit_and_rights(
    complaint, people, django_capture_on_commit_callbacks
):
    day = _day(10)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], day)
    [message] = _to(complaint.reporter.email)  # the invitation only, not a second notice
    assert SUBJECT in message.subject and complaint.tracking_code in message.subject
    body = message.body
    assert f"14:30 ngày {day:%d/%m/%Y}" in body
    assert PLACE in body
    assert "Bệnh viện Thử mời ông/bà" in body  # who invites
    # What the law lets the complainant do, each with its article (never invented).
    assert "ủy quyền cho người đại diện hợp pháp" in body
    assert "điểm c khoản 1 Điều 12 Luật Khiếu nại" in body
    assert "luật sư" in body and "Điều 16 Luật Khiếu nại" in body
    assert "thông tin, tài liệu, bằng chứng" in body
    assert "khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP" in body
    assert "khoản 5 Điều 28 Nghị định 124/2020/NĐ-CP" in body  # not attending
    assert "thay cho" not in body  # the first invitation replaces none
    [text] = [s.body for s in sms.outbox if s.to == "+84905123456"]
    assert text.startswith("Sở Y tế tỉnh Quảng Ngãi: Giấy mời đối thoại")
    assert f"14:30 ngày {day:%d/%m/%Y}" in text and PLACE in text and "Bệnh viện Thử" in text


def test_a_new_time_or_place_says_it_replaces_the_earlier_invitation(
    complaint, people, django_capture_on_commit_callbacks
):
    first, second = _day(8), _day(12)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], first, at="09:00")
    mail.outbox.clear()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], second, place="Hội trường Sở Y tế")
    [message] = _to(complaint.reporter.email)
    assert SUBJECT in message.subject
    assert (f"Giấy mời này thay cho giấy mời đối thoại lúc 09:00 ngày {first:%d/%m/%Y} tại "
            f"{PLACE}: buổi đối thoại đó không diễn ra.") in message.body
    assert f"14:30 ngày {second:%d/%m/%Y}" in message.body
    assert "Hội trường Sở Y tế" in message.body
    [text] = [s.body for s in sms.outbox]
    assert f"thay cho giấy mời lúc 09:00 ngày {first:%d/%m/%Y}" in text
    [staff] = _to("moi@example.vn")
    assert f"thay cho buổi đối thoại lúc 09:00 ngày {first:%d/%m/%Y}" in staff.body


def test_each_staff_member_of_the_meeting_gets_their_own_mail_without_the_reporter(
    complaint, people, django_capture_on_commit_callbacks
):
    day = _day(10)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], day)
    for address in ("moi@example.vn", "xuly@example.vn", "bv@example.vn"):
        [message] = _to(address)
        assert message.to == [address]
        assert "lịch đối thoại" in message.subject and complaint.tracking_code in message.subject
        assert f"14:30 ngày {day:%d/%m/%Y}" in message.body and PLACE in message.body
        assert f"/admin/ho-so/{complaint.tracking_code}/" in message.body
        assert complaint.reporter.name not in message.body
        assert complaint.reporter.email not in message.body
    assert not _to("im@example.vn")  # receives no notifications


def test_the_time_is_vietnam_time_whatever_zone_the_worker_runs_in(
    complaint, people, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    day = _day(10)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], day, at="07:30")
    assert not mail.outbox  # queued, not sent in the request
    with timezone.override("UTC"):
        for row in DBTaskResult.objects.order_by("enqueued_at", "id"):
            row.delete()
            import_string(row.task_path).call(
                *row.args_kwargs["args"], **row.args_kwargs["kwargs"]
            )
    [message] = _to(complaint.reporter.email)
    assert f"07:30 ngày {day:%d/%m/%Y}" in message.body
    assert f"07:30 ngày {day:%d/%m/%Y}" in _to("moi@example.vn")[0].body


def test_an_english_reader_reads_the_invitation_in_english(
    complaint, people, django_capture_on_commit_callbacks
):
    Reporter.objects.filter(case=complaint).update(language="en", consent_sms=False)
    day = _day(10)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], day)
    [message] = _to(complaint.reporter.email)
    assert "Invitation to a dialogue" in message.subject
    assert f"14:30 on {day:%d/%m/%Y}" in message.body
    assert "Article 12(1)(c) of the Law on Complaints" in message.body


def test_without_consent_to_be_told_the_complainant_gets_nothing_and_staff_still_do(
    complaint, people, django_capture_on_commit_callbacks
):
    Reporter.objects.filter(case=complaint).update(notify_decision=False)
    with django_capture_on_commit_callbacks(execute=True):
        _schedule(complaint, people["inviter"], _day(10))
    assert not _to(complaint.reporter.email) and not sms.outbox
    assert _to("moi@example.vn")
