"""The SMS, e-mail and national export files older than PORTAL_RETENTION_FILE_DAYS go with
the run; newer files, and files the portal did not write, stay."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.management import call_command

from complaints.retention.destruction import expired_personal_data_destroy

from .helpers import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def folders(tmp_path, settings):
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.NATIONAL_EXPORT_DIR = str(tmp_path / "national")
    settings.PORTAL_RETENTION_FILE_DAYS = 30
    made = {}
    for folder, old, new, other in (
        ("sms", "20310101-0800-a.txt", "20310610-0800-b.txt", "README"),
        ("mail", "20310101-080000-1.log", "20310610-080000-2.log", "ghi-chu.txt"),
        ("national", "national-20310101T080000-1.jsonl", "national-20310610T0800-2.jsonl",
         ".lock"),
    ):  # fmt: skip
        path = tmp_path / folder
        path.mkdir()
        for name, days in ((old, 31), (new, 29), (other, 400)):
            file = path / name
            file.write_text("To: 0912000111\n", encoding="utf-8")
            moment = (NOW - datetime.timedelta(days=days)).timestamp()
            os.utime(file, (moment, moment))
            made[(folder, name)] = file
    return made


def test_old_message_and_export_files_go_new_ones_and_others_stay(folders):
    out = io.StringIO()
    call_command("destroy_expired_personal_data", now=NOW.isoformat(), stdout=out)
    assert "tệp tin nhắn SMS cũ hơn 30 ngày: 1" in out.getvalue()
    assert all(path.exists() for path in folders.values())  # the dry run deletes nothing

    report = expired_personal_data_destroy(now=NOW, apply=True)

    assert dict(report.files_by_folder) == {"sms": 1, "email": 1, "national_export": 1}
    gone = {name for (_folder, name), path in folders.items() if not path.exists()}
    assert gone == {
        "20310101-0800-a.txt", "20310101-080000-1.log", "national-20310101T080000-1.jsonl"
    }
    again = expired_personal_data_destroy(now=NOW, apply=True)
    assert sum(again.files_by_folder.values()) == 0
