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

__all__ = ["PressCorrection", "press_correction_state"]


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
    row = (
        CaseDeadline.objects.filter(case=case, step=STEP, superseded_at__isnull=True)
        .order_by("-id")
        .first()
    )
    if row is None:
        return None
    published = None
    if row.settled_at is not None:
        published = (
            CaseEvent.objects.filter(
                case=case, action="record_correction_published", at__gte=row.settled_at
            )
            .order_by("at", "id")
            .first()
        )
    data = (published.data or {}) if published is not None else {}
    return PressCorrection(
        received_on=row.counted_from,
        due=row.due,
        legal_basis=row.legal_basis,
        published_on=parse_date(str(data.get("published_on") or "")),
        url=_safe_url(data.get("correction_url")),
        late=bool(data.get("late")),
    )
