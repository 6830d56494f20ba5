"""`warn_partner_key_expiry`: mail each partner's contact once 30 days and once 7 days
before one of its API keys expires (complaints/partners/expiry.py). Idempotent: cron runs
it daily; a run with nothing owed sends nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from complaints.partners.expiry import expiry_warnings_send


class Command(BaseCommand):
    help = "Báo trước cho đối tác các khóa API sắp hết hạn (30 ngày và 7 ngày, mỗi mốc một lần)."

    def handle(self, *args, **options):
        count = expiry_warnings_send()
        self.stdout.write(f"Đã xếp hàng {count} thư báo khóa API đối tác sắp hết hạn.")
