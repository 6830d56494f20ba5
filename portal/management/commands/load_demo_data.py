"""Loads the demo province: each app contributes its own part, in dependency order."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms import demo as cms_demo
from complaints import demo as complaints_demo
from complaints import demo_cases
from portal import demo_accounts


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (chạy lại không thay đổi gì). Không dùng cho hệ thống thật: "
        "ở đó chạy setup_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-demo",
            action="store_true",
            help="Nạp dữ liệu mẫu cả khi chạy với cài đặt production.",
        )

    def handle(self, *args, i_know_this_is_demo=False, **options):
        if settings.PORTAL_PRODUCTION and not i_know_this_is_demo:
            raise CommandError(
                "Đây là cài đặt production: load_demo_data tạo tài khoản mẫu dùng chung một "
                "mật khẩu, đơn vị của tỉnh mẫu và hồ sơ giả. Hãy chạy setup_portal; nếu đúng là "
                "máy thử nghiệm, thêm --i-know-this-is-demo. (Production settings: demo data "
                "refused; run setup_portal.)"
            )
        with transaction.atomic():
            complaints_demo.load(stdout=self.stdout)
            accounts = demo_accounts.load(stdout=self.stdout)
            cms_demo.load(stdout=self.stdout, groups=accounts.groups)
            demo_cases.load_sample_cases(stdout=self.stdout)
        demo_accounts.print_accounts(accounts, stdout=self.stdout)
