"""Scheduled publishing on time: a page approved with "Ngày giờ bắt đầu xuất bản" goes
live at that minute, and one with "Ngày giờ hết hạn" goes offline at its minute.

Wagtail (8) has no scheduler of its own: its `publish_scheduled` command publishes what
is due when it runs. `make run` starts `publish_scheduled_loop` beside the task worker;
in production it runs as a service (README, Production), or `publish_scheduled` from
cron every minute. The loop wakes at the next go-live or expiry time it knows of, and
at least every `interval` seconds (a schedule made meanwhile)."""

from __future__ import annotations

import datetime
import io

from django.apps import apps
from django.core.management import call_command
from django.db.models import Min
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision


def publish_due() -> str:
    """Publish the approved revisions whose time came, unpublish the expired (Wagtail's
    `publish_scheduled`); what it printed."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def next_due() -> datetime.datetime | None:
    """The earliest go-live time of an approved revision or expiry of a live object."""
    times = [Revision.objects.filter(approved_go_live_at__isnull=False)
             .aggregate(at=Min("approved_go_live_at"))["at"]]
    models = [Page, *(m for m in apps.get_models()
                      if issubclass(m, DraftStateMixin) and not issubclass(m, Page))]
    for model in models:
        times.append(model.objects.filter(live=True, expire_at__isnull=False)
                     .aggregate(at=Min("expire_at"))["at"])
    found = [t for t in times if t is not None]
    return min(found) if found else None


def seconds_to_wait(interval: float, now: datetime.datetime | None = None) -> float:
    """Until the next due time (just after it), at most `interval`."""
    due = next_due()
    if due is None:
        return interval
    now = now or timezone.now()
    return max(0.5, min(interval, (due - now).total_seconds() + 0.5))


def scheduled_message(page) -> str | None:
    """What the editor is told once a page's approved revision waits for its time: when
    it will appear (Vietnam time), None when nothing waits."""
    from django.utils.translation import gettext as _

    revision = page.get_latest_revision()
    at = revision.approved_go_live_at if revision is not None else None
    if at is None or at <= timezone.now():
        return None
    return _("Trang đã được duyệt và sẽ tự xuất bản lúc %(time)s (giờ Việt Nam); "
             "đến giờ đó trang chưa hiện trên cổng.") % {
        "time": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")}


def waiting_to_appear(user, limit: int = 20) -> list[tuple[Page, datetime.datetime]]:
    """The pages approved to appear later (their approved revision waits for its go-live
    time), soonest first, among those `user` may edit or publish: what the admin home
    shows, so whoever approves from the dashboard's pop-up sees when the page appears."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    waiting = list(Revision.page_revisions.filter(approved_go_live_at__gt=timezone.now())
                   .order_by("approved_go_live_at")
                   .values_list("object_id", "approved_go_live_at")[:limit])
    if not waiting:
        return []
    allowed = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"change", "publish"})
    pages = {page.pk: page for page in allowed.filter(pk__in={int(pk) for pk, _ in waiting})}
    return [(pages[int(pk)], at) for pk, at in waiting if int(pk) in pages]
