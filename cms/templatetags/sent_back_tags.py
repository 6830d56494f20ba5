"""The admin's page status, told when the reviewer sent the page back (cms/sent_back.py)."""

from __future__ import annotations

from django import template

from cms.sent_back import SENT_BACK, SENT_BACK_LIVE, sent_back_note

register = template.Library()


@register.simple_tag
def page_review_status(page) -> dict:
    """{"label", "note"}: Wagtail's status of `page` ("bản nháp", "đang đăng"…), or "bị trả
    lại để sửa" with who sent it back, when and why."""
    note = sent_back_note(page)
    if not note:
        return {"label": page.status_string, "note": ""}
    return {"label": SENT_BACK_LIVE if page.live else SENT_BACK, "note": note}
