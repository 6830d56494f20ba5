"""`issue_partner_key PARTNER_CODE [--name NAME]`: a partner's API key, printed once.

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

    def handle(self, *args, partner, name, **options):
        found = Partner.objects.filter(code=partner, is_active=True).first()
        if found is None:
            raise CommandError(f"Không tìm thấy đối tác đang hoạt động “{partner}”.")
        _key, raw = PartnerKey.issue(partner=found, name=name)
        self.stderr.write(
            "Khóa API của đối tác (chỉ hiển thị một lần; dùng: X-API-Key: <khóa>, "
            "hoặc api_key=<khóa> với Open311):"
        )
        self.stdout.write(raw)
