"""`GET /api/v1/search` in the API's OpenAPI document (a plain view, search/views.py, not
one of the ninja API's operations): what it takes and answers, from the same constants."""

from __future__ import annotations

from django.utils.translation import gettext as _

from search.documents import FILTERS, TYPES
from search.views import MAX_OFFSET, MAX_QUERY


def _query(name: str, schema: dict, description: str, required: bool = False) -> dict:
    return {
        "in": "query", "name": name, "required": required, "schema": schema,
        "description": description,
    }


def search_path_item() -> dict:
    text = {"type": "string"}
    hit = {
        "type": "object",
        "properties": {
            "title": text, "url": text, "type": {"type": "string", "enum": list(TYPES)},
            "snippet": text, "date": {"anyOf": [{"type": "string", "format": "date"},
                                                {"type": "null"}]},
        },
        "required": ["title", "url", "type", "snippet", "date"],
    }  # fmt: skip
    errors = {
        "type": "object",
        "properties": {"errors": {"type": "object", "additionalProperties": {
            "type": "array", "items": text}}},
    }  # fmt: skip
    return {
        "get": {
            "operationId": "search_search_api",
            "summary": _("Tìm tin tức, văn bản chỉ đạo, phản hồi báo chí, gương điển hình"),
            "description": _(
                "Tìm trong các trang đã đăng, có dấu hoặc không dấu; kết quả phù hợp nhất "
                "trước. Không cần khóa API."
            ),
            "tags": ["search"],
            "security": [{}],
            "parameters": [
                _query("q", {"type": "string", "minLength": 1, "maxLength": MAX_QUERY},
                       _("Nội dung cần tìm"), required=True),
                _query("type", {"type": "string", "enum": list(TYPES)},
                       _("Chỉ tìm một loại trang")),
                _query("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                       _("Số kết quả tối đa")),
                _query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET,
                                  "default": 0},
                       _("Bỏ qua bao nhiêu kết quả đầu")),
                *(
                    _query(name, {"type": "string", "maxLength": 100},
                           _("Lọc văn bản chỉ đạo theo trường này"))
                    for name in FILTERS
                ),
            ],  # fmt: skip
            "responses": {
                "200": {
                    "description": _("Kết quả"),
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"count": {"type": "integer"},
                                       "results": {"type": "array", "items": hit}},
                        "required": ["count", "results"],
                    }}},
                },
                "400": {
                    "description": _("Tham số không hợp lệ"),
                    "content": {"application/json": {"schema": errors}},
                },
                "503": {"description": _("Tìm kiếm tạm thời không dùng được; thử lại sau")},
            },  # fmt: skip
        }
    }
