"""Reads of the documents for staff screens."""

from __future__ import annotations

from complaints.documents.models import Document, DocumentStatus

ACT = "complaints.act_on_case"
APPROVE = "complaints.approve_case"


def documents_for_staff(*, case, user) -> dict:
    """The case's documents (drafts and issued, not the cancelled drafts), those issued
    that still lack their signed copy, and what the user may do."""
    documents = list(
        Document.objects.filter(case=case)
        .exclude(status=DocumentStatus.CANCELLED)
        .select_related("template", "issuer")
        .order_by("created_at", "id")
    )
    return {
        "documents": documents,
        "unsigned": [d for d in documents if d.lacks_signed_copy],
        "can_draft": user.has_perm(ACT),
        "can_issue": user.has_perm(APPROVE),
    }


def replaced_at_issue(document: Document) -> Document | None:
    """The earlier document `document` replaced when it was issued, as its `document_issued`
    event records it (`replaces_document_id`: `document_issue(replaces=…)`), or None."""
    from complaints.models import CaseEvent

    event = (
        CaseEvent.objects.filter(
            case_id=document.case_id, action="document_issued", data__document_id=document.pk
        )
        .order_by("-at", "-pk")
        .first()
    )
    earlier_id = (event.data or {}).get("replaces_document_id") if event is not None else None
    if not earlier_id:
        return None
    return Document.objects.filter(
        pk=earlier_id, case_id=document.case_id, status=DocumentStatus.ISSUED
    ).first()
