"""The citizen's live timeline: /ws/submissions/{code}/?pin=PIN through the real ASGI app."""

from __future__ import annotations

import uuid

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from complaints import broadcasts
from complaints.kinds import CaseStatus
from complaints.models import CaseEvent
from complaints.services.tracking import pin_hash
from complaints.signals import case_event_recorded
from tests.factories import CaseFactory

from .helpers import close_code, communicator

pytestmark = pytest.mark.django_db(transaction=True)

PIN = "13572468"


@pytest.fixture(autouse=True)
def _generous_address_limit(settings):
    # The address limit is shared by every test (same client); the per-code limit is
    # exercised with fresh codes, so runs against a persistent Redis cache do not add up.
    settings.COMPLAINTS_RATE_LIMITS = {
        "lookup_address": (10_000, 600),
        "pin_code_address": (10, 3600),
    }


def make_case(**kwargs):
    kwargs.setdefault("tracking_code", f"YT-2026-{uuid.uuid4().int % 10**9:09d}")
    case = CaseFactory(**kwargs)
    case.pin_hash = pin_hash(tracking_code=case.tracking_code, pin=PIN)
    case.save(update_fields=["pin_hash"])
    return case


def record_event(case, *, action, to_status, public, message="", note=""):
    """What the workflow service does after commit: a CaseEvent, then the signal."""
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=to_status,
        at=timezone.now(),
        is_public=public,
        public_message=message,
        note=note,
    )
    case.status = to_status
    case.save(update_fields=["status"])
    case_event_recorded.send(sender=type(case), case=case, event=event)
    return event


async def test_wrong_pin_and_unknown_code_close_alike_with_4404():
    case = await database_sync_to_async(make_case)()
    wrong = await communicator(f"/ws/submissions/{case.tracking_code}/?pin=00000000")
    unknown_code = f"YT-2099-{uuid.uuid4().int % 10**9:09d}"
    unknown = await communicator(f"/ws/submissions/{unknown_code}/?pin={PIN}")
    no_pin = await communicator(f"/ws/submissions/{case.tracking_code}/")
    assert await close_code(wrong) == 4404
    assert await close_code(unknown) == 4404
    assert await close_code(no_pin) == 4404


async def test_public_event_reaches_the_citizen_without_identity_or_notes():
    case = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{case.tracking_code.lower()}/?pin={PIN}")
    connected, _ = await comm.connect()
    assert connected
    assert await comm.receive_nothing(timeout=0.2)

    await database_sync_to_async(record_event)(
        case,
        action="accept",
        to_status=CaseStatus.ACCEPTED,
        public=True,
        message="Hồ sơ đã được thụ lý.",
        note="ghi chú nội bộ bí mật",
    )
    message = await comm.receive_json_from(timeout=10)
    assert set(message) == {
        "type", "action", "status", "status_label", "at", "message", "label", "recorded"
    }
    assert message["type"] == "case.event"
    assert message["action"] == "accept"
    assert message["status"] == "accepted"
    # A phản ánh is received for handling, not "thụ lý" (Nghị định 154/2026/NĐ-CP).
    assert message["status_label"] == "Đang xử lý"
    assert message["message"] == "Hồ sơ đã được thụ lý."  # as recorded
    assert message["recorded"] is True  # the Vietnamese record: the page marks it lang="vi"
    assert message["label"] == "Đã tiếp nhận để xử lý"
    assert timezone.datetime.fromisoformat(message["at"])
    text = str(message)
    assert "bí mật" not in text and "Nguyễn Thị Dân" not in text
    await comm.disconnect()


async def test_once_the_socket_is_open_no_event_passes_it_by(monkeypatch):
    """The consumer joins the case's group before it completes the handshake: an event
    recorded the moment the page's socket opens reaches it, however long the PIN check took
    (a slow check is what a loaded server makes of it)."""
    import asyncio

    from complaints.consumers import SubmissionConsumer

    check = SubmissionConsumer.__dict__["_verify"]  # unbound: asgiref binds on access

    async def slow_check(self, *args):
        await asyncio.sleep(0.5)
        return await check(self, *args)

    monkeypatch.setattr(SubmissionConsumer, "_verify", slow_check)
    case = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert (await comm.connect(timeout=5))[0]
    await database_sync_to_async(record_event)(
        case, action="accept", to_status=CaseStatus.ACCEPTED, public=True
    )
    assert (await comm.receive_json_from(timeout=5))["action"] == "accept"
    await comm.disconnect()


async def test_a_client_gone_before_the_handshake_ends_leaves_no_channel_in_the_group(
    monkeypatch,
):
    """Uvicorn's websockets-sansio raises from `accept` when the client left during the PIN
    check, and never calls `disconnect`: the consumer leaves the group itself."""
    from channels.layers import get_channel_layer

    from complaints.consumers import SubmissionConsumer

    class ClientDisconnected(OSError):
        pass

    async def gone(self, *args, **kwargs):
        raise ClientDisconnected

    joined, left = [], []
    layer = get_channel_layer()
    group_add, group_discard = layer.group_add, layer.group_discard

    async def add(group, channel):
        joined.append((group, channel))
        await group_add(group, channel)

    async def discard(group, channel):
        left.append((group, channel))
        await group_discard(group, channel)

    monkeypatch.setattr(layer, "group_add", add)
    monkeypatch.setattr(layer, "group_discard", discard)
    monkeypatch.setattr(SubmissionConsumer, "accept", gone)
    case = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    with pytest.raises(ClientDisconnected):
        await comm.connect(timeout=5)
    assert joined and left == joined


async def test_internal_events_are_not_sent_and_internal_states_show_as_public_ones():
    case = await database_sync_to_async(make_case)(status=CaseStatus.ACCEPTED)
    comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    connected, _ = await comm.connect()
    assert connected

    await database_sync_to_async(record_event)(
        case, action="assign", to_status=CaseStatus.ACCEPTED, public=False
    )
    assert await comm.receive_nothing(timeout=0.3)

    # A public event into an internal state: the citizen sees the public status.
    await database_sync_to_async(record_event)(
        case, action="start_verification", to_status=CaseStatus.VERIFYING, public=True
    )
    message = await comm.receive_json_from(timeout=10)
    assert message["status"] == "accepted"
    await comm.disconnect()


async def test_events_of_another_case_are_not_received():
    mine = await database_sync_to_async(make_case)()
    other = await database_sync_to_async(make_case)()
    comm = await communicator(f"/ws/submissions/{mine.tracking_code}/?pin={PIN}")
    assert (await comm.connect())[0]
    await database_sync_to_async(record_event)(
        other, action="accept", to_status=CaseStatus.ACCEPTED, public=True
    )
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


async def test_english_label_when_the_visitor_chose_english():
    case = await database_sync_to_async(make_case)()
    comm = await communicator(
        f"/ws/submissions/{case.tracking_code}/?pin={PIN}",
        headers=[(b"cookie", b"django_language=en")],
    )
    assert (await comm.connect())[0]
    await database_sync_to_async(record_event)(
        case, action="reject", to_status=CaseStatus.REJECTED, public=True,
        message="Không thụ lý. Căn cứ: đơn nặc danh.",
    )
    message = await comm.receive_json_from(timeout=10)
    assert message["status"] == "rejected"
    assert message["status_label"] != "Không thụ lý"  # translated (locale/en)
    # The message is the record's Vietnamese text; the action comes in English beside it.
    assert message["message"] == "Không thụ lý. Căn cứ: đơn nặc danh."
    assert message["label"] == "Case not accepted"
    assert message["recorded"] is True
    await comm.disconnect()


def record_acceptance(case):
    """What `_accept` records for a phản ánh: the portal's own sentence, with its date."""
    event = CaseEvent.objects.create(
        case=case, action="accept", from_status=case.status, to_status=CaseStatus.ACCEPTED,
        at=timezone.now(), is_public=True, data={"resolve_by": "2026-12-28"},
        public_message="Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời: 28/12/2026.",
    )
    case.status = CaseStatus.ACCEPTED
    case.save(update_fields=["status"])
    case_event_recorded.send(sender=type(case), case=case, event=event)
    return event


async def test_a_line_the_portal_wrote_comes_in_the_readers_language_as_the_page_shows_it():
    """An English follower reads the portal's own sentence in English, as the tracking page
    renders it after a reload (`event_text.system_line`); a Vietnamese one reads the record."""
    from complaints.selectors.tracking import case_public_view

    case = await database_sync_to_async(make_case)(kind="phan_anh")
    english = await communicator(
        f"/ws/submissions/{case.tracking_code}/?pin={PIN}",
        headers=[(b"cookie", b"django_language=en")],
    )
    vietnamese = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert (await english.connect())[0] and (await vietnamese.connect())[0]
    await database_sync_to_async(record_acceptance)(case)

    read = await english.receive_json_from(timeout=10)
    assert read["message"] == (
        "Your feedback or recommendation has been received for handling. Answer due: 28/12/2026."
    )
    assert read["recorded"] is False  # not the Vietnamese record: no lang="vi"

    def rendered_in_english():
        from django.utils import translation

        with translation.override("en"):
            return case_public_view(case=case).timeline[-1]

    row = await database_sync_to_async(rendered_in_english)()
    assert (read["message"], read["recorded"]) == (row.message, row.recorded)

    stored = await vietnamese.receive_json_from(timeout=10)
    assert stored["message"] == (
        "Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời: 28/12/2026."
    )
    assert stored["recorded"] is True
    await english.disconnect()
    await vietnamese.disconnect()


async def test_pin_guessing_is_throttled_per_code(settings):
    settings.COMPLAINTS_RATE_LIMITS = {"pin_code_address": (3, 3600), "lookup_address": (100, 600)}
    case = await database_sync_to_async(make_case)()
    for _ in range(3):
        comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin=11111111")
        assert await close_code(comm) == 4404
    # Even the right PIN is refused now: guessing cannot go on.
    comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={PIN}")
    assert await close_code(comm) == 4429


def test_group_names_are_valid_for_every_channel_layer():
    name = broadcasts.group_for_case("YT-2026-000123")
    assert name == broadcasts.group_for_case(" yt-2026-000123 ")
    assert len(name) < 100 and all(c.isalnum() or c in "-_." for c in name)
    assert "000123" not in name
    assert broadcasts.group_for_unit(7) == "unit.7"


async def test_an_unknown_code_costs_the_same_pin_work_as_a_wrong_pin(monkeypatch):
    """Timing must not tell an unknown code from a wrong PIN: the consumer checks
    through `case_lookup`, which hashes against a dummy when no case has the code."""
    from complaints.services import tracking

    calls = []
    real = tracking.salted_hmac

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(tracking, "salted_hmac", counting)
    case = await database_sync_to_async(make_case)()
    unknown_code = f"YT-2099-{uuid.uuid4().int % 10**9:09d}"

    work = {}
    for label, path in {
        "wrong_pin": f"/ws/submissions/{case.tracking_code}/?pin=00000000",
        "unknown_code": f"/ws/submissions/{unknown_code}/?pin=00000000",
        "no_pin": f"/ws/submissions/{unknown_code}/",
    }.items():
        calls.clear()
        assert await close_code(await communicator(path)) == 4404
        work[label] = len(calls)
    assert work["wrong_pin"] > 0
    assert work["unknown_code"] == work["wrong_pin"] == work["no_pin"]


async def test_failures_count_against_the_code_as_on_the_tracking_page(settings):
    """Known or unknown, each failed attempt counts against the code (`case_lookup`)."""
    settings.COMPLAINTS_RATE_LIMITS = {
        "lookup_address": (10_000, 600),
        "pin_code_address": (2, 3600),
    }
    unknown_code = f"YT-2099-{uuid.uuid4().int % 10**9:09d}"
    for _attempt in range(2):
        comm = await communicator(f"/ws/submissions/{unknown_code}/?pin=00000000")
        assert await close_code(comm) == 4404
    comm = await communicator(f"/ws/submissions/{unknown_code}/?pin=00000000")
    assert await close_code(comm) == 4429


async def test_pin_guessing_is_throttled_per_ipv6_64_not_per_address(settings):
    """One IPv6 host holds a /64: its addresses share one allowance (`address_key`)."""
    settings.COMPLAINTS_RATE_LIMITS = {"pin_code_address": (3, 3600), "lookup_address": (100, 600)}
    case = await database_sync_to_async(make_case)()

    async def code_from(address: str, pin: str) -> int | None:
        comm = await communicator(f"/ws/submissions/{case.tracking_code}/?pin={pin}")
        comm.scope["client"] = (address, 50000)
        return await close_code(comm)

    for n in range(3):
        assert await code_from(f"2001:db8:7:8:{n + 1:x}::1", "11111111") == 4404
    assert await code_from("2001:db8:7:8:ffff::9", PIN) == 4429


async def test_behind_the_proxy_each_citizen_is_counted_as_themself(settings):
    """COMPLAINTS_TRUSTED_PROXY_COUNT: the socket reads the client from X-Forwarded-For as
    the tracking page does, so one citizen's wrong PINs do not lock out the others who
    reach the portal through the same proxy, and a guesser cannot hide behind it."""
    settings.COMPLAINTS_TRUSTED_PROXY_COUNT = 1
    settings.COMPLAINTS_RATE_LIMITS = {"pin_code_address": (3, 3600), "lookup_address": (100, 600)}
    case = await database_sync_to_async(make_case)()

    async def socket(citizen: str, pin: str):
        comm = await communicator(
            f"/ws/submissions/{case.tracking_code}/?pin={pin}",
            headers=[(b"x-forwarded-for", citizen.encode())],
        )
        comm.scope["client"] = ("10.0.0.2", 50000)  # the proxy
        return comm

    for _attempt in range(3):
        assert await close_code(await socket("203.0.113.7", "11111111")) == 4404
    assert await close_code(await socket("203.0.113.7", PIN)) == 4429  # the guesser, held
    other = await socket("198.51.100.4", PIN)  # another citizen
    connected, _ = await other.connect()
    assert connected and await other.receive_nothing(timeout=0.5)
    await other.disconnect()
