"""`revoke_partner_key PREFIX`: revoke a partner's API key by its prefix (the "Đầu khóa"
column of the admin's key list), as the admin's "Thu hồi khóa này" does: the key stops
working at once, its call log stays, and the revocation is recorded in the key's history
(Wagtail's log, as an edit of the key)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from complaints.models import PartnerKey


class Command(BaseCommand):
    help = "Thu hồi khóa API của đối tác theo đầu khóa (cột “Đầu khóa” trong trang quản trị)."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="Đầu khóa, ví dụ yp_AbC1234.")

    @transaction.atomic
    def handle(self, *args, prefix, **options):
        keys = list(PartnerKey.objects.select_related("partner").filter(prefix=prefix.strip()))
        if not keys:
            raise CommandError(f"Không có khóa nào có đầu khóa “{prefix}”.")
        if len(keys) > 1:
            names = "; ".join(str(key) for key in keys)
            raise CommandError(
                f"Có {len(keys)} khóa cùng đầu khóa “{prefix}” ({names}): hãy thu hồi trong "
                "trang quản trị (Kết nối hệ thống → Khóa API đối tác)."
            )
        [key] = keys
        if key.revoked_at is not None:
            when = timezone.localtime(key.revoked_at)
            self.stdout.write(f"Khóa {key} đã bị thu hồi lúc {when:%H:%M %d/%m/%Y}.")
            return
        key.revoke()
        log(instance=key, action="wagtail.edit", data={"revoked_by": "revoke_partner_key"})
        self.stdout.write(f"Đã thu hồi khóa {key}.")
