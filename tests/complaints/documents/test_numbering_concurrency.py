"""Numbers under concurrent issue (PostgreSQL row locks): leaders issuing at the same
moment get distinct, consecutive numbers; a double click issues once.

Run with the suite on PostgreSQL (`DATABASE_URL=postgres://…`, as CI's PostgreSQL run
does); skipped on SQLite, which has no row locks."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from complaints.documents.models import Document, DocumentSequence, DocumentStatus
from complaints.documents.services import DocumentError, document_draft, document_issue
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, province, resolver_writes, step_taken

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql(postgres_url):
    if connection.vendor != "postgresql":
        pytest.skip("row-lock test needs the suite on PostgreSQL (DATABASE_URL=postgres://…)")


def _issue_together(document_ids, actor):
    barrier = threading.Barrier(len(document_ids))
    results: dict = {}

    def run(index, document_id):
        try:
            barrier.wait(10)
            results[index] = document_issue(document_id=document_id, actor=actor, origin="test",
                                            signed_confirmed=True)
        except Exception as error:  # the assertions look at what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(document_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return [results[i] for i in range(len(document_ids))]


def test_concurrent_issues_get_distinct_consecutive_numbers(postgresql):
    _department, hospital = province()
    boss = leader()
    drafts = []
    for _ in range(5):
        case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                          "conclude")
        drafts.append(resolver_writes(
            document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=boss, origin="test"),
            boss,
        ))
    results = _issue_together([d.pk for d in drafts], boss)
    assert all(isinstance(r, Document) for r in results), results
    assert sorted(r.number for r in results) == [1, 2, 3, 4, 5]
    assert len({r.symbol for r in results}) == 5
    sequence = DocumentSequence.objects.get(issuer=hospital, document_type="quyet_dinh")
    assert sequence.last_number == 5


def test_double_click_issues_once(postgresql):
    _department, hospital = province()
    boss = leader()
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                          "conclude")
    draft = resolver_writes(
        document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet", actor=boss,
                       origin="test"),
        boss,
    )
    results = _issue_together([draft.pk, draft.pk], boss)
    issued = [r for r in results if isinstance(r, Document)]
    refused = [r for r in results if isinstance(r, DocumentError)]
    assert len(issued) == 1 and len(refused) == 1, results
    assert Document.objects.get(pk=draft.pk).status == DocumentStatus.ISSUED
    assert DocumentSequence.objects.get(issuer=hospital).last_number == 1  # no number lost
    assert case.attachments.count() == 1
