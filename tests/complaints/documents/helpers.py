"""Shared by the documents tests: a province, its people, text out of a PDF."""

from __future__ import annotations

import io

from complaints.models import FacilityKind
from tests.factories import FacilityFactory, UserFactory


def province():
    department = FacilityFactory(
        code="SYT-QNG", name="Sở Y tế tỉnh Quảng Ngãi", kind=FacilityKind.DEPARTMENT,
        area="Quảng Ngãi",
    )
    hospital = FacilityFactory(
        code="BVDK-DUC-PHO", name="Bệnh viện đa khoa khu vực Đức Phổ", area="Đức Phổ",
        parent=department,
    )
    director(hospital)
    return department, hospital


def director(facility, **extra):
    """The head of `facility` (its one member who may approve): who signs its documents."""
    return UserFactory(
        username=extra.pop("username", f"giamdoc-{facility.code.lower()}"),
        last_name=extra.pop("last_name", "Lê Văn"), first_name=extra.pop("first_name", "Giám"),
        perms=["complaints.view_case", "complaints.act_on_case", "complaints.approve_case"],
        facility=facility, admin_access=True, **extra,
    )


def leader(**extra):
    """A leader who sees every case. Unless `facility` says otherwise, a leader of the
    hospital of `province()` (when made), where these tests' cases are: a complaint's or a
    denunciation's decisions and their documents are its competent unit's leader's
    (complaints/rules/resolver.py), never a leader's of the Sở above."""
    if "facility" not in extra:
        from complaints.models import Facility

        extra["facility"] = Facility.objects.filter(code="BVDK-DUC-PHO").first()
    return UserFactory(
        username=extra.pop("username", "lanhdao"), first_name="Văn Lãnh", last_name="Đạo",
        perms=["complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case",
               "complaints.approve_case", "complaints.view_denouncer_identity"],
        admin_access=True, **extra,
    )


def handler(facility, **extra):
    return UserFactory(
        username=extra.pop("username", "canbo"),
        perms=["complaints.view_case", "complaints.act_on_case"], facility=facility,
        admin_access=True, **extra,
    )


def pdf_text(data: bytes) -> str:
    """The text of every page, whitespace collapsed (pypdf)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def step_taken(case, *actions):
    """The case's history records `actions` as taken (the factory made the case in the
    state they lead to without them): their documents may then be issued on their own
    (complaints/documents/steps.py). An accepted case gets the deadlines its acceptance
    set (`case_deadlines_refresh`), which its documents state."""
    from django.utils import timezone

    from complaints.models import CaseEvent
    from complaints.services.deadlines import case_deadlines_refresh

    for action in actions:
        CaseEvent.objects.create(case=case, action=action, from_status=case.status,
                                 to_status=case.status, at=timezone.now(),
                                 data={"origin": "test"})
    if case.accepted_at and not case.deadlines.exists():
        case_deadlines_refresh(case=case)
    return case


RESOLVE_BASIS = {"khieu_nai": "Luật KN Art 28 (lần 1)", "to_cao": "Luật TC Art 30(1)"}


def resolve_row(case):
    """The resolution deadline's row of a case the factory made with its `resolve_by` (a
    day the test chose): what the documents state of the period."""
    from complaints.models import CaseDeadline

    accepted = case.accepted_at.date()
    CaseDeadline.objects.create(
        case=case, step="resolve", due=case.resolve_by, counted_in="calendar_days",
        amount=(case.resolve_by - accepted).days, counted_from=accepted,
        legal_basis=RESOLVE_BASIS[case.kind], rule_version="2026-07-01",
    )
    return case


def resolver_writes(document, actor):
    """The resolver writes what only they can in a decision's draft (its legal basis, the
    order's terms, the responsibilities: each blank "…" the template leaves them), as the
    issue requires (complaints/documents/context.py `blank_refusal`)."""
    from complaints.documents.context import BLANK
    from complaints.documents.services import document_update

    return document_update(document_id=document.pk, actor=actor, origin="test",
                           body=BLANK.sub("(người giải quyết viết)", document.body))
