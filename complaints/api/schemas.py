"""Shapes shared by the API's routers: lenient field types that keep today's messages,
the error bodies of the API's contract, and the pieces several answers reuse.

What a schema says to its readers (its `description`, a field's) is a Vietnamese msgid
(`gettext_noop`, read through the catalogue when the document is served: `app.py`); a
class's docstring is for the portal's developers and never reaches the document.

The field types read JSON the way the portal always has: `null` is "not given", a value
of the wrong type is a field error in Vietnamese (never coerced: "yes" is not true)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError


def _error(message: str) -> PydanticCustomError:
    # Braces would be read as placeholders by pydantic: the messages carry none.
    return PydanticCustomError("portal", message)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _error(_("Phải là chuỗi ký tự."))
    if not storable(value):
        raise _error(_("Chứa ký tự không hợp lệ."))
    return value


def storable(value: str) -> bool:
    """False for text no database stores: a NUL, or half of a UTF-16 pair (`\\ud800`)."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _flag(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _error(_("Phải là true hoặc false."))
    return value


def _iso_date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _error(_("Ngày không hợp lệ (định dạng YYYY-MM-DD)."))


def _in_utc(value: datetime.datetime) -> datetime.datetime:
    # Any offset RFC 3339 allows (up to ±23:59) is read, and kept as its UTC instant:
    # PostgreSQL takes offsets only to ±15:59, and one near year 1 or 9999 has no UTC.
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise _error(_("Thời điểm nằm ngoài khoảng có thể ghi nhận.")) from None


def _object(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error(_("Phải là một đối tượng JSON."))
    return value


def _codes(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _error(_("Phải là một danh sách chuỗi ký tự."))
    return value


Text = Annotated[str | None, BeforeValidator(_text)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]
IsoDate = Annotated[datetime.date | None, BeforeValidator(_iso_date)]
# An instant with its offset (RFC 3339), read as its UTC instant.
Instant = Annotated[AwareDatetime, AfterValidator(_in_utc)]
# A list of codes, checked against its own list by the service; `null` or absent is None.
Codes = Annotated[list[str] | None, BeforeValidator(_codes)]


def described(description: str) -> ConfigDict:
    """A schema's `model_config` giving its description (a Vietnamese msgid) in place of the
    class's docstring."""
    return ConfigDict(json_schema_extra={"description": description})


def text_field(description: str, max_length: int | None = None):
    """A text field ("" when absent) with its description (a Vietnamese msgid) and the
    longest value the intake service takes, shown as `maxLength`; the service checks it
    (with its own message, "Tối đa … ký tự."), not the schema."""
    extra = {"maxLength": max_length} if max_length else None
    return Field("", description=description, json_schema_extra=extra)


def object_of(schema):
    """A nested object: `null` or absent is empty, anything else but an object a field error."""
    return Annotated[schema | None, BeforeValidator(_object)]


class ErrorsOut(Schema):
    # 400: messages by field (`reporter.name` for nested fields, `__all__` for the body).
    model_config = described(gettext_noop(
        "400: các thông báo lỗi theo từng trường (reporter.name cho trường lồng nhau, "
        "__all__ cho cả nội dung gửi lên); mọi lỗi được trả về cùng lúc."
    ))  # fmt: skip

    errors: dict[str, list[str]]


class DetailOut(Schema):
    # 401, 403, 404, 409, 413, 429: one message.
    model_config = described(gettext_noop(
        "401, 403, 404, 409, 413, 429: một thông báo (429 kèm tiêu đề Retry-After)."
    ))  # fmt: skip

    detail: str


class DeadlineOut(Schema):
    step: str
    label: str
    due: datetime.date
    legal_basis: str
    unconfirmed: bool
    paused: bool  # the case is suspended: the date does not count down


class PublicEventOut(Schema):
    action: str
    status: str
    status_label: str
    at: datetime.datetime
    # The record's text, in Vietnamese as it was written when the event happened; for an
    # event recorded without one, the action's words (`label`) in the language asked.
    message: str
    label: str  # the action in the language asked ("" for an action without words of its own)
    # True when `message` is that Vietnamese record (an officer's text); false when it is
    # a line the portal wrote itself, given in the language asked, or the action's words.
    recorded: bool


class LinkedCaseOut(Schema):
    tracking_code: str
    kind_label: str


class PublicCaseOut(Schema):
    # What a citizen (or the partner that filed it) sees: never the reporter's identity.
    model_config = described(gettext_noop(
        "Hồ sơ như người gửi (hoặc đối tác đã gửi) thấy: trạng thái công khai, thời hạn, "
        "diễn biến công khai; không bao giờ có thông tin người gửi."
    ))  # fmt: skip

    tracking_code: str
    kind: str
    kind_label: str
    title: str
    facility: str
    status: str
    status_label: str
    received_at: datetime.datetime
    accept_by: datetime.date | None
    resolve_by: datetime.date | None
    paused_since: datetime.date | None
    forwarded_to: str
    public_answer: str
    # A concluded complaint's or denunciation's written decision by its number and day
    # ("Quyết định giải quyết khiếu nại số 12/QĐ-SYT ngày 20/09/2026"), else "".
    decision: str = ""
    # Its finding ("Khiếu nại đúng một phần", "Tố cáo sai sự thật"), else "".
    finding: str = ""
    deadlines: list[DeadlineOut]
    timeline: list[PublicEventOut]
    can_rate: bool
    rating: int | None
    linked_cases: list[LinkedCaseOut]


def page_of(item_schema, name: str):
    """A page of a list: count, page numbers, links and the results."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "page": int,
                "page_size": int,
                "num_pages": int,
                "next": str | None,
                "previous": str | None,
                "results": list[item_schema],
            }
        },
    )
