"""Through the production layer the publisher counts each staff group's scopes once and the
counts travel with the change (issue 16 §2, `complaints.broadcast_counters`): the server
processes deliver them without counting again, and a burst of changes costs each group about
one count per interval."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.core.cache import cache

from complaints import broadcast_counters, broadcasts
from complaints.selectors import dashboard
from tests.factories import FacilityFactory, UserFactory

from .helpers import communicator, fan_out_done, messages_until_quiet
from .test_dashboard_consumer import STAFF, file_case, province_user, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def counted(monkeypatch):
    """How often the publisher counted each group, and how often a dashboard counted."""
    calls = {"groups": [], "dashboards": 0}
    real_group, real_scope = broadcast_counters.count_group, dashboard.scope_counters

    def count_group(group):
        calls["groups"].append(group)
        return real_group(group)

    def scope_counters(**kwargs):
        calls["dashboards"] += 1
        return real_scope(**kwargs)

    monkeypatch.setattr(broadcast_counters, "count_group", count_group)
    monkeypatch.setattr(dashboard, "scope_counters", scope_counters)
    return calls


async def test_the_change_carries_its_groups_counters_to_every_process(pubsub, counted):
    url, prefix = pubsub

    def setup():
        centre = FacilityFactory()
        station = FacilityFactory(parent=centre)
        handler = UserFactory(perms=STAFF, admin_access=True, facility=centre)
        return centre, station, province_user(), handler

    centre, station, inspector, handler = await database_sync_to_async(setup)()
    pages = {}
    for name, user in (("inspector", inspector), ("handler", handler)):
        pages[name] = await communicator("/ws/dashboard/", user=user)
        assert (await pages[name].connect())[0]
        assert (await receive_until(pages[name], "dashboard.counters"))["total"] == 0
    # Another server process: a bare member of the province group.
    other = RedisPubSubChannelLayer(hosts=[url], prefix=prefix)
    there = await other.new_channel()
    await other.group_add(broadcasts.group_province(), there)
    counted.update(groups=[], dashboards=0)
    try:
        case = await database_sync_to_async(file_case)(assigned_unit=station)
        message = await asyncio.wait_for(other.receive(there), 5)
        carried = message["payload"]["counters"]
        assert carried["all"]["total"] == 1 and carried["all"]["by_status"][case.status] == 1
        press = dashboard.partial_scope_key(press=True, units=())
        assert carried[press]["total"] == 0  # not a press report
        for page in pages.values():
            assert (await receive_until(page, "dashboard.case"))["case_id"] == case.pk
            counters = await receive_until(page, "dashboard.counters")
            assert counters["total"] == 1 and counters["open"] == 1
        # Counted by the publisher, once per group a dashboard is open in (the province and
        # the centre above the station; the station's own group has none); no dashboard
        # counted.
        assert sorted(counted["groups"]) == sorted(
            ["province", broadcasts.group_for_unit(centre.pk)]
        )
        assert counted["dashboards"] == 0
    finally:
        for page in pages.values():
            await page.disconnect()
        await other.flush()


async def test_groups_without_an_open_dashboard_are_not_counted(pubsub, counted):
    """At night nobody watches: a submission costs no count. A dashboard that opens marks its
    groups, and the next change to them is counted once and carried."""
    unit = await database_sync_to_async(FacilityFactory)()
    await database_sync_to_async(file_case)(assigned_unit=unit)
    await fan_out_done()
    assert counted["groups"] == []

    page = await communicator("/ws/dashboard/", user=await database_sync_to_async(province_user)())
    assert (await page.connect())[0]
    assert (await receive_until(page, "dashboard.counters"))["total"] == 1
    counted.update(groups=[], dashboards=0)
    await database_sync_to_async(file_case)(assigned_unit=unit)
    assert (await receive_until(page, "dashboard.counters"))["total"] == 2
    await fan_out_done()
    assert counted["groups"] == ["province"]  # the unit's group has no page open
    assert counted["dashboards"] == 0
    await page.disconnect()


async def test_a_lapsed_mark_is_set_again_by_the_next_change(pubsub, counted, monkeypatch):
    """A page left open longer than the mark lasts: the next change's counters are counted by
    the dashboards themselves, and that change marks the group again for the publisher."""
    from complaints import consumers

    page = await communicator("/ws/dashboard/", user=await database_sync_to_async(province_user)())
    assert (await page.connect())[0]
    await receive_until(page, "dashboard.counters")
    await database_sync_to_async(cache.delete)(broadcast_counters._watched_key("province"))
    monkeypatch.setattr(consumers, "_groups_marked_at", [float("-inf")])
    counted.update(groups=[], dashboards=0)
    await database_sync_to_async(file_case)()
    assert (await receive_until(page, "dashboard.counters"))["total"] == 1
    await fan_out_done()
    assert counted["groups"] == [] and counted["dashboards"] == 1
    assert await database_sync_to_async(broadcast_counters.watched)(["province"]) == ["province"]
    await page.disconnect()


async def test_a_burst_is_counted_about_once_per_interval(pubsub, counted, settings):
    interval = settings.DASHBOARD_COUNTERS_INTERVAL = 0.5
    page = await communicator("/ws/dashboard/", user=await database_sync_to_async(province_user)())
    assert (await page.connect())[0]
    await receive_until(page, "dashboard.counters")
    counted.update(groups=[], dashboards=0)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await database_sync_to_async(file_case)()
    await fan_out_done()  # counted at once; the next four inside the interval
    for _ in range(4):
        await database_sync_to_async(file_case)()
    burst = loop.time() - started
    messages = await messages_until_quiet(page, quiet=1.5)
    announced = [m for m in messages if m["type"] == "dashboard.case"]
    counters = [m for m in messages if m["type"] == "dashboard.counters"]
    assert len(announced) == 5  # every change at once
    assert counters[-1]["total"] == 5  # and the counters at the end complete
    # The first change counted at once, the rest promised and counted at the interval's end.
    allowed = 2 + int(burst / interval)
    assert 2 <= counted["groups"].count("province") <= allowed
    assert len(counters) <= allowed
    assert counted["dashboards"] == 0
    await page.disconnect()


async def test_a_scope_no_group_stands_for_is_counted_by_its_dashboard(pubsub, counted):
    """A handler of two units: the publisher counts each unit's scope, not their union."""

    def setup():
        first, second = FacilityFactory(), FacilityFactory()
        user = UserFactory(perms=STAFF, admin_access=True, facility=[first, second])
        return first, second, user

    first, second, user = await database_sync_to_async(setup)()
    page = await communicator("/ws/dashboard/", user=user)
    assert (await page.connect())[0]
    await receive_until(page, "dashboard.counters")
    counted.update(groups=[], dashboards=0)
    await database_sync_to_async(file_case)(assigned_unit=first)
    await fan_out_done()
    await database_sync_to_async(file_case)(assigned_unit=second)
    messages = await messages_until_quiet(page, quiet=1.0)
    totals = [m["total"] for m in messages if m["type"] == "dashboard.counters"]
    assert totals[-1] == 2
    assert counted["dashboards"] >= 1
    await page.disconnect()


def test_a_change_inside_the_interval_promises_what_was_counted_last_time(monkeypatch, settings):
    """At a hundred submissions a second a group is counted once a second; the changes in
    between promise the scopes counted last time, without reading anything."""
    settings.DASHBOARD_COUNTERS_INTERVAL = 60
    counted = []

    def count_group(group):
        counted.append(group)
        return {"scope-1": {"total": 1}}

    def group_scopes(group):
        raise AssertionError("the facility tree read for a promise")

    monkeypatch.setattr(broadcast_counters, "count_group", count_group)
    monkeypatch.setattr(broadcast_counters, "group_scopes", group_scopes)
    counters = broadcast_counters.GroupCounters(lambda: None)
    try:
        first = counters.for_change(["unit.1"])
        assert first == {"unit.1": {"counters": {"scope-1": {"total": 1}}}}
        for _ in range(3):
            assert counters.for_change(["unit.1"]) == {"unit.1": {"counters_follow": ["scope-1"]}}
        assert counted == ["unit.1"]
        assert counters.due() == []  # the interval is not over: nothing counted yet
    finally:
        counters._timer.cancel()


def test_every_promise_is_kept_when_groups_fall_due_at_different_times(monkeypatch, settings):
    """Two groups promised counters, due 30 ms apart: the wake-up for the first must schedule
    the second's, or its dashboards would wait for counters that never come."""
    import threading
    import time

    settings.DASHBOARD_COUNTERS_INTERVAL = 0.5  # the calls below fit in it on a loaded machine
    monkeypatch.setattr(broadcast_counters, "count_group", lambda group: {f"{group}-scope": {}})
    sent, done = [], threading.Event()

    def submit():  # as the fan-out thread would run it, here on the timer's own thread
        sent.extend(group for group, _payload in counters.due())
        if len(sent) == 2:
            done.set()

    counters = broadcast_counters.GroupCounters(submit)
    counters.for_change(["unit.1"])
    time.sleep(0.03)
    counters.for_change(["unit.2"])
    assert counters.for_change(["unit.1", "unit.2"]) == {
        "unit.1": {"counters_follow": ["unit.1-scope"]},
        "unit.2": {"counters_follow": ["unit.2-scope"]},
    }
    assert done.wait(2), f"promised counters never sent: {sent}"
    assert sent == ["unit.1", "unit.2"]


async def test_when_the_publisher_cannot_count_the_dashboards_count_their_own(
    pubsub, monkeypatch, caplog
):
    def broken(group):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(broadcast_counters, "count_group", broken)
    page = await communicator("/ws/dashboard/", user=await database_sync_to_async(province_user)())
    assert (await page.connect())[0]
    await receive_until(page, "dashboard.counters")
    case = await database_sync_to_async(file_case)()
    assert (await receive_until(page, "dashboard.case", timeout=5))["case_id"] == case.pk
    assert (await receive_until(page, "dashboard.counters", timeout=5))["total"] == 1
    assert "counting the dashboard counters of province failed" in caplog.text
    await page.disconnect()


def test_forgetting_cancels_the_promised_count(monkeypatch, settings):
    """What the suite does before it empties the database (`broadcasts.fan_out_drain`): no
    count stays scheduled to read the tables a flush truncates, and the next change counts
    afresh."""
    import time

    settings.DASHBOARD_COUNTERS_INTERVAL = 0.1
    counted = []
    monkeypatch.setattr(
        broadcast_counters, "count_group", lambda group: counted.append(group) or {"s": {}}
    )
    woken = []
    counters = broadcast_counters.GroupCounters(lambda: woken.append(counters.due()))
    counters.for_change(["unit.1"])
    assert counters.for_change(["unit.1"]) == {"unit.1": {"counters_follow": ["s"]}}
    counters.forget()
    time.sleep(0.3)
    assert woken == [] and counted == ["unit.1"]  # the wake-up never came, nothing counted
    assert counters.for_change(["unit.1"]) == {"unit.1": {"counters": {"s": {}}}}


def test_draining_the_fan_out_waits_for_what_it_was_given():
    import threading

    started, release = threading.Event(), threading.Event()
    finished = []

    def slow():
        started.set()
        release.wait(5)
        finished.append(True)

    broadcasts._fan_out.submit(slow)
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()
    broadcasts.fan_out_drain()
    assert finished == [True]


class _Clock:
    """The two publishers' clock, moved by the test: which interval a lease belongs to is read
    from the wall clock (`int(time.time() / interval)`), so on a real clock a boundary may
    fall between two lines of a test and hand the second process a lease of its own."""

    def __init__(self, start: float):
        self.now = start

    def time(self) -> float:
        return self.now

    monotonic = time

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def two_processes(monkeypatch, settings):
    """Two publishers sharing the cache, as two server processes share Redis; each group's
    count answers with the number of counts made so far. Time is the fixture's `clock`, at
    10 ms into an interval of 200 ms."""
    settings.DASHBOARD_COUNTERS_INTERVAL = 0.2
    clock = _Clock(start=5000 * 0.2 + 0.01)
    monkeypatch.setattr(broadcast_counters, "time", clock)
    counted = []

    def count_group(group):
        counted.append(group)
        return {"scope": {"total": len(counted)}}

    monkeypatch.setattr(broadcast_counters, "count_group", count_group)
    first = broadcast_counters.GroupCounters(lambda: None)  # wake-ups: `due` is called below
    second = broadcast_counters.GroupCounters(lambda: None)
    yield first, second, counted, clock
    first.forget()
    second.forget()


def _counted(sends):
    return [(group, payload["counters"]) for group, payload in sends]


def test_one_count_per_interval_for_every_process_together(two_processes):
    """A change in another process inside the interval promises the scopes the first counted
    (read from the shared cache), and counts nothing; at the interval's end the promise is
    kept by a count, once."""
    first, second, counted, clock = two_processes
    assert first.for_change(["unit.1"]) == {"unit.1": {"counters": {"scope": {"total": 1}}}}
    assert second.for_change(["unit.1"]) == {"unit.1": {"counters_follow": ["scope"]}}
    assert counted == ["unit.1"]
    assert second.due() == []  # not yet
    clock.sleep(0.25)
    # Nobody counted since the promise: the promising process keeps it.
    assert _counted(second.due()) == [("unit.1", {"scope": {"total": 2}})]
    assert counted == ["unit.1", "unit.1"]


def test_a_promise_is_let_go_when_another_process_counted_after_the_change(two_processes):
    first, second, counted, clock = two_processes
    first.for_change(["unit.1"])
    assert second.for_change(["unit.1"]) == {"unit.1": {"counters_follow": ["scope"]}}
    clock.sleep(0.25)
    # The first process's next change takes the new interval's lease and counts: its count
    # began after the second's change was marked, so it carries that change too.
    assert first.for_change(["unit.1"]) == {"unit.1": {"counters": {"scope": {"total": 2}}}}
    assert second.due() == []  # let go: no second count, nothing to send
    assert counted == ["unit.1", "unit.1"]


def test_a_change_after_the_other_process_counted_is_counted_again(two_processes):
    """The mark is set by every change, not only the first promise: a change made after
    another process began its count is not let go with the earlier ones."""
    first, second, counted, clock = two_processes
    first.for_change(["unit.1"])
    second.for_change(["unit.1"])  # promised
    clock.sleep(0.25)
    first.for_change(["unit.1"])  # counts: the mark is gone
    second.for_change(["unit.1"])  # a change after that count, under the same promise
    assert _counted(second.due()) == []  # the first holds this interval's lease: wait
    clock.sleep(0.25)
    assert _counted(second.due()) == [("unit.1", {"scope": {"total": 3}})]
