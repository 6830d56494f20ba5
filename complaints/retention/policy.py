"""How long a closed case keeps its citizen's personal data: the table, with its source.

Điều 16 Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15): personal data is kept for the
time its purpose needs unless another law provides otherwise (khoản 1); when no period is
determined, 36 months from the data subject's last interaction with the system (điểm b
khoản 2); at the end of the period the controller destroys it (khoản 3), destroying being
"xóa vĩnh viễn hoặc không thể khôi phục" (khoản 1 Điều 15).

- phản ánh, kiến nghị and press reports: no law sets their period, so the 36 months of
  điểm b khoản 2 Điều 16 apply.
- khiếu nại and tố cáo: their case files (hồ sơ) are archive records kept for years under
  the archive rules (khoản 1 Điều 16: "trừ trường hợp pháp luật có quy định khác"). **The
  period is UNCONFIRMED here** (DOMAIN.md: "Retention of case files follows archive rules
  (unconfirmed period: configurable)"): 120 months is the portal's placeholder, set per
  kind by `PORTAL_RETENTION_POLICY=khieu_nai=…,to_cao=…` (months) once the Sở confirms it.

The period runs from the later of the case's closing (`closed_at`) and the citizen's last
interaction with it (`complaints.retention.selection`). Open cases are never touched; a
case under a legal hold (`Case.retention_hold`) neither.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings

from complaints.kinds import CaseKind

__all__ = [
    "DEFAULT_RULES",
    "RetentionRule",
    "file_age_days",
    "months_before",
    "retention_rules",
]

ARTICLE_16_DEFAULT = (
    "điểm b khoản 2 Điều 16 Luật Bảo vệ dữ liệu cá nhân (36 tháng kể từ lần tương tác cuối "
    "của chủ thể dữ liệu)"
)
ARCHIVE_RULES = (
    "khoản 1 Điều 16 Luật Bảo vệ dữ liệu cá nhân (pháp luật có quy định khác): quy định lưu "
    "trữ hồ sơ giải quyết khiếu nại, tố cáo — thời hạn chưa xác nhận, đặt bằng "
    "PORTAL_RETENTION_POLICY"
)
DESTRUCTION_BASIS = "khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân"


@dataclass(frozen=True)
class RetentionRule:
    """Months a closed case of one kind keeps its citizen's personal data, and why."""

    months: int
    legal_basis: str
    unconfirmed: bool = False
    configured: bool = False  # set by PORTAL_RETENTION_POLICY rather than this table


DEFAULT_RULES: dict[str, RetentionRule] = {
    CaseKind.PHAN_ANH: RetentionRule(36, ARTICLE_16_DEFAULT),
    CaseKind.KIEN_NGHI: RetentionRule(36, ARTICLE_16_DEFAULT),
    CaseKind.BAO_CHI: RetentionRule(36, ARTICLE_16_DEFAULT),
    # UNCONFIRMED: archive rules for complaint and denunciation case files (DOMAIN.md).
    CaseKind.KHIEU_NAI: RetentionRule(120, ARCHIVE_RULES, unconfirmed=True),
    CaseKind.TO_CAO: RetentionRule(120, ARCHIVE_RULES, unconfirmed=True),
}

# Days the message and export files are kept (`PORTAL_RETENTION_FILE_DAYS`, the portal's
# choice, not the law's): SMS and e-mail files written instead of being sent, and the
# national database's export files, each a copy of what was sent elsewhere.
DEFAULT_FILE_DAYS = 90


def retention_rules() -> dict[str, RetentionRule]:
    """The table, with the months `PORTAL_RETENTION_POLICY` sets (kind -> months)."""
    configured = getattr(settings, "PORTAL_RETENTION_POLICY", {}) or {}
    rules = dict(DEFAULT_RULES)
    for kind, months in configured.items():
        rule = rules[kind]
        rules[kind] = RetentionRule(months, rule.legal_basis, rule.unconfirmed, configured=True)
    return rules


def file_age_days() -> int:
    return int(getattr(settings, "PORTAL_RETENTION_FILE_DAYS", DEFAULT_FILE_DAYS))


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """`moment` minus calendar months (31 March minus one month is 28/29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
