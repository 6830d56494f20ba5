"""The outlet's deadline to publish a correction (cải chính) after the Sở's written reply
(DOMAIN.md §6): which medium, by when, and the point of the law that says so.

When the press publishes false information, the spokesperson sends a written reply with
its grounds and asks for correction and apology (NĐ 244/2026 Art 7(6)). The outlet must
then publish the correction (khoản 5 Điều 42 Luật Báo chí 2016 until 30 June 2026, from 1 July
2026 khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP, the same timing: `correction_basis` cites the
one in force on the day the outlet received the document), counted from that day:

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
    "correction_article",
    "correction_basis",
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
    point: str  # the point of the article's clause on timing: "a" online, "b" print, broadcast


# The rules in force on the day the outlet received the document (DOMAIN.md §4: a step follows
# the rules in force when its clock starts). Until 30 June 2026: khoản 5 Điều 42 Luật Báo chí
# 2016. From 1 July 2026: khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP, which details khoản 4
# Điều 34 of Luật Báo chí 126/2025/QH15 on correction (khoản 1 Điều 1 of the decree; the OCR'd
# copies in shared/law print "Điều 3." for its khoản 3, and "0 ngày" for the 07 days kept
# online). The timing is the same in both.
SINCE_2026 = datetime.date(2026, 7, 1)
ARTICLE_2016 = "khoản 5 Điều 42 Luật Báo chí 2016"
ARTICLE_2026 = "khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP"
_LAW_2026 = "khoản 4 Điều 34 Luật Báo chí 2025"

CORRECTION_MEDIA: tuple[CorrectionMedium, ...] = (
    CorrectionMedium("online", IMMEDIATE, 0, "a"),
    CorrectionMedium("daily_print", CALENDAR_DAYS, 2, "b"),
    CorrectionMedium("broadcast", CALENDAR_DAYS, 2, "b"),
    CorrectionMedium("periodical", NEXT_ISSUE, 0, "b"),
)


def correction_article(received: datetime.date) -> str:
    """The clause on the correction's timing in force on the day the outlet received the
    document."""
    return ARTICLE_2026 if received >= SINCE_2026 else ARTICLE_2016


def correction_basis(medium: CorrectionMedium, received: datetime.date) -> str:
    """The point of the law the medium's deadline follows, for a document the outlet received
    on `received`: what the deadline row, the steps recording the correction and the public
    response page cite."""
    basis = f"điểm {medium.point} {correction_article(received)}"
    return f"{basis}; {_LAW_2026}" if received >= SINCE_2026 else basis


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
        legal_basis=correction_basis(row, received),
    )


def _validate() -> None:
    codes = [m.code for m in CORRECTION_MEDIA]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate correction medium")
    for m in CORRECTION_MEDIA:
        if m.point not in ("a", "b") or len(m.counted_in) > 16:
            raise ValueError(f"bad correction medium {m}")


_validate()
