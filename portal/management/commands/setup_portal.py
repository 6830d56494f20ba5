"""What a real province needs before its first case, and nothing of the demo: the roles,
the shipped categories, the default routing rules and the site's pages naming
PORTAL_PROVINCE. Idempotent: what exists is left as the administrators have it, except
the pages written from the settings that nobody edited (`cms.site.refresh_pages`)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms import site
from complaints.routing_defaults import install_default_rules
from complaints.services.imports import categories_import
from portal.province import department_name
from portal.roles import ROLES, install_roles

CATEGORIES = "categories.csv"

NEXT_STEPS = """
Các bước tiếp theo (next steps):
  1. Nhập cây đơn vị (import the units): manage.py import_facilities don_vi.csv
     (cột, mã loại đơn vị: README "Management commands"), rồi chạy lại setup_portal
     để cài các quy tắc phân công cần đơn vị (Thanh tra Sở, Văn phòng Sở…).
  2. Tạo quản trị viên đầu tiên (first administrator): manage.py createsuperuser
  3. Đăng nhập /admin/, cài xác thực hai bước (2FA) theo hướng dẫn trên màn hình;
     chọn đơn vị mặc định của từng lĩnh vực (Danh mục & quy tắc → Lĩnh vực),
     tạo tài khoản cán bộ và gán vai trò."""


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
        self.stdout.write(NEXT_STEPS)
