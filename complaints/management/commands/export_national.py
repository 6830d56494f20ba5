"""`export_national [--dir DIR] [--enqueue]`: export new and changed cases for the national
database (complaints/exports/national.py) and print the run's counts as JSON.

Idempotent: a second run with nothing changed writes no file and counts every case
unchanged. `--enqueue` queues the export as a background task instead (for cron)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.exports.national import (
    export_directory,
    national_export_run,
    national_export_task,
)


class Command(BaseCommand):
    help = (
        "Xuất hồ sơ mới và hồ sơ đã thay đổi sang Cơ sở dữ liệu quốc gia (định dạng chưa xác nhận)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Thư mục ghi tệp (mặc định var/exports/national)."
        )
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ nền.")

    def handle(self, *args, dir=None, enqueue=False, **options):
        if enqueue:
            result = national_export_task.enqueue()
            self.stdout.write(json.dumps({"queued": str(result.id)}))
            return
        directory = Path(dir) if dir else export_directory()
        try:
            run = national_export_run(directory=directory)
        except OSError as error:
            raise CommandError(
                f"Không ghi được vào thư mục {directory}: thư mục không tồn tại, không tạo được "
                f"hoặc không có quyền ghi ({error.strerror}). Cannot write to {directory}: the "
                "folder does not exist, cannot be created or is not writable."
            ) from error
        self.stdout.write(
            json.dumps(
                {
                    "run": run.pk,
                    "file": run.file_name or None,
                    "format": run.format_version,
                    "examined": run.examined,
                    "new": run.new,
                    "changed": run.changed,
                    "unchanged": run.unchanged,
                    "identity_withheld": run.identity_withheld,
                },
                ensure_ascii=False,
            )
        )
