"""The API's JSON body reading and its 400 error (CONTRACT.md: `400 {"errors": {"field":
["message"]}}`; the other shapes are answered by `complaints.api.app`). Messages are in
Vietnamese unless the client asked for English (Accept-Language, see portal.middleware)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from complaints.validation import InputInvalid, loads_json

NON_FIELD = "__all__"


class BadRequest(Exception):
    """The request cannot be read; `errors` maps field names to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def missing_body_message() -> str:
    """An empty body, where the operation reads a JSON object."""
    return _("Thiếu nội dung JSON của yêu cầu.")


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
    if not raw.strip():
        raise BadRequest({NON_FIELD: [missing_body_message()]})
    try:
        data = loads_json(raw)
    except InputInvalid as invalid:
        raise BadRequest(invalid.errors) from None
    if not isinstance(data, dict):
        raise BadRequest({NON_FIELD: [_("Nội dung phải là một đối tượng JSON.")]})
    return data
