"""The decision a complaint's or denunciation's conclusion names (`complaints.rules.decision`).

`case_transition` calls `decision_for_conclusion` while it takes the step `conclude`: the
decision is either the step's own document issued with it in the portal (`document_id`),
or one signed on paper (its số, ký hiệu and ngày ban hành, fields of the step). Without
either the step is refused, citing the article that requires the decision in writing
(khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo). What it
returns is stored in the step's event (`CaseEvent.data`), the one record read back by
`decision_recorded` (the case page, the timeline, the tracking page, the reference a
second-time complaint cites).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.rules.decision import (
    DECISION_FIELDS,
    SYMBOL_MAX_LENGTH,
    decision_rule,
    symbol_plausible,
)
from complaints.validation import day_field, text_problem
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "DECISION_FIELD_CLEANERS",
    "PAPER",
    "PORTAL",
    "RecordedDecision",
    "clean_symbol",
    "decision_errors",
    "decision_for_conclusion",
    "decision_issued",
    "decision_recorded",
    "document_refusal",
]

# How the decision was made: signed on paper (recorded by its reference), issued in the portal.
PAPER = "paper"
PORTAL = "portal"


def clean_symbol(raw, **_kw):
    """Số, ký hiệu as written on the decision ("12/QĐ-SYT"), spaces around it dropped."""
    if raw in (None, ""):
        return None, None
    if not isinstance(raw, str):
        return None, gettext_lazy("Giá trị phải là văn bản.")
    value = raw.strip()
    problem = text_problem(value)
    if problem:
        return None, problem
    if len(value) > SYMBOL_MAX_LENGTH:
        return None, lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=SYMBOL_MAX_LENGTH)
    if value and symbol_plausible(value) is None:
        return None, gettext_lazy(
            "Số, ký hiệu không đúng dạng: số, dấu “/”, rồi chữ viết tắt tên loại văn bản và "
            "cơ quan ban hành, ví dụ 12/QĐ-SYT (Phụ lục I Nghị định 30/2020/NĐ-CP)."
        )
    return value or None, None


def _clean_date(raw, *, case, today: datetime.date, **_kw):
    """The day the decision was issued: not in the future, not before the case was accepted
    (received, for a case without an acceptance day): the decision resolves an accepted case."""
    value, error = day_field(raw)
    if value is None:
        return None, error
    if value > today:
        return None, gettext_lazy("Ngày ban hành không được ở tương lai.")
    start = case.accepted_at or case.received_at
    first = timezone.localtime(start).date() if start else None
    if first is not None and value < first:
        if case.accepted_at:
            return None, lazy_message(
                gettext_lazy("Ngày ban hành không được trước ngày thụ lý (%(date)s)."),
                date=date_format(first, "d/m/Y"),
            )
        return None, lazy_message(
            gettext_lazy("Ngày ban hành không được trước ngày tiếp nhận (%(date)s)."),
            date=date_format(first, "d/m/Y"),
        )
    return value, None


def _clean_finding(raw, *, case, **_kw):
    """The finding the decision states: one of its kind's (`DecisionRule.finding_labels`),
    required, refused naming the article that requires it."""
    rule = decision_rule(case)
    if rule is None:
        return None, None
    if isinstance(raw, str) and raw in rule.finding_labels:
        return raw, None
    choices = read_later(
        lambda: "; ".join(f"{code} ({label})" for code, label in rule.finding_choices())
    )
    article = read_later(lambda: rule.finding_article_for(case))
    if raw in (None, ""):
        return None, lazy_message(
            gettext_lazy(
                "Ghi kết luận nội dung %(kind)s là đúng, đúng một phần hay sai (%(article)s): "
                "chọn một trong: %(choices)s."
            ),
            kind=read_later(lambda: case.get_kind_display().lower()),
            article=article,
            choices=choices,
        )
    return None, lazy_message(
        gettext_lazy("Kết luận nội dung không hợp lệ (%(article)s): chọn một trong: %(choices)s."),
        article=article, choices=choices,
    )


# Cleaners of the step's fields, called by `complaints.services.workflow._clean`.
DECISION_FIELD_CLEANERS = {
    "decision_symbol": clean_symbol,
    "decision_date": _clean_date,
    "finding": _clean_finding,
}


def _missing(case):
    """Why a conclusion names no decision, read in its reader's language."""
    rule = decision_rule(case)
    return lazy_message(
        gettext_lazy(
            "Chưa kết luận được: %(kind)s được giải quyết bằng %(decision)s bằng văn bản "
            "(%(article)s). Hãy ban hành văn bản này cùng bước kết luận trên Cổng (soạn dự "
            "thảo văn bản của bước, rồi “Phê duyệt bước và ban hành”), hoặc ghi số, ký hiệu và "
            "ngày ban hành của văn bản đã ký trên giấy."
        ),
        kind=read_later(lambda: case.get_kind_display().lower()),
        decision=read_later(rule.name_read),
        article=read_later(lambda: rule.article_for(case)),
    )


def document_refusal(*, case, document) -> str | None:
    """Why the document issued with the step is not the conclusion's decision, or None."""
    rule = decision_rule(case)
    if rule is None or document is None:
        return None
    if document.action == "conclude" and document.document_type == rule.document_type:
        return None
    return _(
        "Văn bản “%(title)s” không phải %(decision)s: bước kết luận được ban hành cùng "
        "%(decision)s (%(article)s), hoặc ghi số, ký hiệu và ngày ban hành của %(decision)s "
        "đã ký trên giấy trên trang hồ sơ."
    ) % {
        "title": document.template.title,
        "decision": rule.name_read(),
        "article": rule.article_for(case),
    }


def decision_errors(*, case, fields: dict, document) -> dict[str, list[str]]:
    """What is missing or contradictory in the decision the conclusion names, by field
    (empty: nothing). `document` is the `Document` issued with the step, of the decision's
    type (`document_refusal`), or None; `fields` the step's cleaned fields."""
    rule = decision_rule(case)
    if rule is None:
        return {}
    symbol, day = fields.get("decision_symbol"), fields.get("decision_date")
    if document is not None:
        message = lazy_message(
            gettext_lazy(
                "%(decision)s được ban hành trên Cổng cùng bước này: không ghi thêm số, ký "
                "hiệu, ngày của văn bản giấy."
            ),
            decision=read_later(lambda: rule.name_read().capitalize()),
        )
        return {name: [message] for name in DECISION_FIELDS if fields.get(name)}
    if symbol and day:
        return {}
    if not symbol and not day:
        return {"decision_symbol": [_missing(case)]}
    if not symbol:
        return {"decision_symbol": [
            lazy_message(
                gettext_lazy("Ghi số, ký hiệu của %(decision)s đã ký, ví dụ 12/QĐ-SYT."),
                decision=read_later(rule.name_read),
            )
        ]}
    return {"decision_date": [
        lazy_message(
            gettext_lazy("Ghi ngày ban hành của %(decision)s đã ký."),
            decision=read_later(rule.name_read),
        )
    ]}


def decision_for_conclusion(*, case, fields: dict, document) -> dict:
    """The step data recording the decision (call once `decision_errors` found nothing):
    for a paper decision its reference and day (`decided_on`: the notices it opens count
    from it, khoản 3 Điều 35 Luật Tố cáo, Điều 32 Luật Khiếu nại); for a document issued
    with the step its id (its symbol and day are added once it is issued)."""
    if decision_rule(case) is None:
        return {}
    if document is not None:
        return {"decision_source": PORTAL, "decision_document": document.pk}
    day = fields["decision_date"]
    return {
        "decision_source": PAPER,
        "decision_symbol": fields["decision_symbol"],
        "decision_date": day.isoformat(),
        "decided_on": day.isoformat(),
    }


def decision_issued(event, document) -> None:
    """The number and day of the document issued with the step, into the step's event."""
    if (event.data or {}).get("decision_source") != PORTAL:
        return
    event.data = {
        **event.data,
        "decision_symbol": document.symbol,
        "decision_date": timezone.localtime(document.issued_at).date().isoformat(),
    }
    event.save(update_fields=["data"])


class RecordedDecision:
    """The decision recorded with a conclusion: its symbol, day and how it was made."""

    def __init__(self, *, rule, symbol: str, day: datetime.date | None, source: str):
        self.rule, self.symbol, self.day, self.source = rule, symbol, day, source

    @property
    def on_paper(self) -> bool:
        return self.source == PAPER

    def text(self) -> str:
        """"Quyết định giải quyết khiếu nại số 12/QĐ-SYT ngày 20/09/2026"."""
        if self.day is None:
            return _("%(decision)s số %(symbol)s") % {
                "decision": self.rule.name_read().capitalize(), "symbol": self.symbol,
            }
        return _("%(decision)s số %(symbol)s ngày %(date)s") % {
            "decision": self.rule.name_read().capitalize(),
            "symbol": self.symbol,
            "date": date_format(self.day, "d/m/Y"),
        }

    def reference(self) -> str:
        """"12/QĐ-SYT ngày 20/09/2026", as a second-time complaint cites the first."""
        if self.day is None:
            return self.symbol
        return _("%(symbol)s ngày %(date)s") % {
            "symbol": self.symbol, "date": date_format(self.day, "d/m/Y"),
        }


def decision_from_event(case, event) -> RecordedDecision | None:
    """The decision a conclude event recorded, or None (none recorded, another kind)."""
    rule = decision_rule(case)
    data = (event.data or {}) if event is not None else {}
    symbol = data.get("decision_symbol")
    if rule is None or not isinstance(symbol, str) or not symbol:
        return None
    try:
        day = datetime.date.fromisoformat(str(data.get("decision_date") or ""))
    except ValueError:
        day = None
    return RecordedDecision(
        rule=rule, symbol=symbol, day=day, source=data.get("decision_source") or PAPER
    )


def decision_recorded(case) -> RecordedDecision | None:
    """The decision of the case's conclusion in force (not undone by a reopening), or None."""
    from complaints.documents.steps import step_event

    if decision_rule(case) is None:
        return None
    return decision_from_event(case, step_event(case, "conclude"))
