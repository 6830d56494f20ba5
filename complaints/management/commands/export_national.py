"""`export_national [--dir DIR] [--enqueue] [--since YYYY-MM-DD | --all]`: export new and
changed cases for the national database (complaints/exports/national.py) and print the
run's counts as JSON.

Idempotent: a second run with nothing changed writes no file and counts every case
unchanged. `--enqueue` queues the export as a background task instead (for cron), into
`--dir` too (checked before it is queued: a folder that cannot be written is refused at
once, as without `--enqueue`).
`--since DAY` also writes again every case last exported on or after that day, `--all`
every case ever exported: a file lost before it reached the national database is
regenerated (its lines marked `"resent": true`). Every run, failed ones too, is in the
admin's "Xuất CSDL quốc gia" with its outcome."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.exports.national import (
    export_directory,
    national_export_run,
    national_export_task,
    writable_export_directory,
)
from portal.local_days import EARLIEST, day_start


class Command(BaseCommand):
    help = (
        "Xuất hồ sơ mới và hồ sơ đã thay đổi sang Cơ sở dữ liệu quốc gia (định dạng chưa xác nhận)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Thư mục ghi tệp (mặc định var/exports/national)."
        )
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ nền.")
        again = parser.add_mutually_exclusive_group()
        again.add_argument(
            "--since",
            default=None,
            metavar="YYYY-MM-DD",
            help="Ghi lại cả các hồ sơ đã xuất từ ngày này (tệp bị mất trước khi được gửi đi).",
        )
        again.add_argument(
            "--all", action="store_true", help="Ghi lại mọi hồ sơ đã từng xuất."
        )

    def handle(self, *args, dir=None, enqueue=False, since=None, all=False, **options):
        resend_since = self._resend_since(since, all)
        if enqueue and resend_since is not None:
            raise CommandError(
                "--since/--all chạy trực tiếp, không dùng cùng --enqueue. "
                "--since/--all run directly, not with --enqueue."
            )
        if enqueue:
            self._enqueue(Path(dir) if dir else None)
            return
        directory = Path(dir) if dir else export_directory()
        try:
            run = national_export_run(directory=directory, resend_since=resend_since)
        except OSError as error:
            raise self._unwritable(directory, error) from error
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
                    "resent": run.resent,
                    "identity_withheld": run.identity_withheld,
                    "status": run.status,
                },
                ensure_ascii=False,
            )
        )

    def _enqueue(self, directory: Path | None) -> None:
        """Queue the run; a folder given (`--dir`) is checked first, as a run checks it,
        and passed to the task as an absolute path (the worker's own folder may differ)."""
        if directory is not None:
            try:
                writable_export_directory(directory)
            except OSError as error:
                raise self._unwritable(directory, error) from error
        where = str(directory.absolute()) if directory is not None else ""
        result = national_export_task.enqueue(directory=where)
        self.stdout.write(json.dumps({"queued": str(result.id)}))

    @staticmethod
    def _unwritable(directory: Path, error: OSError) -> CommandError:
        return CommandError(
            f"Không ghi được vào thư mục {directory}: thư mục không tồn tại, không tạo được "
            f"hoặc không có quyền ghi ({error.strerror}). Cannot write to {directory}: the "
            "folder does not exist, cannot be created or is not writable."
        )

    @staticmethod
    def _resend_since(since: str | None, everything: bool) -> datetime.datetime | None:
        """The start of the day `since` in the portal's time zone; the earliest instant
        for `--all`; None otherwise."""
        if everything:
            return EARLIEST
        if since is None:
            return None
        try:
            day = datetime.date.fromisoformat(since)
        except ValueError as error:
            raise CommandError(
                f"--since {since!r}: cần một ngày dạng YYYY-MM-DD, ví dụ 2026-12-01. "
                f"--since {since!r}: a day as YYYY-MM-DD is needed, e.g. 2026-12-01."
            ) from error
        return day_start(day)
