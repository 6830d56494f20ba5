"""Scheduled publishing on time (cms/scheduling.py): `publish_scheduled_loop`, started by
`make run`, publishes an approved page at its go-live time and wakes for it; the head
approving a page whose time has not come is told when it will appear."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import scheduling
from cms.models import GuidePage
from tests.cms.helpers import add_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def scheduled_draft(parent, user, go_live_at) -> GuidePage:
    page = add_page(parent, GuidePage(title="Chỉ thị hẹn giờ", slug="hen-gio"), live=False,
                    user=user)
    page = Page.objects.get(pk=page.pk).specific
    page.go_live_at = go_live_at
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page


def editor_data(page) -> dict:
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "intro": "",
        "go_live_at": timezone.localtime(page.go_live_at).strftime("%d/%m/%Y %H:%M"),
        "body": streamfield([]), "comments": inline_formset([]),
    })
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    return data


def test_make_run_starts_the_scheduled_publishing():
    run = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "manage.py publish_scheduled_loop &" in run
    assert "$$scheduler" in run  # stopped with make run


def test_the_loop_publishes_what_is_due_and_wakes_at_the_next_time(cms_site, roles):
    soon = timezone.now() + datetime.timedelta(minutes=4)
    page = scheduled_draft(cms_site.guides, roles.editor_user, soon)
    page.current_workflow_task.on_action(page.current_workflow_task_state, roles.head_user,
                                         "approve")
    page.refresh_from_db()
    assert not page.live

    assert 239 <= scheduling.seconds_to_wait(600) <= 241  # wakes at its time, not later
    assert scheduling.seconds_to_wait(30) == 30

    call_command("publish_scheduled_loop", "--once", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live  # not yet

    # Its time comes: the revision's go-live time, as the editor set it, is now past.
    revision = page.get_latest_revision()
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled_loop", "--once", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert scheduling.next_due() is None


def test_approving_a_scheduled_page_says_when_it_appears(client, cms_site, roles):
    at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    page = scheduled_draft(cms_site.guides, roles.editor_user, at)
    client.force_login(roles.head_user)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           editor_data(page), follow=True)

    page.refresh_from_db()
    assert not page.live
    expected = timezone.localtime(at).strftime("%d/%m/%Y %H:%M")
    assert f"sẽ tự xuất bản lúc {expected} (giờ Việt Nam)" in response.content.decode()
    assert "đã được cập nhật" not in response.content.decode()  # presswalk F9


def test_approving_from_the_dashboard_pop_up_shows_when_it_appears(client, cms_site, roles):
    # The dashboard's "Duyệt" opens Wagtail's pop-up, which posts the action and returns to
    # the admin home: the home lists the page with its time, as the editor's panel would.
    at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=3)
    page = scheduled_draft(cms_site.guides, roles.editor_user, at)
    client.force_login(roles.head_user)
    expected = timezone.localtime(at).strftime("%d/%m/%Y %H:%M")
    assert expected not in client.get(reverse("wagtailadmin_home")).content.decode()

    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Trang đã duyệt, chờ đến giờ xuất bản" in home
    assert "Chỉ thị hẹn giờ" in home and expected in home

    # Someone with no page permission there does not see it.
    client.force_login(UserFactory(username="khong-quyen", is_staff=True))
    assert "Chỉ thị hẹn giờ" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("typed", ["2026-12-07 10:35", "07/12/2026 10:35", "7/12/26 10h35"])
def test_a_go_live_time_typed_is_read_as_typed_or_refused_without_javascript(
    client, cms_site, roles, typed
):
    # The server side of "Đặt lịch xuất bản": the roll-over the press office saw was the
    # calendar's (tests/browser/test_schedule_publishing_dialog.py), not this parse.
    page = add_page(cms_site.guides, GuidePage(title="Hẹn giờ", slug="hen-gio-go"),
                    live=False, user=roles.editor_user)
    client.force_login(roles.editor_user)
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "intro": "", "go_live_at": typed,
        "body": streamfield([]), "comments": inline_formset([]),
    })

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    saved = Page.objects.get(pk=page.pk).get_latest_revision_as_object().go_live_at
    if "h" in typed:
        assert "Nhập một ngày/thời gian hợp lệ." in response.content.decode()
        assert saved is None
        return
    assert response.status_code == 302, response.content.decode()[:3000]
    assert timezone.localtime(saved).strftime("%d/%m/%Y %H:%M") == "07/12/2026 10:35"
