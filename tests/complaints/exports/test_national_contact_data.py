"""Phone numbers and e-mail addresses are never exported (docs/api.md; Luật Bảo vệ dữ
liệu cá nhân: only what the purpose needs): not in the reporter block, and not in the
free text a citizen typed, whichever the kind (interop walk, finding 13)."""

from __future__ import annotations

import json

import pytest

from complaints.exports.national import national_export_run
from tests.complaints.exports.test_national_export import file_case, lines
from tests.complaints.intake_factories import REPORTER

pytestmark = pytest.mark.django_db

TYPED = (
    "Ngày 12/03/2026 tôi nộp 2.000.000 đồng tại phòng 305 nhưng không có biên lai. Xin liên "
    "hệ tôi qua số 0905 123 456, số bàn (0255) 3822 123, +84 912.345.678 hoặc "
    "dan@example.com, Dan.Tran+yt@mail.example.vn."
)
CONTACTS = ("0905 123 456", "(0255) 3822 123", "+84 912.345.678", "dan@example.com",
            "Dan.Tran+yt@mail.example.vn", "0905123456")  # fmt: skip


@pytest.mark.parametrize("kind", ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"])
def test_contact_data_typed_in_the_text_is_not_exported(client, hospital, tmp_path, kind):
    title = f"Thu tiền không biên lai, gọi {REPORTER.phone}"
    file_case(client, hospital, kind, title=title, content=TYPED)
    run = national_export_run(directory=tmp_path)
    [record] = [r["record"] for r in lines(tmp_path, run)]
    text = json.dumps(record, ensure_ascii=False)
    for contact in CONTACTS:
        assert contact not in text, contact
    assert record["title"] == "Thu tiền không biên lai, gọi [đã ẩn]"
    # What is no contact stays as written: a day, a sum, a room.
    assert record["content"].startswith(
        "Ngày 12/03/2026 tôi nộp 2.000.000 đồng tại phòng 305 nhưng không có biên lai."
    )
    assert record["content"].endswith("hoặc [đã ẩn], [đã ẩn].")
    assert record["content"].count("[đã ẩn]") == 5


def test_a_denouncers_identity_is_still_redacted(client, hospital, tmp_path):
    content = f"Tôi là {REPORTER.name}, nhà ở {REPORTER.address}. " + TYPED
    file_case(client, hospital, "to_cao", content=content)
    run = national_export_run(directory=tmp_path)
    [record] = [r["record"] for r in lines(tmp_path, run)]
    assert REPORTER.name not in record["content"] and REPORTER.address not in record["content"]
    assert record["content"].startswith("Tôi là [đã ẩn], nhà ở [đã ẩn]. Ngày 12/03/2026")
