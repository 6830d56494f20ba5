"""A page the head of the press office sent back ("Yêu cầu sửa", with a comment) reads as
sent back, not as a plain draft, to the editor who wrote it: on the admin home (its own
panel and the recent edits) and in the page listing, with the comment, who sent it back and
when (cms/sent_back.py). Through the admin, as the demo's `press` after `press_head`
rejects; gone once the editor sends it for review again."""

from __future__ import annotations

import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

COMMENT = "Tít chưa rõ: ghi rõ tên trạm y tế và ngày tiêm"


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())
    User = get_user_model()
    return User.objects.get(username="press"), User.objects.get(username="press_head")


def submitted(press, *, live_page=None):
    """The editor's draft (a new page, or a new version of `live_page`) sent for review."""
    if live_page is None:
        page = NewsPage(title="Tiêm chủng mở rộng tại trạm y tế", slug="tiem-chung-mo-rong",
                        lead="Tóm tắt.", live=False, owner=press)  # fmt: skip
        NewsIndexPage.objects.first().add_child(instance=page)
    else:
        page = live_page.specific
        page.title = page.title + " (bản sửa)"
    page.save_revision(user=press, log_action=True)
    page.get_workflow().start(page, press)
    return Page.objects.get(pk=page.pk).specific


def send_back(client, page, press_head, comment=COMMENT):
    """"Yêu cầu sửa" in the admin, as the head of the press office."""
    client.force_login(press_head)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": comment},
    )
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    return task_state


def text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def expected_note(task_state) -> str:
    at = timezone.localtime(task_state.finished_at, ZoneInfo(settings.TIME_ZONE))
    return f"Bị trả lại để sửa: {COMMENT} — Đặng Văn Trưởng, {at:%d/%m/%Y %H:%M}"


def test_the_editor_is_told_the_page_was_sent_back_by_whom_and_why(client, demo):
    press, press_head = demo
    page = submitted(press)
    task_state = send_back(client, page, press_head)
    note = expected_note(task_state)

    client.force_login(press)
    home = text(client.get("/admin/"))
    panel = home[home.index('id="sent-back-pages-section"'):]
    assert "Trang bị trả lại để sửa" in home
    assert note in panel and page.title in panel
    assert "bị trả lại để sửa" in home[home.index("recent-edits"):]  # not "bản nháp"

    listing = text(client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])))
    row = listing[listing.index(page.title):]
    row = row[: row.index("</tr>")]
    assert "bị trả lại để sửa" in row and note in row
    assert "bản nháp" not in row.replace("Xem bản nháp", "")  # the button "view draft" aside

    # The head's own home lists nothing of it as theirs.
    client.force_login(press_head)
    assert 'id="sent-back-pages-section"' not in text(client.get("/admin/"))

    # Sent for review again: a page in review, no longer sent back.
    page.current_workflow_state.resume(press)
    client.force_login(press)
    assert 'id="sent-back-pages-section"' not in text(client.get("/admin/"))
    listing = text(client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])))
    assert "Bị trả lại để sửa" not in listing


def test_a_live_page_s_new_version_sent_back(client, demo):
    press, press_head = demo
    live = NewsPage.objects.live().first()
    page = submitted(press, live_page=live)
    task_state = send_back(client, page, press_head)

    client.force_login(press)
    listing = text(client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])))
    assert "đang đăng + bị trả lại để sửa" in listing
    assert expected_note(task_state) in listing
