"""A second-time complaint (khiếu nại lần hai) linked to the first case it is about.

DOMAIN.md §3: a second-time complaint is a new khieu_nai case linked to the first, so the
second decision states the first resolution (điểm d khoản 2 Điều 40 Luật Khiếu nại,
`complaints.documents.context.first_resolution`). Two paths create one: staff's
"Khiếu nại lần hai" (`escalate`, complaints/services/workflow.py) and the citizen's form
reached from the first case's tracking page (complaints/views/public.py `submit`, when the
session opened that case with its PIN). Both link with `second_round_link`.

A first case that already has a second-time complaint is not escalated again unless the
officer confirms it is a different complaint (khoản 7 Điều 11 Luật Khiếu nại: a complaint
already decided the second time is not accepted); a citizen's filing on it is refused
while that one stands (received, being resolved or decided), and flagged as a possible
duplicate for staff once it ended undecided (refused, withdrawn: khoản 7, 8 Điều 11).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case

__all__ = [
    "existing_second_round_refusal",
    "first_decision_reference",
    "second_round_link",
    "second_round_linkable",
    "second_round_of",
    "second_round_prefill",
    "second_round_received",
]

# The first case's states in which it may be complained of a second time (`escalate`).
FIRST_ROUND_DONE = frozenset({CaseStatus.CONCLUDED, CaseStatus.CLOSED})
# A second-time case still being handled, for the officer's refusal.
SECOND_ROUND_DONE = frozenset({CaseStatus.CONCLUDED, CaseStatus.CLOSED, CaseStatus.FILED})
# A second-time case that ended without a second decision: refused (không thụ lý, often on
# a ground the citizen can put right, a missing signature: khoản 5 Điều 11 Luật Khiếu
# nại), withdrawn (Điều 10; khoản 8 Điều 11 lets the complainant go on within 30 days of the
# stop notice) or filed away (lưu đơn). It does not spend the right to a second complaint
# (khoản 7 Điều 11 bars only a complaint already decided the second time): the citizen is
# offered the form again, and staff see a new filing flagged as a possible duplicate.
SECOND_ROUND_ENDED_UNDECIDED = frozenset({
    CaseStatus.REJECTED, CaseStatus.WITHDRAWN, CaseStatus.FILED,
})


def _local_date(value):
    return timezone.localtime(value).date()


def first_decision_reference(case: Case) -> str:
    """The first decision's number and date as a second complaint cites it (Điều 40 Luật
    Khiếu nại): the decision the conclusion recorded (issued with it in the portal, or
    signed on paper: complaints/services/decision.py), else a decision issued on the
    case's conclusion in the portal (a case concluded before the decision was recorded
    with the step); "" when the portal knows neither.

    Always the record's words ("15/QĐ-BVĐK ngày 05/12/2026"), whatever language the
    filer reads: it is stored in the case and cited by its Vietnamese documents (a filer
    reading English once stored "15/QĐ-BVĐK of 05/12/2026")."""
    with translation.override(settings.LANGUAGE_CODE):
        return _first_decision_reference(case)


def _first_decision_reference(case: Case) -> str:
    from complaints.documents.models import Document, DocumentStatus
    from complaints.services.decision import decision_recorded

    recorded = decision_recorded(case)
    if recorded is not None:
        return recorded.reference()
    decision = (
        Document.objects.filter(
            case=case, action="conclude", document_type="quyet_dinh",
            status=DocumentStatus.ISSUED,
        )
        .exclude(symbol="")
        .order_by("-issued_at", "-id")
        .first()
    )  # fmt: skip
    if decision is None:
        return ""
    return _("%(symbol)s ngày %(date)s") % {
        "symbol": decision.symbol,
        "date": date_format(_local_date(decision.issued_at), "d/m/Y"),
    }


def second_round_linkable(first: Case | None) -> bool:
    """A first-time khiếu nại concluded with its decision: what a second complaint is
    about (khoản 1 Điều 33 Luật Khiếu nại)."""
    return (
        first is not None
        and first.kind == CaseKind.KHIEU_NAI
        and not first.second_time
        and first.status in FIRST_ROUND_DONE
        and first.concluded_at is not None
    )


def _second_rounds(first: Case):
    return Case.objects.filter(
        parent_case=first, kind=CaseKind.KHIEU_NAI, second_time=True
    ).order_by("received_at", "id")


def second_round_of(first: Case, *, excluding: Case | None = None) -> Case | None:
    """The second-time complaint already linked to `first`, the oldest, or None."""
    found = _second_rounds(first)
    if excluding is not None and excluding.pk:
        found = found.exclude(pk=excluding.pk)
    return found.first()


def second_round_received(first: Case) -> Case | None:
    """The second-time complaint about `first` that stands (received, being resolved,
    forwarded to the competent body or decided), the oldest, or None: what the citizen is
    told instead of the form (`citizen_guidance.next_steps_for_citizen`). One query on the
    linked cases' index; its code and day of receipt only."""
    return (
        _second_rounds(first)
        .exclude(status__in=SECOND_ROUND_ENDED_UNDECIDED)
        .only("tracking_code", "received_at")
        .first()
    )


def _decision_fields(first: Case) -> dict:
    """What a second complaint complains of, as stored in the case: the first decision's
    reference and the first case's code, never a sentence in the filer's language."""
    from complaints.services.decision import decision_recorded

    recorded = decision_recorded(first)
    if recorded is not None and recorded.day is not None:
        day = recorded.day  # the first decision's own day
    else:
        day = _local_date(first.concluded_at) if first.concluded_at else None
    # What is complained of the second time is the first decision (khoản 1 Điều 33 Luật
    # Khiếu nại), cited by its number and date as the second decision cites it (Điều 40);
    # the portal's case code only when neither is known (a case concluded before the
    # decision was recorded with the step). Stored in Vietnamese whatever the filer reads:
    # staff and the documents read it.
    reference = first_decision_reference(first)
    if reference:
        complained = f"Quyết định giải quyết khiếu nại lần đầu số {reference}"
    else:
        complained = f"Quyết định giải quyết khiếu nại lần đầu (hồ sơ {first.tracking_code})"
    return {
        "decision_complained": complained,
        "decision_maker": _first_resolver(first),
        "decision_date": day,
    }


def _first_resolver(first: Case) -> str:
    """Who made the first decision, the person complained against the second time: the head
    of the unit that resolved it ("Giám đốc Bệnh viện …": the first resolver is the head,
    khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP, Điều 19, khoản 1 Điều 20 Luật Khiếu nại), not
    the unit as a body; "" when no unit resolved it."""
    from complaints.rules.documents import head_of

    unit = first.assigned_unit
    return head_of(unit.kind, unit.name) if unit is not None else ""


def second_round_link(new: Case, first: Case, *, first_decision_ref: str = "") -> None:
    """Make the unsaved `new` the second-time complaint of `first`: linked, with what it
    complains of taken from the first decision where `new` does not say it already (what a
    citizen typed is kept)."""
    new.parent_case = first
    new.second_time = True
    if not new.first_decision_ref:
        new.first_decision_ref = first_decision_ref or first_decision_reference(first)
    for name, value in _decision_fields(first).items():
        if not getattr(new, name):
            setattr(new, name, value)


def second_round_prefill(first: Case) -> dict:
    """The citizen's form for a second complaint about their own `first` case (only once
    they proved it with its PIN): the first decision's number and date when the portal
    knows them, what is complained of, the facility, and how to reach the complainant as
    the first case has it (the same person complains again: khoản 1 Điều 33 Luật Khiếu
    nại). The identity number is typed again: it is never written into a page."""
    fields = {k: v for k, v in _decision_fields(first).items() if v}
    reference = first_decision_reference(first)
    if reference:
        fields["first_decision_ref"] = reference
    if first.facility_id:
        fields["facility"] = first.facility.code
    reporter = getattr(first, "reporter", None)
    if reporter is not None:
        for name in ("name", "address", "email", "phone"):
            if getattr(reporter, name):
                fields[f"reporter_{name}"] = getattr(reporter, name)
    return fields


def existing_second_round_refusal(first: Case) -> str | None:
    """Why staff may not open another second-time complaint on `first` without confirming
    it is a different complaint (khoản 7 Điều 11 Luật Khiếu nại), or None."""
    existing = second_round_of(first)
    if existing is None:
        return None
    if existing.concluded_at is not None:
        state = _("đã giải quyết")
    elif existing.status in SECOND_ROUND_DONE:
        state = _("đã kết thúc")
    else:
        state = _("đang giải quyết")
    return _(
        "Đã có hồ sơ khiếu nại lần hai %(code)s cho quyết định này (%(state)s). Khiếu nại đã "
        "có quyết định giải quyết lần hai không được thụ lý lại (khoản 7 Điều 11 Luật Khiếu "
        "nại). Chỉ đánh dấu “Đây là một khiếu nại khác” nếu người khiếu nại khiếu nại một "
        "nội dung khác."
    ) % {"code": existing.tracking_code, "state": state}
