"""What a real province needs before its first case, and nothing of the demo: the roles,
the shipped categories, the default routing rules and the site's pages naming
PORTAL_PROVINCE. Idempotent: what exists is left as the administrators have it, except
the pages written from the settings that nobody edited (`cms.site.refresh_pages`); ends
with the steps still to do (`portal.setup_steps`)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms import site
from complaints.routing_defaults import install_default_rules
from complaints.services.imports import categories_import
from portal.province import department_name
from portal.roles import ROLES, install_roles
from portal.setup_steps import next_steps, next_steps_text

CATEGORIES = "categories.csv"


class Command(BaseCommand):
    help = (
        "Cài đặt cổng cho một tỉnh thật: vai trò, lĩnh vực, quy tắc phân công mặc định, "
        "các trang của cổng mang tên tỉnh (PORTAL_PROVINCE); không có dữ liệu mẫu. "
        "Chạy lại không thay đổi gì ngoài các trang chưa ai sửa, theo cấu hình hiện tại."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            groups = install_roles()
            self.stdout.write("vai trò: " + ", ".join(name for name, _perms in ROLES.values()))
            path = settings.DEMO_DIR / "data" / CATEGORIES
            result = categories_import(
                text=path.read_text(encoding="utf-8"), source=CATEGORIES, new_only=True
            )
            self.stdout.write(f"lĩnh vực: {result.created} mới, {result.unchanged} đã có")
            rules = install_default_rules()
            self.stdout.write(
                f"quy tắc phân công: {len(rules.created)} mới, {rules.existing} đã có, "
                f"{len(rules.skipped)} chưa cài (thiếu đơn vị)"
            )
            site.install(stdout=self.stdout, groups=groups)  # pages: created, updated, kept
        self.stdout.write(f"Cổng của {department_name()} đã sẵn sàng.")
        self.stdout.write(next_steps_text(next_steps(skipped_rules=rules.skipped)))
