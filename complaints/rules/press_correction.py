"""The outlet's deadline to publish a correction (cải chính) after the Sở's written reply
(DOMAIN.md §6): which medium, by when, and the point of the law that says so.

When the press publishes false information, the spokesperson sends a written reply with
its grounds and asks for correction and apology (NĐ 244/2026 Art 7(6)). The outlet must
then publish the correction (khoản 5 Điều 42 Luật Báo chí 2016, and from 1 July 2026 khoản 3
Điều 19 Nghị định 237/2026/NĐ-CP, the same timing; a reply, phản hồi, is published on the
same timing, khoản 2 Điều 43), counted from the day the outlet receives the document:

- điểm a: báo điện tử, "ngay khi nhận được văn bản kết luận" (the day received; kept
  online at least 07 days): not a period, so nothing is rolled to a working day;
- điểm b: báo ngày, báo nói, báo hình, "trong thời hạn 02 ngày": calendar days, the last
  day rolled to the next working day (BLDS Art 148(5), as every "ngày" period);
- điểm b: báo tuần, tạp chí, "trong số ra gần nhất": the date of the outlet's next issue,
  which staff enter (the law gives no count).

The step is the outlet's duty, not the Sở's: it is tracked (``press_correction``) but
never counted in the Sở's overdue figures (it is not a notice step:
`complaints.querysets.overdue_condition`).

Pure data (no Django); the Vietnamese names of the media are in `complaints.step_labels`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = [
    "CORRECTION_MEDIA",
    "IMMEDIATE",
    "NEXT_ISSUE",
    "STEP",
    "CorrectionDue",
    "CorrectionMedium",
    "correction_due",
    "correction_medium",
]

STEP = "press_correction"

# How the step is counted (`CaseDeadline.counted_in`, at most 16 characters).
IMMEDIATE = "immediate"  # the day the outlet received the document
CALENDAR_DAYS = "calendar_days"
NEXT_ISSUE = "next_issue"  # the date of the outlet's next issue


@dataclass(frozen=True)
class CorrectionMedium:
    code: str
    counted_in: str
    amount: int
    legal_basis: str


# From 1 July 2026 Nghị định 237/2026/NĐ-CP Điều 19 khoản 3 says the same (the OCR'd copy in
# shared/law prints "Điều 3." for its khoản 3, and "0 ngày" for the 07 days kept online).
_SINCE_2026 = "từ 01/7/2026: điểm %s khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP"
_ONLINE = (
    "điểm a khoản 5 Điều 42 Luật Báo chí 2016; "
    + _SINCE_2026 % "a"
    + " (ngay khi nhận được văn bản; lưu ít nhất 07 ngày)"
)
_DAILY = (
    "điểm b khoản 5 Điều 42 Luật Báo chí 2016; "
    + _SINCE_2026 % "b"
    + " (báo ngày, báo nói, báo hình: 02 ngày)"
)
_WEEKLY = (
    "điểm b khoản 5 Điều 42 Luật Báo chí 2016; "
    + _SINCE_2026 % "b"
    + " (báo tuần, tạp chí: số ra gần nhất)"
)

CORRECTION_MEDIA: tuple[CorrectionMedium, ...] = (
    CorrectionMedium("online", IMMEDIATE, 0, _ONLINE),
    CorrectionMedium("daily_print", CALENDAR_DAYS, 2, _DAILY),
    CorrectionMedium("broadcast", CALENDAR_DAYS, 2, _DAILY),
    CorrectionMedium("periodical", NEXT_ISSUE, 0, _WEEKLY),
)


def correction_medium(code: str) -> CorrectionMedium | None:
    return next((m for m in CORRECTION_MEDIA if m.code == code), None)


@dataclass(frozen=True)
class CorrectionDue:
    due: datetime.date
    counted_in: str
    amount: int
    counted_from: datetime.date
    legal_basis: str


def correction_due(
    *, medium: str, received: datetime.date, next_issue: datetime.date | None, calendar
) -> CorrectionDue:
    """The day the outlet must publish the correction by (``calendar``: a
    `complaints.calendar.WorkingCalendar`). ValueError for an unknown medium, or a
    periodical without its next issue's date, or an issue dated before the receipt."""
    row = correction_medium(medium)
    if row is None:
        raise ValueError(f"unknown medium {medium!r}")
    if row.counted_in == IMMEDIATE:
        due = received
    elif row.counted_in == CALENDAR_DAYS:
        due = calendar.add_calendar_days(received, row.amount)
    else:
        if next_issue is None:
            raise ValueError("a weekly or a magazine needs the date of its next issue")
        if next_issue < received:
            raise ValueError("the next issue cannot be dated before the document was received")
        due = next_issue
    return CorrectionDue(
        due=due,
        counted_in=row.counted_in,
        amount=row.amount,
        counted_from=received,
        legal_basis=row.legal_basis,
    )


def _validate() -> None:
    codes = [m.code for m in CORRECTION_MEDIA]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate correction medium")
    for m in CORRECTION_MEDIA:
        if not m.legal_basis or len(m.legal_basis) > 255 or len(m.counted_in) > 16:
            raise ValueError(f"bad correction medium {m}")


_validate()
