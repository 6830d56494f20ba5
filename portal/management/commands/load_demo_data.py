"""Loads the demo province: each app contributes its own part, in dependency order."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms import demo as cms_demo
from complaints import demo as complaints_demo
from complaints import demo_cases
from portal import demo_accounts


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        with transaction.atomic():
            complaints_demo.load(stdout=self.stdout)
            accounts = demo_accounts.load(stdout=self.stdout)
            cms_demo.load(stdout=self.stdout, groups=accounts.groups)
            demo_cases.load_sample_cases(stdout=self.stdout)
        demo_accounts.print_accounts(accounts, stdout=self.stdout)
