"""Which cases Open311 may show, and what of them: public-safe fields only.

Shown: phản ánh and kiến nghị (DOMAIN.md §2), never a khiếu nại (the complainant's own
rights), never a tố cáo, never an anonymous tip naming a person (Luật TC Art 25), never
a bao_chi. Fields: the tracking code, category (its name also as the description), public
status and its notes, the facility concerned, dates. Never the reporter's identity, never
what the citizen wrote, title or content (it may name people), never internal notes or
who handles it (Luật TC Art 47; NĐ 154/2026 Art 12(2))."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus, public_status
from complaints.models import Case, CaseEvent
from complaints.selectors.tracking import status_label
from portal.timestamps import rfc3339

PUBLIC_KINDS = (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI)
# GeoReport v2 knows two states; a concluded case is closed for it.
CLOSED = frozenset(CLOSED_STATUSES) | {CaseStatus.CONCLUDED}
OPEN = frozenset(CaseStatus.values) - CLOSED


def open311_cases():
    """The cases Open311 may show at all."""
    return (
        Case.objects.filter(kind__in=PUBLIC_KINDS, inspection_tip=False, accused_name="")
        .exclude(tracking_code="")
        .select_related("category", "facility")
    )


def open311_status(case: Case) -> str:
    return "closed" if case.status in CLOSED else "open"


def status_filter(values: list[str]) -> Q:
    statuses = set()
    for value in values:
        statuses |= CLOSED if value == "closed" else OPEN
    return Q(status__in=statuses)


def open311_status_notes(case: Case) -> str:
    """The public status label and, once concluded, the public answer ("trả lời công
    khai", written to be published). Never an event's message: those are written to
    the citizen (what to send, why refused or forwarded) and may name people."""
    notes = status_label(public_status(case.status), case.kind)
    if case.status in (CaseStatus.CONCLUDED, CaseStatus.CLOSED) and case.public_answer:
        notes = f"{notes} — {case.public_answer}"
    return notes


def request_rows(cases) -> list[dict]:
    """GeoReport v2 request objects for `cases` (two queries whatever their number)."""
    cases = list(cases)
    last_public: dict[int, CaseEvent] = {}
    events = CaseEvent.objects.filter(case__in=cases, is_public=True).order_by("at", "id")
    for event in events:
        last_public[event.case_id] = event
    agency = str(getattr(settings, "OPEN311_AGENCY", "") or settings.PORTAL_NAME)
    rows = []
    for case in cases:
        event = last_public.get(case.pk)
        notes = open311_status_notes(case)
        rows.append(
            {
                "service_request_id": case.tracking_code,
                "status": open311_status(case),
                "status_notes": notes,
                "service_name": case.category.label() if case.category else "",
                "service_code": case.category.code if case.category else "",
                # Never what the citizen wrote (title or content: it may name people,
                # and nobody has reviewed it): the service's name (GeoReport v2 makes
                # the description optional).
                "description": case.category.label() if case.category else case.get_kind_display(),
                "agency_responsible": agency,
                "service_notice": "",
                "requested_datetime": rfc3339(case.received_at),
                "updated_datetime": rfc3339(event.at if event else case.received_at),
                "expected_datetime": (
                    (case.resolve_by or case.accept_by).isoformat()
                    if (case.resolve_by or case.accept_by)
                    else None
                ),
                "address": case.facility.name if case.facility else "",
                "address_id": case.facility.code if case.facility else "",
                "zipcode": None,
                "lat": None,
                "long": None,
                "media_url": None,
            }
        )
    return rows
