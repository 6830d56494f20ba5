"""The timeline's system-written lines in the reader's language.

An event's public message is stored as it was written, in Vietnamese (the record). Some are
written by the portal itself from a fixed sentence: "Hồ sơ đã được tiếp nhận, mã hồ sơ
YT-2026-000009." at intake, "Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời:
25/12/2026." on acceptance. A reader of another language gets those in their language:
the sentence is written again in Vietnamese from what the event holds, and only when it
gives back the stored text exactly is its translation shown. A message an officer wrote
(a reason, an answer, a request) never matches and is shown as written; nothing stored
changes."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as noop

# Each action's sentences (the msgids the services write them with) and the values they
# are filled with, read from the event and its case; None: a sentence without values.
_Values = Callable[[object], dict | None]


def _code(event) -> dict:
    return {"code": event.case.tracking_code}


def _resolve_by(event) -> dict | None:
    day = (event.data or {}).get("resolve_by")
    try:
        return {"date": date_format(datetime.date.fromisoformat(day), "d/m/Y")}
    except (TypeError, ValueError):
        return None


SYSTEM_LINES: dict[str, tuple[tuple[str, _Values | None], ...]] = {
    # complaints/services/intake.py
    "received": ((noop("Hồ sơ đã được tiếp nhận, mã hồ sơ %(code)s."), _code),),
    # complaints/services/workflow.py: _accept
    "accept": (
        (noop("Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời: %(date)s."),
         _resolve_by),
        (noop("Phản ánh, kiến nghị đã được tiếp nhận để xử lý."), None),
        (noop("Hồ sơ đã được thụ lý. Hạn giải quyết: %(date)s."), _resolve_by),
        (noop("Hồ sơ đã được thụ lý."), None),
    ),
    # workflow.py: _complete_info; complaints/services/citizen_reply.py
    "complete_info": (
        (noop("Đã nhận thông tin bổ sung; hồ sơ tiếp tục được xem xét."), None),
        (noop("Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."), None),
    ),
    "close": ((noop("Hồ sơ đã được đóng."), None),),
    "withdraw": ((noop("Người gửi đã rút đơn; việc giải quyết chấm dứt."), None),),
    "reopen": ((noop("Hồ sơ được mở lại để xem xét tiếp."), None),),
    "record_dialogue": (
        (noop("Đã tổ chức đối thoại; biên bản đối thoại là một căn cứ để giải quyết khiếu nại."),
         None),
        (noop("Người khiếu nại đã được mời nhưng không tham gia đối thoại; việc giải quyết "
              "khiếu nại tiếp tục."), None),
    ),
}


def _filled(msgid: str, values: dict | None) -> str:
    text = gettext(msgid)
    return text % values if values is not None else text


def system_line(event) -> str | None:
    """The event's stored message in the active language when the portal wrote it from
    one of `SYSTEM_LINES`; None when it is an officer's text, or the reader reads
    Vietnamese (the stored text is theirs)."""
    stored = (event.public_message or "").strip()
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not stored or language == settings.LANGUAGE_CODE:
        return None
    for msgid, read in SYSTEM_LINES.get(event.action, ()):
        values = None
        if read is not None:
            values = read(event)
            if values is None:
                continue
        with translation.override(settings.LANGUAGE_CODE):
            written = _filled(msgid, values)
        if written == stored:
            return _filled(msgid, values)
    return None
