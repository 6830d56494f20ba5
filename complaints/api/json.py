"""Shared helpers of the JSON API: the error shapes of CONTRACT.md and body parsing.

Errors are JSON: `400 {"errors": {"field": ["message"]}}`, `404 {"detail": …}`,
`429 {"detail": …}` with `Retry-After`. Messages are in Vietnamese unless the
client asked for English (Accept-Language, see portal.middleware)."""

from __future__ import annotations

import datetime

from django.http import JsonResponse
from django.utils.translation import gettext as _

from complaints.validation import InputInvalid, loads_json

NON_FIELD = "__all__"


class BadRequest(Exception):
    """The request cannot be read; `errors` maps field names to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def json_response(data, *, status: int = 200, headers: dict | None = None) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        headers=headers,
        json_dumps_params={"ensure_ascii": False},
        safe=not isinstance(data, list),
    )


def errors_response(errors: dict[str, list[str]], *, status: int = 400) -> JsonResponse:
    return json_response({"errors": {k: [str(m) for m in v] for k, v in errors.items()}},
                         status=status)


def detail_response(detail, *, status: int, headers: dict | None = None) -> JsonResponse:
    return json_response({"detail": str(detail)}, status=status, headers=headers)


def not_found(detail=None) -> JsonResponse:
    return detail_response(detail or _("Không tìm thấy."), status=404)


def throttled(retry_after: int) -> JsonResponse:
    return detail_response(
        _("Bạn đã gửi quá nhiều yêu cầu. Hãy thử lại sau %(seconds)d giây.")
        % {"seconds": retry_after},
        status=429,
        headers={"Retry-After": str(retry_after)},
    )


def method_not_allowed(allowed: list[str]) -> JsonResponse:
    return detail_response(
        _("Phương thức không được hỗ trợ."), status=405, headers={"Allow": ", ".join(allowed)}
    )


def parse_json_object(request) -> dict:
    """The request body as a JSON object, or BadRequest (`complaints.validation.loads_json`:
    depth, NUL, lone surrogates, control and bidi characters refused by field)."""
    content_type = request.content_type or ""
    if content_type and content_type != "application/json":
        message = _("Nội dung phải là JSON (Content-Type: application/json).")
        raise BadRequest({NON_FIELD: [message]})
    return json_object(request.body)


def json_object(raw: bytes | str) -> dict:
    """`raw` parsed as a JSON object, or BadRequest: the one JSON reader of the API."""
    try:
        data = loads_json(raw)
    except InputInvalid as invalid:
        raise BadRequest(invalid.errors) from None
    if not isinstance(data, dict):
        raise BadRequest({NON_FIELD: [_("Nội dung phải là một đối tượng JSON.")]})
    return data


class FieldReader:
    """Typed reads of a JSON object, collecting one error per bad field."""

    def __init__(self, data: dict, prefix: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.prefix = prefix
        self.errors: dict[str, list[str]] = {}

    def _error(self, key: str, message) -> None:
        self.errors.setdefault(self.prefix + key, []).append(str(message))

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self._error(key, _("Phải là chuỗi ký tự."))
            return ""
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._error(key, _("Phải là true hoặc false."))
            return False
        return value

    def date(self, key: str) -> datetime.date | None:
        value = self.data.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self._error(key, _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."))
        return None

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self._error(key, _("Phải là số nguyên."))
            return None
        return value

    def obj(self, key: str) -> dict:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self._error(key, _("Phải là một đối tượng JSON."))
            return {}
        return value

    def array(self, key: str) -> list:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self._error(key, _("Phải là một mảng JSON."))
            return []
        return value
