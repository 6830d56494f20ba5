"""Live updates from the real services: intake and the workflow send their domain
signals; `complaints.broadcasts` turns them into group messages after the commit; the
consumers (through the real ASGI app) deliver them."""

from __future__ import annotations

import dataclasses

import pytest
from channels.db import database_sync_to_async

from complaints import broadcasts
from complaints.services.intake import ReporterData, SubmissionData, case_submit
from complaints.services.workflow import case_transition
from tests.factories import UserFactory

from .helpers import communicator

pytestmark = pytest.mark.django_db(transaction=True)

PROVINCE = [
    "complaints.view_case",
    "complaints.act_on_case",
    "complaints.view_all_cases",
]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.COMPLAINTS_RATE_LIMITS = {
        "submission": None,
        "lookup_address": None,
        "pin_code_address": None,
        "pin_address": None,
        "pin_code": None,
    }


def submit():
    result = case_submit(
        data=SubmissionData(
            kind="phan_anh",
            title="Nhân viên thu tiền không đưa biên lai",
            content="Sáng nay tại quầy thu phí, nhân viên không đưa biên lai cho tôi.",
            facility="BV-DKT-QNG",
            category="kham-chua-benh",
            reporter=ReporterData(name="Lê Thị Mai", phone="0905111222"),
            consent=True,
        ),
        channel="web",
    )
    return result.case, result.pin


async def test_a_staff_action_reaches_the_citizen_following_the_case(demo_reference_data):
    case, pin = await database_sync_to_async(submit)()
    officer = await database_sync_to_async(UserFactory)(perms=PROVINCE, admin_access=True)
    citizen = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={pin}")
    assert (await citizen.connect())[0]

    await database_sync_to_async(case_transition)(
        case_id=case.pk, action="accept", actor=officer, data={}, origin="admin"
    )
    message = await citizen.receive_json_from(timeout=10)
    assert message["type"] == "case.event"
    assert message["action"] == "accept"
    assert message["status"] == "accepted"
    # A phản ánh is received for handling (Nghị định 154/2026/NĐ-CP), never "thụ lý".
    assert message["message"].startswith("Phản ánh, kiến nghị đã được tiếp nhận để xử lý.")

    # An internal step is not sent to the citizen.
    await database_sync_to_async(case_transition)(
        case_id=case.pk, action="start_verification", actor=officer, data={}, origin="admin"
    )
    assert await citizen.receive_nothing(timeout=0.3)
    await citizen.disconnect()


async def test_a_new_submission_reaches_the_province_dashboard(demo_reference_data):
    officer = await database_sync_to_async(UserFactory)(perms=PROVINCE, admin_access=True)
    staff = await communicator("/ws/dashboard/", user=officer)
    assert (await staff.connect())[0]
    assert (await staff.receive_json_from(timeout=10))["type"] == "dashboard.counters"

    case, _pin = await database_sync_to_async(submit)()
    message = await staff.receive_json_from(timeout=10)
    assert message["type"] == "dashboard.case"
    assert message["created"] is True and message["tracking_code"] == case.tracking_code
    counters = await staff.receive_json_from(timeout=10)
    assert counters["total"] == 1 and counters["by_status"]["received"] == 1
    assert "Lê Thị Mai" not in str(message) + str(counters)
    await staff.disconnect()


def test_a_new_case_is_told_to_the_staff_only(monkeypatch, demo_reference_data):
    """Nobody follows a case before the answer that gives its code: its creation goes to the
    staff groups, and nothing to the case's own group."""
    sent = []
    monkeypatch.setattr(broadcasts, "_send", sent.extend)
    case, _pin = submit()
    groups = [group for group, _type, _payload in sent]
    assert broadcasts.group_for_case(case.tracking_code) not in groups
    assert broadcasts.group_province() in groups
    assert {message_type for _group, message_type, _payload in sent} == {
        broadcasts.STAFF_CASE_CHANGE
    }


def test_payloads_carry_no_identity():
    public = {f.name for f in dataclasses.fields(broadcasts.PublicCaseEvent)}
    staff = {f.name for f in dataclasses.fields(broadcasts.StaffCaseChange)}
    # `change_id` is opaque, per event (the consumers encode it once per process).
    # `kind` picks the words of a phản ánh's statuses (never who filed it).
    # `messages`: the portal's own sentence of the event in each language (`event_text`),
    # written from the event's data like `message`, never from the reporter.
    assert public == {"action", "status", "at", "message", "messages", "kind", "change_id"}
    # Ids of the unit and the handler let the consumers decide scope without a query.
    assert staff == {
        "case_id",
        "tracking_code",
        "kind",
        "status",
        "action",
        "at",
        "created",
        "assigned_unit_id",
        "assigned_user_id",
        "change_id",  # opaque, per change (consumers share the work one change causes)
    }


def test_a_broken_channel_layer_never_breaks_the_write(monkeypatch, demo_reference_data):
    class BrokenLayer:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(broadcasts, "get_channel_layer", lambda: BrokenLayer())
    case, _pin = submit()  # published after the commit: no exception escapes
    # The fan-out thread counts the dashboards' counters for a network layer: let it finish,
    # with no count left scheduled, before the next insert (SQLite's in-memory test database:
    # "table is locked" otherwise; this test failed once so).
    broadcasts.fan_out_drain()
    officer = UserFactory(perms=PROVINCE, admin_access=True)
    event = case_transition(case_id=case.pk, action="accept", actor=officer, data={}, origin="t")
    assert event.action == "accept"
