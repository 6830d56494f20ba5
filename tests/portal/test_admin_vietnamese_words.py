"""Words of Wagtail's screens the press office found wrong in Vietnamese, corrected in
tools/admin_vi.tsv: the copy and move forms ("Trang cha mới", "Bí danh", "đăng"), the
history ("Gửi duyệt lại", "Đã tạo"), one name for the review ("quy trình duyệt") on the
editor's menu, and the notice of "Yêu cầu sửa" saying what it is ("cần chỉnh sửa")."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from cms.models import NewsPage
from tests.portal.test_admin_vietnamese_pages import demo, in_review  # noqa: F401

pytestmark = pytest.mark.django_db


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.content.decode())


def test_the_copy_form_reads_right(client, demo):  # noqa: F811
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    page = NewsPage.objects.live().first()
    client.force_login(admin)

    markup = text(client, reverse("wagtailadmin_pages:copy", args=[page.pk]))

    assert "Trang cha mới" in markup and "Thêm một trang cha" not in markup
    assert "Bí danh (trang gương)" in markup and "Tên khác" not in markup
    assert "Bạn có muốn đăng cả bản sao" in markup and "đang các bản sao" not in markup


def test_the_review_reads_right(client, demo):  # noqa: F811
    press, press_head = demo
    mail.outbox.clear()
    page = in_review(NewsPage.objects.live().first(), press, press_head)

    client.force_login(press_head)
    history = text(client, reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Gửi duyệt lại '" in history and "Yêu cầu lại quá trình" not in history
    assert "Tạo lúc" not in history

    client.force_login(press)
    editor = text(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Hủy quy trình duyệt" in editor
    assert "Ngừng quy trình" not in editor and "luồng công việc" not in editor

    subjects = [message.subject for message in mail.outbox]
    assert any("cần chỉnh sửa" in subject for subject in subjects), subjects
    assert not any("bị từ chối" in subject for subject in subjects), subjects


def test_admin_dates_read_as_the_inputs_do(client, demo):  # noqa: F811
    import datetime
    import re

    from django.utils import timezone
    from wagtail.models import Page

    press, press_head = demo
    at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=1)
    page = Page.objects.get(pk=NewsPage.objects.live().first().pk).specific
    page.go_live_at = at
    page.save_revision(user=press, log_action=True, approved_go_live_at=at)
    client.force_login(press_head)

    editor = text(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    history = text(client, reverse("wagtailadmin_pages:history", args=[page.pk]))

    shown = timezone.localtime(at).strftime("%d/%m/%Y %H:%M")
    assert shown in editor  # the scheduling banner and side panel
    for markup in (editor, history):
        assert not re.search(r"Ngày \d{1,2} tháng \d{1,2} năm \d{4}", markup)
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", history)
