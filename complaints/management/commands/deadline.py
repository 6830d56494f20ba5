"""`deadline KIND --received YYYY-MM-DD [--accepted …] [--requested …] [--second]
[--complex] [--very-complex] [--remote]` (CONTRACT.md): the deadlines of such a case as
one JSON object, computed like a stored case's (same calendar with the administrator's
overrides, same PORTAL_DEADLINE_POLICY).

For `bao_chi`, the 30-day answer (`resolve_by`) counts from the outlet head's written
request (NĐ 237/2026 Art 18(1)), `--requested`, which defaults to the day received: a
stored press case has that step only once the request is recorded."""

from __future__ import annotations

import datetime
import json
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from complaints import deadlines as engine
from complaints.calendar import vietnam_calendar
from complaints.services.calendar import working_calendar
from complaints.services.deadlines import deadline_policy

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FLAG_OPTIONS = {
    "second": "--second",
    "complex": "--complex",
    "very_complex": "--very-complex",
    "remote": "--remote",
}


def _date(value: str | None, option: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        if not _ISO_DATE.match(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"{option}: ngày không hợp lệ “{value}”, cần dạng YYYY-MM-DD (ví dụ 2026-07-15)."
        ) from None


class Command(BaseCommand):
    help = (
        "In thời hạn của một hồ sơ (JSON): loại hồ sơ, ngày tiếp nhận, ngày thụ lý, hạn thụ lý, "
        "hạn giải quyết, hạn gia hạn tối đa và từng bước với căn cứ pháp lý."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"Loại hồ sơ: {', '.join(engine.KINDS)}")
        parser.add_argument("--received", help="Ngày tiếp nhận, YYYY-MM-DD")
        parser.add_argument("--accepted", help="Ngày thụ lý, YYYY-MM-DD (mặc định: ngày tiếp nhận)")
        parser.add_argument(
            "--requested",
            help="Báo chí: ngày người đứng đầu cơ quan báo chí có văn bản yêu cầu trả lời, "
            "YYYY-MM-DD (mặc định: ngày tiếp nhận)",
        )
        parser.add_argument("--second", action="store_true", help="Khiếu nại lần 2")
        parser.add_argument("--complex", action="store_true", help="Vụ việc phức tạp")
        parser.add_argument(
            "--very-complex", action="store_true", help="Vụ việc đặc biệt phức tạp (tố cáo)"
        )
        parser.add_argument("--remote", action="store_true", help="Vùng sâu, vùng xa")

    def handle(self, *args, kind: str, received, accepted, requested=None, **options):
        if kind not in engine.KINDS:
            raise CommandError(
                f"Loại hồ sơ không hợp lệ “{kind}”; dùng một trong: {', '.join(engine.KINDS)}."
            )
        if received is None:
            raise CommandError("Thiếu --received (ngày tiếp nhận, dạng YYYY-MM-DD).")
        received_on = _date(received, "--received")
        accepted_on = _date(accepted, "--accepted")
        if accepted_on is not None and accepted_on < received_on:
            raise CommandError("--accepted không được trước --received.")
        requested_on = _date(requested, "--requested")
        if requested_on is not None and kind != "bao_chi":
            self.stderr.write(f"Lưu ý: --requested không ảnh hưởng thời hạn của loại {kind}.")
        if requested_on is not None and requested_on < received_on:
            raise CommandError("--requested không được trước --received.")
        flags = {name: bool(options[name]) for name in _FLAG_OPTIONS}
        applicable = engine.applicable_flags(kind)
        for name, option in _FLAG_OPTIONS.items():
            if flags[name] and name not in applicable:
                self.stderr.write(f"Lưu ý: {option} không ảnh hưởng thời hạn của loại {kind}.")

        try:
            schedule = engine.compute_deadlines(
                kind=kind,
                received=received_on,
                accepted=accepted_on,
                press_requested=(requested_on or received_on) if kind == "bao_chi" else None,
                calendar=self._calendar(),
                overrides=deadline_policy(),
                **flags,
            )
        except engine.NoApplicableRule as error:
            first = engine.RULE_VERSIONS[0].effective_from.isoformat()
            raise CommandError(
                f"Không có quy định thời hạn áp dụng cho ngày {received_on.isoformat()} "
                f"(cổng chỉ tính từ {first}): {error}"
            ) from error
        except engine.DeadlineError as error:
            raise CommandError(f"Không tính được thời hạn: {error}") from error
        except ValueError as error:
            raise CommandError(f"Cấu hình PORTAL_DEADLINE_POLICY không hợp lệ: {error}") from error
        self.stdout.write(json.dumps(schedule.as_dict(), ensure_ascii=False, indent=2))

    def _calendar(self):
        try:
            return working_calendar()
        except DatabaseError:
            # A fresh checkout before `migrate`: the statutory calendar, said so.
            self.stderr.write(
                "Lưu ý: chưa đọc được lịch nghỉ bù, làm bù trong cơ sở dữ liệu; "
                "chỉ tính ngày lễ theo luật."
            )
            return vietnam_calendar()
