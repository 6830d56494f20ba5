"""The shipped privacy notice (and the contact page's "Quên mã PIN" line) name SMS as a
channel only while the portal sends SMS (`sms_available()`): production with
`SMS_BACKEND=…DisabledBackend` offers no SMS anywhere, so its notice does not promise any.
A page the administrator edited is left as they wrote it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from cms import demo_content

ON = "complaints.notifications.sms.FileBackend"
OFF = "complaints.notifications.sms.DisabledBackend"


def _words(page: dict) -> str:
    return " ".join([page["title"], page["intro"], str(page["body"])])


def _mentions_sms(text: str) -> bool:
    return "SMS" in text or "tin nhắn" in text.lower()


@pytest.mark.parametrize(("backend", "named"), [(ON, True), (OFF, False)])
def test_the_notice_and_the_contact_page_follow_sms_available(settings, backend, named):
    settings.SMS_BACKEND = backend
    notice = _words(demo_content.privacy("tỉnh Quảng Ngãi"))
    contact = _words(demo_content.contact("tỉnh Quảng Ngãi"))
    assert _mentions_sms(notice) is named
    assert _mentions_sms(contact) is named
    # What stays whichever way: notices by e-mail, one consent per purpose, the deletion
    # of what was sent, a new PIN by e-mail.
    assert "qua thư điện tử" in notice and "sự đồng ý riêng" in notice
    assert "thư điện tử đã gửi, tệp gửi cơ sở dữ liệu quốc gia được xoá sau" in notice.lower()
    assert "mã mới qua thư điện tử" in contact


def _setup() -> str:
    out = io.StringIO()
    call_command("setup_portal", stdout=out)
    return out.getvalue()


def _page_text(slug: str) -> str:
    page = Page.objects.get(slug=slug).specific
    return " ".join([page.title, page.intro, str(page.body)])


@pytest.mark.django_db
def test_turning_sms_off_rewrites_the_shipped_notice_but_not_an_edited_one(settings, client):
    settings.SMS_BACKEND = ON
    _setup()
    assert _mentions_sms(_page_text("du-lieu-ca-nhan"))

    settings.SMS_BACKEND = OFF
    out = _setup()
    assert "Đã cập nhật trang: Thông báo xử lý dữ liệu cá nhân (/du-lieu-ca-nhan/)" in out
    assert not _mentions_sms(_page_text("du-lieu-ca-nhan"))
    assert not _mentions_sms(_page_text("lien-he"))
    html = client.get("/du-lieu-ca-nhan/").content.decode()
    assert "Thông báo xử lý dữ liệu cá nhân" in html and "SMS" not in html

    # SMS back on; the administrator has written their own notice meanwhile: kept.
    editor = get_user_model().objects.create_user("quantri-bm", password="x-123456789")
    notice = Page.objects.get(slug="du-lieu-ca-nhan").specific
    notice.intro = "Thông báo do quản trị viên viết."
    notice.save_revision(user=editor).publish()
    settings.SMS_BACKEND = ON
    out = _setup()
    assert "Giữ nguyên trang: Thông báo xử lý dữ liệu cá nhân (/du-lieu-ca-nhan/)" in out
    assert Page.objects.get(slug="du-lieu-ca-nhan").specific.intro == (
        "Thông báo do quản trị viên viết."
    )
    assert not _mentions_sms(_page_text("du-lieu-ca-nhan"))
    assert _mentions_sms(_page_text("lien-he"))  # not edited: follows SMS back on
