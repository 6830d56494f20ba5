"""The unit whose head resolved a complaint the first time is told of the second round:
its acceptance (khoản 1 Điều 36 Luật Khiếu nại), each dialogue scheduled (the person
complained against is invited: khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi Nghị
định 155/2026/NĐ-CP) and the decision (khoản 1 Điều 41 Luật Khiếu nại), by a staff e-mail to
each of its leaders (`staff_first_round_informed`); nobody else of it, and nothing for a
first-round case."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from complaints.models import CaseEvent
from complaints.signals import case_event_recorded
from tests.complaints.workflow.helpers import act, second_round_at_so
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = ["complaints.view_case", "complaints.act_on_case"]
PROVINCE = [*STAFF, "complaints.view_all_cases", "complaints.approve_case"]


@pytest.fixture
def rounds():
    hospital = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm")
    rounds = second_round_at_so(hospital)
    first, second, so = rounds.first, rounds.second, rounds.so
    leader = UserFactory(
        username="gd-bv",
        email="gd@bv.vn",
        facility=hospital,
        perms=[*STAFF, "complaints.approve_case"],
        admin_access=True,
    )
    UserFactory(username="cb-bv", email="cb@bv.vn", facility=hospital, perms=STAFF)
    officer = UserFactory(
        username="tt-so", email="tt@so.vn", facility=so, perms=PROVINCE, admin_access=True
    )
    return {"first": first, "second": second, "leader": leader, "officer": officer}


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_dialogue_of_the_second_round_is_told_to_the_first_units_leaders(
    rounds, django_capture_on_commit_callbacks
):
    day = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        act(
            rounds["second"],
            "schedule_dialogue",
            rounds["officer"],
            scheduled_at=f"{day.isoformat()}T09:00",
            place="Phòng họp Sở",
            participants="Người khiếu nại; Giám đốc Bệnh viện Đặng Thùy Trâm",
        )
    (message,) = _to("gd@bv.vn")
    assert rounds["second"].tracking_code in message.subject
    assert "lên lịch đối thoại" in message.subject
    assert "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP" in message.body
    assert rounds["first"].tracking_code in message.body
    # by the leader's full name, never the login ("Kính gửi gd-bv"), as every staff mail
    assert "Kính gửi Nguyễn Văn A, lãnh đạo Bệnh viện Đặng Thùy Trâm," in message.body
    assert "gd-bv" not in message.body
    assert not _to("cb@bv.vn")  # a leader's, not every officer's


@pytest.mark.parametrize(
    ("action", "article"),
    [("accept", "khoản 1 Điều 36 Luật Khiếu nại"), ("conclude", "khoản 1 Điều 41 Luật Khiếu nại")],
)
def test_acceptance_and_decision_are_told_with_their_article(
    rounds, django_capture_on_commit_callbacks, action, article
):
    case = rounds["second"]
    event = CaseEvent.objects.create(
        case=case, action=action, actor=rounds["officer"], at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=None, case=case, event=event)
    (message,) = _to("gd@bv.vn")
    assert article in message.body


def test_a_first_round_case_tells_nobody_above(rounds, django_capture_on_commit_callbacks):
    case = rounds["first"]
    event = CaseEvent.objects.create(
        case=case, action="conclude", actor=rounds["leader"], at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=None, case=case, event=event)
    assert not [m for m in mail.outbox if "Khiếu nại lần hai" in m.subject]
