"""The timeline's system-written lines in the reader's language.

An event's public message is stored as it was written, in Vietnamese (the record). Some are
written by the portal itself from a fixed sentence: "Hồ sơ đã được tiếp nhận, mã hồ sơ
YT-2026-000009." at intake, "Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời:
25/12/2026." on acceptance. A reader of another language gets those in their language:
the sentence is written again in Vietnamese from what the event holds, and only when it
gives back the stored text exactly is its translation shown. A message an officer wrote
(a reason, an answer, a request) never matches and is shown as written; nothing stored
changes.

The values are read again in each language: a label of a table (a refusal ground, the
reason a petition is filed, a withdrawal's scope) and a citation (`citation_read`: "Article
30 of the Law on Denunciations") are the reader's; what an officer typed into a value (a
reason, a place, the body a case went to) stays as typed. An event that does not hold what
its sentence needs (recorded before it was stored, or a table row since changed) does not
match, and keeps showing its stored text."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_noop as noop

from complaints.citations import citation_read

# Each action's sentences (the msgids the services write them with; several msgids: their
# sentences joined by a space) and the values they are filled with, read from the event
# and its case in the active language; None: a sentence without values.
_Values = Callable[[object], dict | None]
_Msgids = str | tuple[str, ...]


def _code(event) -> dict:
    return {"code": event.case.tracking_code}


def _day(value) -> str | None:
    """An ISO date (or date and time) stored in an event, as the services print it."""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None
    return date_format(day, "d/m/Y")


def _resolve_by(event) -> dict | None:
    day = _day((event.data or {}).get("resolve_by"))
    return {"date": day} if day else None


def _stored(*keys: str) -> _Values:
    """The values an officer typed, as stored in the event's data (never translated)."""

    def read(event) -> dict | None:
        data = event.data or {}
        if any(not isinstance(data.get(key), str) for key in keys):
            return None
        return {key: data[key] for key in keys}

    return read


def _ground(event) -> dict | None:
    """The refusal ground's text and article (complaints.rules.refusal_grounds), from the
    code and article the event stores."""
    from complaints.rules.refusal_grounds import GROUNDS

    data = event.data or {}
    ground = GROUNDS.get(data.get("legal_ground") or "")
    if ground is None or not data.get("article"):
        return None
    return {"ground": str(ground.text), "article": citation_read(data["article"])}


def _rejected(event) -> dict | None:
    values, reason = _ground(event), (event.data or {}).get("reason")
    if values is None or not isinstance(reason, str):
        return None
    return {**values, "reason": reason.rstrip(".")}


def _file_reason(event) -> dict | None:
    from complaints.transitions import FILE_REASONS

    reason = FILE_REASONS.get((event.data or {}).get("reason"))
    return {"reason": str(reason).lower()} if reason is not None else None


def _filed_on_ground(event) -> dict | None:
    return _ground(event) if (event.data or {}).get("reason") == "ineligible" else None


def _extension(event) -> dict | None:
    data = event.data or {}
    day = _day(data.get("resolve_by"))
    return {"number": data["extension"], "date": day} if day and data.get("extension") else None


def _withdrawal(event) -> dict | None:
    from complaints.rules.withdrawal import WITHDRAWAL_RULES, WithdrawalScope

    data = event.data or {}
    rule = WITHDRAWAL_RULES.get(event.case.kind)
    article = data.get("article") or (rule.continue_article if rule else "")
    if data.get("scope") not in WithdrawalScope.values or not article:
        return None
    return {
        "scope": str(WithdrawalScope(data["scope"]).label).lower(),
        "article": citation_read(article),
    }


def _review(event) -> dict | None:
    data = event.data or {}
    body, decision = data.get("reviewed_by"), data.get("review_decision")
    if not (data.get("review") and isinstance(body, str) and isinstance(decision, str)):
        return None
    return {"body": body, "decision": decision}


def _time(value) -> str | None:
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%H:%M")


def _invitation(event) -> dict | None:
    data = event.data or {}
    values = {
        "time": _time(data.get("scheduled_at")),
        "date": _day(data.get("scheduled_at")),
        "place": data.get("place"),
        "notified": _day(data.get("notified_on")),
    }
    return values if all(values.values()) else None


def _rescheduled(event) -> dict | None:
    values, replaced = _invitation(event), (event.data or {}).get("replaces") or {}
    before = {
        "before_time": _time(replaced.get("scheduled_at")),
        "before_date": _day(replaced.get("scheduled_at")),
    }
    return {**values, **before} if values and all(before.values()) else None


def _cancelled_dialogue(event) -> dict | None:
    """The meeting a withdrawal called off, the one last invited to (the first stored)."""
    cancelled = (event.data or {}).get("cancelled_dialogues")
    first = cancelled[0] if isinstance(cancelled, list) and cancelled else None
    moment = first.get("scheduled_at") if isinstance(first, dict) else None
    values = {"time": _time(moment), "date": _day(moment)}
    return values if all(values.values()) else None


def _calendar_days(event) -> dict | None:
    days = [_day(day) for day in (event.data or {}).get("calendar_days") or ()]
    return {"days": ", ".join(days)} if days and all(days) else None


def _parent(event) -> dict | None:
    code = (event.data or {}).get("parent_case")
    return {"code": code} if code else None


def _split_into(event) -> dict | None:
    codes = (event.data or {}).get("split_into")
    if not (isinstance(codes, list) and codes and all(isinstance(c, str) for c in codes)):
        return None
    return {"cases": "; ".join(codes)}


def _second_case(event) -> dict | None:
    code = (event.data or {}).get("second_time_case")
    return {"code": code} if code else None


def _limit_article(event) -> dict | None:
    article = (event.data or {}).get("article")
    return {"article": citation_read(article)} if isinstance(article, str) and article else None


def _longer_limit(event) -> dict | None:
    values, due = _limit_article(event), _resolve_by(event)
    return {**values, **due} if values and due else None


def _decision_day(event) -> dict | None:
    day = _day((event.data or {}).get("on"))
    return {"date": day} if day else None


def _resumed(event) -> dict | None:
    data = event.data or {}
    day, due = _day(data.get("on")), _day(data.get("resolve_by"))
    return {"date": day, "due": due} if day and due else None


def _document(event) -> dict | None:
    """An issued document's type (a label of the table) with its number and summary, from
    the keys stored since the event keeps them (`document_type`, `summary`)."""
    from complaints.rules.documents import DOCUMENT_TYPE_WORDS

    data = event.data or {}
    word = DOCUMENT_TYPE_WORDS.get(data.get("document_type"))
    if word is None or not data.get("symbol") or not isinstance(data.get("summary"), str):
        return None
    # The type in the reader's words ("notice" in English, never "thông báo" inside it); to a
    # reader of another language, what it is for ("notice of acceptance of your complaint",
    # complaints.rules.document_purposes) when the event names its step.
    named = ""
    if (translation.get_language() or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE:
        from complaints.rules.document_purposes import document_purpose

        named = document_purpose(data["document_type"], data.get("step") or "", event.case.kind)
    return {"type": named or gettext(word), "symbol": data["symbol"], "summary": data["summary"]}


def _replacing(event) -> dict | None:
    """An issued document and the one it replaced that the citizen had (`replaces`)."""
    values, replaced = _document(event), (event.data or {}).get("replaces")
    return {**values, "replaced": replaced} if values and isinstance(replaced, str) else None


def _replaced_only(event) -> dict | None:
    """The citizen's document replaced by one they are not owed: both numbers only."""
    data = event.data or {}
    symbol, replaced = data.get("symbol"), data.get("replaces")
    if not (isinstance(symbol, str) and isinstance(replaced, str)):
        return None
    return {"symbol": symbol, "replaced": replaced}


# A new case's PIN: where it went, said after the line of a split or a second complaint
# (services/workflow.py `_with_pin_notice`).
_PIN_HIDDEN = noop(
    "Vì lý do bảo mật, mã PIN của hồ sơ mới không hiển thị tại đây; "
    "ông/bà vui lòng liên hệ cơ quan tiếp nhận hồ sơ để được hướng dẫn."
)
_PIN_SENT = noop("Mã PIN của từng hồ sơ mới đã được gửi đến địa chỉ thư điện tử ông/bà đã đăng ký.")


def _with_pin_notices(msgid: str, read: _Values) -> tuple[tuple[_Msgids, _Values], ...]:
    return ((msgid, read), ((msgid, _PIN_SENT), read), ((msgid, _PIN_HIDDEN), read))


SYSTEM_LINES: dict[str, tuple[tuple[_Msgids, _Values | None], ...]] = {
    # complaints/services/intake.py; workflow.py `_linked_case_create` (split, escalate)
    "received": (
        (noop("Hồ sơ đã được tiếp nhận, mã hồ sơ %(code)s."), _code),
        (noop("Tách từ hồ sơ %(code)s."), _parent),
        (noop("Khiếu nại lần hai đối với quyết định của hồ sơ %(code)s."), _parent),
    ),
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
    # workflow.py: _reject, _file (a label of FILE_REASONS, or a refusal ground)
    "reject": (
        (noop("Không thụ lý. Căn cứ: %(ground)s (%(article)s). %(reason)s."), _rejected),
    ),
    "file": (
        (noop("Đơn được lưu, không xử lý tiếp: %(reason)s."), _file_reason),
        (noop("Đơn được lưu, không xử lý tiếp. Căn cứ: %(ground)s (%(article)s)."),
         _filed_on_ground),
    ),
    "forward": ((noop("Hồ sơ đã được chuyển đến %(to)s. Lý do: %(reason)s"),
                 _stored("to", "reason")),),
    "extend": ((noop("Thời hạn giải quyết được gia hạn (lần %(number)s) đến ngày %(date)s."),
                _extension),),
    # complaints/services/notices.py: _public_message
    "suspend": ((noop("Việc giải quyết hồ sơ tạm đình chỉ từ ngày %(date)s. Thời hạn giải "
                      "quyết được tính tiếp khi có quyết định tiếp tục giải quyết."),
                 _decision_day),),
    "resume": ((noop("Hồ sơ được tiếp tục giải quyết từ ngày %(date)s. Hạn giải quyết: "
                     "%(due)s."), _resumed),),
    # workflow.py: _complaint_limit_moved (a complaint found complex or remote)
    **{
        action: (
            ((finding, noop("Thời hạn giải quyết kéo dài đến ngày %(date)s (%(article)s).")),
             _longer_limit),
            ((finding, noop("Thời hạn giải quyết dành cho trường hợp này được tính từ ngày thụ "
                            "lý (%(article)s).")), _limit_article),
        )
        for action, finding in (
            ("mark_complex", noop("Vụ việc được xác định là phức tạp.")),
            ("mark_remote",
             noop("Vụ việc được xác định thuộc vùng sâu, vùng xa đi lại khó khăn.")),
        )
    },
    "close": ((noop("Hồ sơ đã được đóng."), None),),
    "withdraw": (
        (noop("Người gửi đã rút đơn; việc giải quyết chấm dứt."), None),
        # workflow.py: _dialogues_cancel (the meeting last invited to)
        ((noop("Người gửi đã rút đơn; việc giải quyết chấm dứt."),
          noop("Buổi đối thoại lúc %(time)s ngày %(date)s không diễn ra: đã hủy do rút khiếu "
               "nại.")), _cancelled_dialogue),
    ),
    "record_withdrawal": (
        (noop("Đã ghi nhận việc rút đơn (%(scope)s); vụ việc tiếp tục được giải quyết theo "
              "quy định (%(article)s)."), _withdrawal),
    ),
    "reopen": (
        (noop("Hồ sơ được mở lại để xem xét tiếp."), None),
        (noop("Hồ sơ được cấp trên (%(body)s) xem xét lại theo %(decision)s."), _review),
    ),
    "split": _with_pin_notices(
        noop("Hồ sơ được tách thành các hồ sơ sau, mỗi hồ sơ được giải quyết riêng: "
             "%(cases)s."), _split_into,
    ),
    "escalate": _with_pin_notices(
        noop("Đã tiếp nhận khiếu nại lần hai: hồ sơ %(code)s."), _second_case
    ),
    "schedule_dialogue": (
        (noop("Mời đối thoại lúc %(time)s ngày %(date)s tại %(place)s (giấy mời gửi ngày "
              "%(notified)s)."), _invitation),
        (noop("Dời lịch đối thoại: buổi đối thoại lúc %(before_time)s ngày %(before_date)s "
              "không diễn ra; mời đối thoại lúc %(time)s ngày %(date)s tại %(place)s (giấy mời "
              "gửi ngày %(notified)s)."), _rescheduled),
    ),
    # workflow.py: case_deadlines_recount
    "calendar_changed": (
        (noop("Thời hạn được tính lại do thay đổi lịch nghỉ ngày %(days)s."), _calendar_days),
    ),
    # complaints/services/press.py: case_press_response_published (a press case's timeline)
    "press_response_published": (
        (noop("Sở Y tế đã đăng phản hồi: %(title)s"), _stored("title")),
    ),
    # complaints/documents/services.py: document_issue, `_issued_line`
    "document_issued": (
        (noop("Đã ban hành %(type)s số %(symbol)s: %(summary)s"), _document),
        # `_issued_line`: the replacement of a document the citizen was sent and shown
        (noop("Đã ban hành %(type)s số %(symbol)s thay thế văn bản số %(replaced)s: "
              "%(summary)s"), _replacing),
        (noop("Văn bản số %(replaced)s đã được thay thế bằng văn bản số %(symbol)s."),
         _replaced_only),
    ),
    "record_dialogue": (
        (noop("Đã tổ chức đối thoại; biên bản đối thoại là một căn cứ để giải quyết khiếu nại."),
         None),
        (noop("Người khiếu nại đã được mời nhưng không tham gia đối thoại; việc giải quyết "
              "khiếu nại tiếp tục."), None),
    ),
}


# The citizen's own acts, as the record tells them (the staff's timeline: "Người gửi…",
# "Người khiếu nại…") and as the citizen reads them, addressed to them (the tracking page, its
# live lines, their notices and printed file: "Ông/bà…", as their e-mails say it).
# `gettext_noop` by its own name: the catalogue's extraction (makemessages) knows no alias.
TO_THE_CITIZEN = {
    noop("Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."):
        gettext_noop("Ông/bà đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."),
    noop("Người gửi đã rút đơn; việc giải quyết chấm dứt."):
        gettext_noop("Ông/bà đã rút đơn; việc giải quyết chấm dứt."),
    noop("Người khiếu nại đã được mời nhưng không tham gia đối thoại; việc giải quyết "
         "khiếu nại tiếp tục."):
        gettext_noop("Ông/bà đã được mời nhưng không tham gia đối thoại; việc giải quyết khiếu nại "
                     "tiếp tục."),
}


def _sentences(msgids: _Msgids) -> tuple[str, ...]:
    return (msgids,) if isinstance(msgids, str) else msgids


def _to_the_citizen(msgids: _Msgids) -> tuple[str, ...]:
    return tuple(TO_THE_CITIZEN.get(msgid, msgid) for msgid in _sentences(msgids))


def _filled(msgids: _Msgids, read: _Values | None, event) -> str | None:
    """The sentence in the active language, its values read in that language; None when
    the event lacks a value."""
    values = read(event) if read is not None else None
    if read is not None and values is None:
        return None
    text = " ".join(gettext(msgid) for msgid in _sentences(msgids))
    return text % values if values is not None else text


def system_line(event, *, to_citizen: bool = False) -> str | None:
    """The event's stored message in the active language when the portal wrote it from
    one of `SYSTEM_LINES`; None when it is an officer's text, or the reader reads
    Vietnamese (the stored text is theirs). `to_citizen`: the line as the citizen reads
    it, their own acts addressed to them (`TO_THE_CITIZEN`), in Vietnamese too."""
    stored = (event.public_message or "").strip()
    language = translation.get_language() or settings.LANGUAGE_CODE
    in_vietnamese = language == settings.LANGUAGE_CODE
    if not stored or (in_vietnamese and not to_citizen):
        return None
    for msgids, read in SYSTEM_LINES.get(event.action, ()):
        with translation.override(settings.LANGUAGE_CODE):
            written = _filled(msgids, read, event)
        if written is None or written.strip() != stored:
            continue
        shown = _to_the_citizen(msgids) if to_citizen else _sentences(msgids)
        if in_vietnamese and shown == _sentences(msgids):
            return None  # nothing to address: the stored text is the reader's
        return _filled(shown, read, event)
    return None
