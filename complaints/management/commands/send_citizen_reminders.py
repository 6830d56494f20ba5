"""`send_citizen_reminders`: remind citizens whose answer to a request for information is
nearly due (by the channels and for the purposes they chose). Idempotent: cron may run it
as often as it likes, beside `send_deadline_reminders`."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from complaints.services.citizen_reply import citizen_reminders_send


class Command(BaseCommand):
    help = "Nhắc người gửi sắp hết hạn bổ sung thông tin (mỗi yêu cầu một lần)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", default=None, help="Tính như thể hôm nay là ngày này (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today is not None:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today phải có dạng YYYY-MM-DD.") from error
        count = citizen_reminders_send(today=day)
        self.stdout.write(f"Đã xếp hàng {count} thư/tin nhắn nhắc hạn cho người gửi.")
