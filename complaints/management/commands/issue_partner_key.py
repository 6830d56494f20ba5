"""`issue_partner_key PARTNER_CODE [--name NAME] [--days N]`: a partner's API key, printed
once, valid N days (`PORTAL_PARTNER_KEY_DAYS`, 365, by default; at most
`PARTNER_KEY_MAX_DAYS`, 1,095: complaints/partners/key_term.py).

`revoke_partner_key PREFIX` revokes one, as the admin's "Thu hồi khóa này" does; keys are
never printed again. The partner itself is created in the admin (Kết nối hệ thống → Đối
tác): this command needs an active one."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from complaints.models import Partner, PartnerKey
from complaints.partners.key_term import PARTNER_KEY_MAX_DAYS


class Command(BaseCommand):
    help = "Cấp khóa API cho một đối tác kết nối; khóa chỉ được in ra một lần."

    def add_arguments(self, parser):
        parser.add_argument("partner", help="Mã đối tác.")
        parser.add_argument("--name", default="api", help="Tên gợi nhớ của khóa.")
        parser.add_argument(
            "--days", type=int, default=None,
            help=(
                f"Số ngày khóa có hiệu lực, từ 1 đến {PARTNER_KEY_MAX_DAYS} (mặc định "
                "PORTAL_PARTNER_KEY_DAYS, 365)."
            ),
        )  # fmt: skip

    def handle(self, *args, partner, name, days=None, **options):
        if days is not None and not 1 <= days <= PARTNER_KEY_MAX_DAYS:
            raise CommandError(
                f"--days phải từ 1 đến {PARTNER_KEY_MAX_DAYS} ngày (3 năm): khóa nào cũng hết "
                "hạn; để đối tác dùng lâu hơn, hãy cấp khóa mới trước ngày hết hạn."
            )
        found = Partner.objects.filter(code=partner, is_active=True).first()
        if found is None:
            raise CommandError(f"Không tìm thấy đối tác đang hoạt động “{partner}”.")
        key, raw = PartnerKey.issue(partner=found, name=name, days=days)
        self.stderr.write(
            f"Khóa API của đối tác, hết hạn ngày {key.expires_on:%d/%m/%Y} (chỉ hiển thị một "
            "lần; dùng: X-API-Key: <khóa>, hoặc api_key=<khóa> với Open311):"
        )
        self.stdout.write(raw)
