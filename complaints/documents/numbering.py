"""Số văn bản: per issuing unit, per year, per document type, from 01 each 1 January
(NĐ 30/2020/NĐ-CP Art 15(1) and Phụ lục I mục II.3), assigned at issue under a row lock,
never reused.

The sequence row is created with INSERT … ON CONFLICT DO NOTHING, then locked with
SELECT … FOR UPDATE: two leaders issuing at once wait for each other and get consecutive
numbers. The increment belongs to the issue's transaction, so an issue that fails leaves
no number behind, and a number once issued stays with its document (unique constraint)."""

from __future__ import annotations

from django.db import transaction

from complaints.documents.models import DocumentSequence


def number_next(*, issuer, year: int, document_type: str) -> int:
    """The next number; call inside the issue's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next must run inside the issue's transaction")
    DocumentSequence.objects.bulk_create(
        [DocumentSequence(issuer=issuer, year=year, document_type=document_type)],
        ignore_conflicts=True,
    )
    sequence = DocumentSequence.objects.select_for_update().get(
        issuer=issuer, year=year, document_type=document_type
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number
