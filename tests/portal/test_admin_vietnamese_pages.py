"""The press office's admin screens in Vietnamese, rendered with the test client (the
browser test tests/browser/test_admin_vietnamese.py walks the menus; this walks what a
review takes): a page in review edited by the head of the press office, its workflow
history, revisions and comparison, unpublish and move confirmations, the "Xuất bản"
dialog over a running review, image and document uploads, the dashboard of the editor
and of the head, the admin's 404, and the moderation e-mails. None shows an English
string of the project's list (tools/admin_vi.tsv), nor "N minutes ago"."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from cms.models import NewsPage
from tests.browser.test_admin_vietnamese import english_patterns

pytestmark = pytest.mark.django_db

RELATIVE_ENGLISH = re.compile(
    r"\b\d+\s(?:minute|hour|day|week|month|year|second)s?\b|\bago\b|\bjust now\b"
)


def visible_texts(markup: str) -> list[str]:
    """The page's text, line by line, and its titles, labels and placeholders."""
    markup = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", markup)
    texts = re.findall(r'(?:title|aria-label|placeholder|alt)="([^"]*)"', markup)
    body = re.sub(r"(?s)<[^>]+>", "\n", markup)
    texts += body.splitlines()
    return [t for t in (re.sub(r"\s+", " ", html.unescape(t)).strip() for t in texts) if t]


def english_in(text_lines: list[str], patterns) -> set[str]:
    found = set()
    for text in text_lines:
        if RELATIVE_ENGLISH.search(text):
            found.add(text)
        for pattern in patterns:
            if pattern.fullmatch(text):
                found.add(text)
    return found


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())
    User = get_user_model()
    return User.objects.get(username="press"), User.objects.get(username="press_head")


def in_review(page, press, press_head):
    """The editor's draft, sent back once with a comment, edited and resubmitted: the
    page is in review with a history (rejection, restart) and two revisions."""
    page.title = page.title + " (bản sửa)"
    page.save_revision(user=press, log_action=True)
    page.get_workflow().start(page, press)
    page = Page.objects.get(pk=page.pk).specific
    page.current_workflow_task.on_action(
        page.current_workflow_task_state, press_head, "reject", comment="Sửa lại tít"
    )
    page = Page.objects.get(pk=page.pk).specific
    page.title = page.title + " lần 2"
    page.save_revision(user=press, log_action=True)
    page.current_workflow_state.resume(press)
    return Page.objects.get(pk=page.pk).specific


def test_a_review_reads_in_vietnamese(client, demo, settings):
    press, press_head = demo
    patterns = english_patterns()
    page = NewsPage.objects.live().first()
    mail.outbox.clear()
    page = in_review(page, press, press_head)
    revisions = list(Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk"))
    destination = page.get_parent().get_parent()
    screens = {
        press_head: [
            "/admin/",
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:history", args=[page.pk]),
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[page.pk, revisions[-2].pk, revisions[-1].pk],
            ),
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
            reverse(
                "wagtailadmin_pages:workflow_history_detail",
                args=[page.pk, page.current_workflow_state.pk],
            ),
            reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
            reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]),
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:add_multiple"),
            reverse("wagtailimages_chooser:choose"),
            "/admin/khong-co-trang-nay/",
        ],
        press: [
            "/admin/",
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:add_multiple"),
        ],
    }
    found: dict[str, set[str]] = {}
    for user, paths in screens.items():
        client.force_login(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), (user.username, path)
            markup = response.content.decode()
            if response.get("Content-Type", "").startswith("application/json"):
                markup = response.json().get("html", "")
            for text in english_in(visible_texts(markup), patterns):
                found.setdefault(text, set()).add(f"{user.username} {path}")
    assert found == {}

    assert mail.outbox, "the review sent its notices"
    for message in mail.outbox:
        texts = [message.subject, *message.body.splitlines()]
        for alternative, _type in getattr(message, "alternatives", []):
            texts += visible_texts(alternative)
        assert english_in([t.strip() for t in texts if t.strip()], patterns) == set(), (
            message.subject
        )
