"""The project's `HistoricalRecords` (portal.history): simple-history's, with the `.history`
manager class made once instead of at every read."""

import pytest
from django.apps import apps

from complaints.models import Case
from portal.history import HistoryManagerMadeOnce
from tests.factories import CaseFactory


def recorded_models():
    return [
        model for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def test_every_recorded_model_declares_the_projects_history():
    models = recorded_models()
    assert len(models) >= 10
    for model in models:
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        assert isinstance(manager, HistoryManagerMadeOnce), model


def test_the_manager_class_is_made_once_per_model():
    first, second = Case.history, Case.history
    assert first is not second  # a manager per read, as simple-history gives
    assert type(first) is type(second)  # … of one class, made once


@pytest.mark.django_db
def test_the_history_still_reads_per_instance_and_per_model():
    case = CaseFactory()
    case.title = "Đã sửa tiêu đề"
    case.save()
    assert [row.title for row in case.history.all()][0] == "Đã sửa tiêu đề"
    assert case.history.count() == 2
    assert Case.history.filter(id=case.pk).count() == 2
    assert type(case.history) is type(CaseFactory().history)
