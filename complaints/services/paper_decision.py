"""A step's decision signed on paper (rules: complaints/rules/paper_decision.py): its fields'
checks, what the step's event keeps, and how the documents and the case page read it back.

`case_transition` checks the fields in its one validation (`_clean`: the case page, the
document page, the staff API and the command take the same path) and keeps them in the
step's event (`CaseEvent.data`), the one record `paper_decision_of` reads.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.rules.paper_decision import PAPER_DECISION_FIELDS, paper_decision_rule
from complaints.services.decision import clean_symbol
from complaints.validation import past_day_field
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "PAPER_DECISION_FIELD_CLEANERS",
    "PaperDecision",
    "paper_decision_data",
    "paper_decision_errors",
    "paper_decision_of",
]

SYMBOL, DATE = PAPER_DECISION_FIELDS


def _clean_date(raw, *, case, transition, today: datetime.date, **_kw):
    """The day it was signed: not in the future, not before the case was received."""
    rule = paper_decision_rule(case=case, action=transition.action)
    received = timezone.localtime(case.received_at).date() if case.received_at else None
    label = lazy_message(gettext_lazy("Ngày ban hành %(decision)s"),
                         decision=read_later(rule.name_read))
    return past_day_field(raw, received_on=received or datetime.date.min, today=today,
                          label=label)


# Cleaners of the step's fields, called by `complaints.services.workflow._clean`.
PAPER_DECISION_FIELD_CLEANERS = {
    SYMBOL: lambda raw, **_kw: clean_symbol(raw),
    DATE: _clean_date,
}


def paper_decision_errors(*, case, transition, fields: dict) -> dict[str, list[str]]:
    """The number without its day, or the day without its number, by field (empty: nothing
    wrong). `fields` are the step's cleaned fields."""
    symbol, day = fields.get(SYMBOL), fields.get(DATE)
    if bool(symbol) == bool(day):
        return {}
    rule = paper_decision_rule(case=case, action=transition.action)
    decision = read_later(rule.name_read)
    if symbol:
        return {DATE: [lazy_message(
            gettext_lazy("Ghi ngày ban hành %(decision)s đã ký trên giấy."), decision=decision
        )]}
    return {SYMBOL: [lazy_message(
        gettext_lazy("Ghi số, ký hiệu %(decision)s đã ký trên giấy, ví dụ 12/QĐ-SYT."),
        decision=decision,
    )]}


def paper_decision_data(fields: dict) -> dict:
    """What the step's event keeps of it: its number and day (ISO); {} when none was given."""
    if not fields.get(SYMBOL):
        return {}
    return {SYMBOL: fields[SYMBOL], DATE: fields[DATE].isoformat()}


@dataclass(frozen=True)
class PaperDecision:
    """The decision a step recorded as signed on paper: its number and day."""

    symbol: str
    day: datetime.date

    def reference(self) -> str:
        """"số 12/QĐ-SYT ngày 05/12/2026", as a later decision cites it: the document's
        Vietnamese text, whatever the reader's language (as `_step_document_ref` writes it)."""
        return f"số {self.symbol} ngày {self.day:%d/%m/%Y}"

    def text(self, *, case, action: str) -> str:
        """"Quyết định giao nhiệm vụ xác minh số 12/QĐ-SYT ngày 05/12/2026 (ký trên giấy).",
        as the case page shows it with the step."""
        rule = paper_decision_rule(case=case, action=action)
        name = rule.name_read() if rule is not None else _("văn bản")
        return _("%(decision)s số %(symbol)s ngày %(date)s (ký trên giấy).") % {
            "decision": name[:1].upper() + name[1:], "symbol": self.symbol,
            "date": date_format(self.day, "d/m/Y")}


def paper_decision_of(event) -> PaperDecision | None:
    """The decision signed on paper the step's event recorded, or None (none recorded)."""
    data = (event.data or {}) if event is not None else {}
    symbol = data.get(SYMBOL)
    try:
        day = datetime.date.fromisoformat(str(data.get(DATE) or ""))
    except ValueError:
        return None
    if not isinstance(symbol, str) or not symbol:
        return None
    return PaperDecision(symbol=symbol, day=day)
