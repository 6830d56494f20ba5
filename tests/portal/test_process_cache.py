"""A per-process copy (portal.process_cache): reused while the shared generation stands,
reloaded after a change here or in another process, private to the transaction that
changed the data until it commits."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from complaints.models import Category
from portal.process_cache import ProcessCopy, shared_cache
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

KEY = "tests:process-copy:generation"


def _names() -> list[str]:
    return list(Category.objects.order_by("code").values_list("name", flat=True))


def test_the_copy_is_reused_while_the_generation_stands(django_assert_num_queries):
    CategoryFactory(code="a", name="Lĩnh vực A")
    copy = ProcessCopy(KEY, _names)
    with django_assert_num_queries(1):
        first = copy.get()
    with django_assert_num_queries(0):
        assert copy.get() is first
    assert first == ["Lĩnh vực A"]


def test_clear_reloads_it(django_assert_num_queries):
    category = CategoryFactory(code="a", name="Lĩnh vực A")
    copy = ProcessCopy(KEY, _names)
    first = copy.get()
    Category.objects.filter(pk=category.pk).update(name="Lĩnh vực A (mới)")
    assert copy.get() is first  # a change without signals goes unnoticed…
    copy.clear()  # …until it is announced
    with django_assert_num_queries(1):
        assert copy.get() == ["Lĩnh vực A (mới)"]


def test_another_process_sees_the_change_through_the_shared_cache():
    category = CategoryFactory(code="a", name="Lĩnh vực A")
    here, there = ProcessCopy(KEY, _names), ProcessCopy(KEY, _names)  # two processes' copies
    assert here.get() == there.get() == ["Lĩnh vực A"]
    category.name = "Lĩnh vực A (mới)"
    category.save()
    there.changed(sender=Category, instance=category)  # the receiver of the process that saved
    assert here.get() == ["Lĩnh vực A (mới)"]


def test_a_lost_generation_reloads_once(django_assert_num_queries):
    copy = ProcessCopy(KEY, _names)
    copy.get()
    shared_cache().delete(KEY)  # evicted, or Redis restarted
    with django_assert_num_queries(1):
        copy.get()
    with django_assert_num_queries(0):
        copy.get()


def test_pre_actions_of_m2m_changed_are_ignored():
    copy = ProcessCopy(KEY, _names)
    first = copy.get()
    copy.changed(sender=None, action="pre_add")
    assert copy.get() is first
    copy.changed(sender=None, action="post_add")
    assert copy.get() is not first


@pytest.mark.django_db(transaction=True)
def test_an_uncommitted_change_stays_private_then_is_cleared_on_commit():
    category = CategoryFactory(code="a", name="Lĩnh vực A")
    loads: list[str] = []

    def load() -> list[str]:
        loads.append(threading.current_thread().name)
        if threading.current_thread() is not threading.main_thread():
            # SQLite's shared in-memory test database locks the table this transaction
            # wrote: another thread's read stands for the committed rows it would see.
            return ["Lĩnh vực A"]
        return _names()

    copy = ProcessCopy(KEY, load)
    before = copy.get()
    seen_by_another_thread = []

    def another_thread():
        seen_by_another_thread.append(copy.get())

    with transaction.atomic():
        category.name = "Lĩnh vực A (chưa ghi)"
        category.save()
        copy.changed(sender=Category, instance=category)
        private = copy.get()
        assert private == ["Lĩnh vực A (chưa ghi)"]
        assert copy.get() is private  # read once for this transaction
        assert copy.shared is None  # never offered to the other threads
        thread = threading.Thread(target=another_thread)
        thread.start()
        thread.join()
        assert seen_by_another_thread == [["Lĩnh vực A"]]  # its own copy, not the private one
        assert copy.get() is private
        generation_inside = copy.generation()
    # The commit moves the generation again: a process that reloaded between the save and
    # the commit read the old rows, and reloads now.
    assert copy.generation() != generation_inside
    after = copy.get()
    assert after == ["Lĩnh vực A (chưa ghi)"] and after is not private and after != before
    assert copy.shared is after
    assert len(loads) == 4  # before, private, the other thread's, after the commit


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_old_rows():
    category = CategoryFactory(code="a", name="Lĩnh vực A")
    copy = ProcessCopy(KEY, _names)
    copy.get()
    with transaction.atomic():
        category.name = "Lĩnh vực A (chưa ghi)"
        category.save()
        copy.changed(sender=Category, instance=category)
        assert copy.get() == ["Lĩnh vực A (chưa ghi)"]
        transaction.set_rollback(True)
    assert copy.get() == ["Lĩnh vực A"]


ANOTHER_PROCESS = """
import django
django.setup()
from cms import tree
from complaints.services.calendar import working_calendar_clear
tree.changed()  # what publish_scheduled's receivers do on publishing or expiring a page
working_calendar_clear()  # what saving a calendar override does
"""


def test_another_process_of_the_machine_without_redis_is_seen_at_once(settings, tmp_path):
    """One machine, no Redis: the cron's `publish_scheduled` (another process) moves the
    page tree's generation and drops the calendar's overrides; the server process reads
    both at its next request, not after its own memory expires."""
    import os
    import subprocess
    import sys

    from cms import tree
    from complaints.services import calendar
    from portal.settings import env

    settings.CACHES = {**settings.CACHES, "markers": env.shared_cache(None, tmp_path)}
    before = tree.generation()
    calendar.working_calendar()
    assert shared_cache().get(calendar.CACHE_KEY) is not None

    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment |= {"DJANGO_SETTINGS_MODULE": "portal.settings.base",
                    "PORTAL_VAR_DIR": str(tmp_path)}  # fmt: skip
    subprocess.run([sys.executable, "-c", ANOTHER_PROCESS], env=environment,
                   cwd=settings.BASE_DIR, check=True, timeout=120)  # fmt: skip

    assert tree.generation() != before
    assert shared_cache().get(calendar.CACHE_KEY) is None


def test_the_markers_are_in_redis_when_there_is_one(tmp_path):
    from portal.settings import env

    assert env.shared_cache("redis://r:6379/0", tmp_path) == env.cache("redis://r:6379/0")["default"]
    assert env.shared_cache(None, tmp_path)["BACKEND"].endswith("FileBasedCache")
