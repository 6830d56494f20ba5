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
