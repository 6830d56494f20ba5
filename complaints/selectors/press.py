"""What a press case says of the outlet's correction, for whoever shows it (the CMS's public
response page): whether the Sở asked for a correction, when the outlet received the request
and by when it must publish it under which rule, and whether and where it did (khoản 6 Điều 7
Nghị định 244/2026/NĐ-CP; complaints/rules/press_correction.py, services/press_correction.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.dateparse import parse_date

from complaints.models import CaseDeadline, CaseEvent
from complaints.rules.press_correction import STEP

__all__ = ["PressCorrection", "press_correction_state", "press_correction_states"]


@dataclass(frozen=True)
class PressCorrection:
    """The current request for correction of a press case and what came of it."""

    received_on: datetime.date | None  # the day the outlet received the Sở's written reply
    due: datetime.date  # the outlet's deadline to publish
    legal_basis: str  # the deadline row's citation: the rule in force when the outlet received it
    published_on: datetime.date | None  # the day the outlet published it, if it did
    url: str  # the outlet's correction, when recorded (http or https only)
    late: bool  # published after the deadline

    @property
    def published(self) -> bool:
        return self.published_on is not None


def _safe_url(value) -> str:
    url = str(value or "")
    return url if url.startswith(("https://", "http://")) else ""


def press_correction_state(case) -> PressCorrection | None:
    """The case's current request for correction (the last one, a new request supersedes
    the one before), or None when the Sở has asked for none."""
    return press_correction_states([case.pk])[case.pk]


def press_correction_states(case_ids) -> dict[int, PressCorrection | None]:
    """`press_correction_state` of many cases in two queries whatever their number (a list
    of response pages, a feed): the current request of each, then the publications
    recorded after any settled one."""
    ids = {pk for pk in case_ids if pk}
    rows = {}
    for row in CaseDeadline.objects.filter(
        case_id__in=ids, step=STEP, superseded_at__isnull=True
    ).order_by("id"):
        rows[row.case_id] = row  # the last one is the current request
    settled = {pk: row.settled_at for pk, row in rows.items() if row.settled_at is not None}
    published = {}
    if settled:
        for event in CaseEvent.objects.filter(
            case_id__in=settled, action="record_correction_published"
        ).order_by("-at", "-id"):
            if event.at >= settled[event.case_id]:
                published[event.case_id] = event  # the earliest after the settlement wins
    return {pk: _state(rows.get(pk), published.get(pk)) for pk in ids}


def _state(row, published) -> PressCorrection | None:
    if row is None:
        return None
    data = (published.data or {}) if published is not None else {}
    return PressCorrection(
        received_on=row.counted_from,
        due=row.due,
        legal_basis=row.legal_basis,
        published_on=parse_date(str(data.get("published_on") or "")),
        url=_safe_url(data.get("correction_url")),
        late=bool(data.get("late")),
    )
