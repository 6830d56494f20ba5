"""`send_deadline_reminders`: e-mail the staff responsible before a deadline and when it
passes (CONTRACT.md). Idempotent: one reminder per case, step and threshold, so cron may
run it as often as it likes (README, "Scheduled commands"). The command selects and
records the reminders in bulk; the e-mails go out as background tasks after the commit
(`complaints.notifications.staff.deadline_reminders_deliver`, run by the task worker)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from complaints.notifications.staff import deadline_reminders_send


class Command(BaseCommand):
    help = "Gửi thư nhắc hạn cho cán bộ xử lý (mỗi hồ sơ, mỗi bước, mỗi ngưỡng một lần)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before",
            type=int,
            default=None,
            help="Nhắc trước bao nhiêu ngày làm việc (mặc định 3).",
        )
        parser.add_argument(
            "--today", default=None, help="Tính như thể hôm nay là ngày này (YYYY-MM-DD)."
        )

    def handle(self, *args, days_before=None, today=None, **options):
        if today is not None:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("Ngày không hợp lệ (định dạng YYYY-MM-DD).") from error
        if days_before is not None and days_before < 0:
            raise CommandError("--days-before phải là số không âm.")
        sent = deadline_reminders_send(today=today, days_before=days_before)
        self.stdout.write(
            "".join(
                f"{reminder.tracking_code} {reminder.step} {reminder.threshold} "
                f"{reminder.due.isoformat()} → {reminder.recipients}\n"
                for reminder in sent
            ),
            ending="",
        )
        self.stdout.write(f"Đã gửi {len(sent)} thư nhắc hạn.")
