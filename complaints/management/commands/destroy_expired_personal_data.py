"""`destroy_expired_personal_data`: destroy the citizen's personal data of the closed cases
whose retention period has ended, and the old SMS, e-mail and national export files (khoản 3
Điều 16 Luật Bảo vệ dữ liệu cá nhân; complaints/retention). A dry run by default: it says
how many cases and files per kind would be affected; `--apply` destroys them. A case that
cannot be destroyed is rolled back alone and named; the others and the old files still go,
and the command then exits non-zero (1) listing it, for cron's mail or systemd's journal.
Safe to run again; run daily (README, "Lịch chạy hằng ngày")."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from complaints.kinds import CaseKind
from complaints.retention.destruction import expired_personal_data_destroy
from complaints.retention.policy import file_age_days, retention_rules

FOLDER_LABELS = {
    "sms": "tệp tin nhắn SMS",
    "email": "tệp thư điện tử",
    "national_export": "tệp xuất Cơ sở dữ liệu quốc gia",
}


class Command(BaseCommand):
    help = (
        "Hủy dữ liệu cá nhân của người gửi ở các hồ sơ đã đóng hết thời hạn lưu trữ và các "
        "tệp tin nhắn, thư, tệp xuất cũ (khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân). "
        "Mặc định chỉ liệt kê; thêm --apply để hủy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Hủy thật (mặc định chỉ đếm, không xóa gì)."
        )
        parser.add_argument(
            "--now",
            default=None,
            help="Tính như thể bây giờ là thời điểm này (ISO 8601, ví dụ 2030-01-31T00:00).",
        )

    def handle(self, *args, apply=False, now=None, **options):
        moment = timezone.now()
        if now is not None:
            try:
                moment = datetime.datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(
                    "--now phải có dạng ISO 8601, ví dụ 2030-01-31T00:00."
                ) from error
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        report = expired_personal_data_destroy(now=moment, apply=apply)
        verb = "Đã hủy" if apply else "Sẽ hủy (chạy thử, chưa xóa gì)"
        rules = retention_rules()
        self.stdout.write(f"{verb}: dữ liệu cá nhân của {report.cases} hồ sơ.")
        for kind in CaseKind:
            rule = rules[kind]
            flag = " — chưa xác nhận" if rule.unconfirmed and not rule.configured else ""
            self.stdout.write(
                f"  {kind.label}: {report.cases_by_kind.get(kind.value, 0)} hồ sơ "
                f"(lưu {rule.months} tháng; {rule.legal_basis}{flag})"
            )
        # The citizen's own files: the issued documents' PDF and signed copy are kept.
        self.stdout.write(f"  Tệp đính kèm của người gửi: {report.attachments}")
        days = file_age_days()
        for folder, label in FOLDER_LABELS.items():
            self.stdout.write(
                f"  {label} cũ hơn {days} ngày: {report.files_by_folder.get(folder, 0)}"
            )
        if not apply:
            self.stdout.write("Thêm --apply để hủy.")
        if report.failures:
            for name, error in report.failures:
                self.stderr.write(f"Không hủy được: {name} ({error})")
            raise CommandError(
                f"{len(report.failures)} hồ sơ hoặc tệp chưa hủy được, sẽ thử lại ở lần chạy "
                f"sau: {', '.join(name for name, _error in report.failures)}."
            )
