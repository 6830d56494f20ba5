"""`issue_partner_key PARTNER_CODE [--name NAME] [--days N]`: a partner's API key, printed
once, valid N days (`PORTAL_PARTNER_KEY_DAYS`, 365, by default).

`revoke_partner_key PREFIX` revokes one, as the admin's "Thu hồi khóa này" does; keys are
never printed again. The partner itself is created in the admin (Kết nối hệ thống → Đối
tác): this command needs an active one."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from complaints.models import Partner, PartnerKey


class Command(BaseCommand):
    help = "Cấp khóa API cho một đối tác kết nối; khóa chỉ được in ra một lần."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="Mã đối tác.")
        parser.add_argument("--name", default="api", help="Tên gợi nhớ của khóa.")
        parser.add_argument(
            "--days", type=int, default=None,
            help="Số ngày khóa có hiệu lực (mặc định PORTAL_PARTNER_KEY_DAYS, 365).",
        )  # fmt: skip

    def handle(self, *args, partner, name, days=None, **options):
        if days is not None and days < 1:
            raise CommandError("--days phải là số ngày từ 1 trở lên.")
        found = Partner.objects.filter(code=partner, is_active=True).first()
        if found is None:
            raise CommandError(f"Không tìm thấy đối tác đang hoạt động “{partner}”.")
        key, raw = PartnerKey.issue(partner=found, name=name, days=days)
        self.stderr.write(
            f"Khóa API của đối tác, hết hạn ngày {key.expires_on:%d/%m/%Y} (chỉ hiển thị một "
            "lần; dùng: X-API-Key: <khóa>, hoặc api_key=<khóa> với Open311):"
        )
        self.stdout.write(raw)
