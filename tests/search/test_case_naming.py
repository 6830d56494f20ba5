"""Renaming a unit or a category re-indexes, after commit and in a task, the cases that
show its name: the database's search rows, and the Elasticsearch case index when there
is one. A save that changes no indexed field queues nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from complaints.models import Case
from search import cases as database
from search import cases_es, indexing
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """The `index_cases_naming` tasks queued, as they are queued: after the commit (the
    test backend then runs them at once)."""
    calls: list[tuple] = []
    enqueue_on_commit = indexing.enqueue_on_commit

    def spy(task, *args, **kwargs):
        if task is indexing.index_cases_naming:
            transaction.on_commit(lambda: calls.append(args))
        enqueue_on_commit(task, *args, **kwargs)

    monkeypatch.setattr(indexing, "enqueue_on_commit", spy)
    return calls


def found(q: str, backend: str) -> set[str]:
    search = database.case_search if backend == "database" else cases_es.case_search
    return set(search(Case.objects.all(), q).values_list("tracking_code", flat=True))


@pytest.fixture
def cases(case_backend, django_capture_on_commit_callbacks):
    centre = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ")
    other = FacilityFactory(code="TTYT-ST", name="Bệnh viện Sơn Tịnh")
    fees = CategoryFactory(code="vien-phi", name="Viện phí")
    with django_capture_on_commit_callbacks(execute=True):
        named = [
            CaseFactory(tracking_code="YT-2026-000001", facility=centre, assigned_unit=centre,
                        category=fees),
            CaseFactory(tracking_code="YT-2026-000002", facility=other, assigned_unit=centre,
                        category=fees),
        ]  # fmt: skip
        elsewhere = CaseFactory(tracking_code="YT-2026-000003", facility=other,
                                assigned_unit=other, category=None)  # fmt: skip
    return centre, fees, named, elsewhere


def test_renaming_a_unit_reindexes_its_cases_after_commit(
    cases, case_backend, queued, django_capture_on_commit_callbacks, monkeypatch
):
    centre, _fees, named, elsewhere = cases
    monkeypatch.setattr(indexing, "NAMING_BATCH", 1)  # one case per step: the batches run
    assert found("Quang Ngai", case_backend) == set()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        centre.name = "Trung tâm Y tế Quảng Ngãi"
        centre.save()
        assert queued == []  # nothing before the commit
    assert callbacks
    assert queued == [("facility", centre.pk)]  # once
    assert found("Quang Ngai", case_backend) == {c.tracking_code for c in named}
    assert found("Duc Pho", case_backend) == set()
    if case_backend != "database":
        document = cases_es.get_case_index().client.get(
            index=cases_es.get_case_index().alias, id=str(named[0].pk)
        )["_source"]
        assert document["facility_name"] == "Trung tâm Y tế Quảng Ngãi"
        expected = {e.key: e.digest for e in cases_es.all_case_entries()}
        assert cases_es.get_case_index().digests() == expected
    assert elsewhere.tracking_code not in found("Quang Ngai", case_backend)


@pytest.mark.parametrize("case_backend", ["database"], indirect=True)
def test_renaming_a_category_reindexes_its_cases(
    cases, case_backend, queued, django_capture_on_commit_callbacks
):
    _centre, fees, named, _elsewhere = cases
    with django_capture_on_commit_callbacks(execute=True):
        fees.name = "Giá dịch vụ khám chữa bệnh"
        fees.save()
    assert queued == [("category", fees.pk)]
    assert found("gia dich vu", case_backend) == {c.tracking_code for c in named}


@pytest.mark.parametrize("case_backend", ["database"], indirect=True)
def test_a_save_that_changes_no_indexed_field_queues_nothing(
    cases, queued, django_capture_on_commit_callbacks
):
    centre, fees, _named, _elsewhere = cases
    with django_capture_on_commit_callbacks(execute=True):
        centre.is_active = False
        centre.save()
        centre.name = "Trung tâm Y tế Đức Phổ"  # the same name
        centre.save()
        fees.save(update_fields=["is_active"])
        FacilityFactory(code="TTYT-MOI", name="Trung tâm mới")  # new: no case names it
    assert queued == []
