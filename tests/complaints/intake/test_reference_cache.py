"""The intake's reference data (units, categories, routing rules) is read once per
process and reloaded when it changes: by the model signals here, and through the
generation number in the shared cache for the other processes."""

import pytest

from complaints.kinds import Channel
from complaints.models import Category, RoutingDecision, RoutingRule, RoutingTarget
from complaints.services import reference as reference_module
from complaints.services.intake import SubmissionInvalid, case_submit
from complaints.services.reference import GENERATION_KEY, reference
from portal.process_cache import shared_cache
from tests.complaints.intake_factories import submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(hospital):
    return RoutingRule.objects.create(
        position=1, name="Cơ sở được nêu", target=RoutingTarget.FACILITY, is_active=True
    )


def test_read_once_then_no_query(hospital, category, rule, django_assert_num_queries):
    reference()
    with django_assert_num_queries(0):
        current = reference()
    assert current.facility(hospital.code).pk == hospital.pk
    assert current.category(category.code).pk == category.pk
    assert [r.pk for r in current.rules] == [rule.pk]
    # Linked in memory: the tree and the rules' relations cost no query.
    with django_assert_num_queries(0):
        assert [a.code for a in current.facility(hospital.code).ancestors()] == ["SYT-TEST"]
        assert current.rules[0].target_unit is None


def test_saving_or_deleting_reloads_it(hospital, category, rule):
    reference()
    category.is_active = False
    category.save()
    assert reference().category(category.code) is None

    hospital.name = "Bệnh viện đa khoa Đức Phổ (tên mới)"
    hospital.save()
    assert reference().facility(hospital.code).name == "Bệnh viện đa khoa Đức Phổ (tên mới)"

    rule.delete()
    assert reference().rules == ()

    hospital.is_active = False
    hospital.save()
    assert reference().facility(hospital.code) is None


def test_another_process_notices_through_the_shared_generation(hospital, category):
    first = reference()
    # Another process changes a category: its receiver moves the shared generation.
    # Here the row changes without this process's signals (as another process writes it).
    Category.objects.filter(pk=category.pk).update(name="Lĩnh vực đổi tên")
    assert reference() is first  # nothing told this process yet: its copy stands
    shared_cache().set(GENERATION_KEY, "moved-by-another-process", None)
    assert reference().category(category.code).name == "Lĩnh vực đổi tên"


def test_a_lost_cache_entry_reloads_once(hospital, django_assert_num_queries):
    reference()
    shared_cache().delete(GENERATION_KEY)  # evicted, or Redis restarted
    with django_assert_num_queries(3):
        reference()
    with django_assert_num_queries(0):
        reference()


def test_the_intake_routes_with_the_current_rules(hospital, category, rule):
    first = case_submit(
        data=submission(facility=hospital.code, category=category.code), channel=Channel.WEB
    )
    assert first.case.assigned_unit == hospital
    hospital.name = "Bệnh viện Đức Phổ"
    hospital.save()
    rule.name = "Giao cơ sở"
    rule.save()
    second = case_submit(
        data=submission(facility=hospital.code, category=category.code, title="Việc khác"),
        channel=Channel.WEB,
    )
    decision = RoutingDecision.objects.get(case=second.case)
    assert "Giao cơ sở" in decision.reason and "Bệnh viện Đức Phổ" in decision.reason
    category.is_active = False
    category.save()
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=submission(facility=hospital.code, category=category.code),
                    channel=Channel.WEB)
    assert "category" in invalid.value.errors


@pytest.mark.django_db(transaction=True)
def test_a_copy_read_inside_an_uncommitted_change_stays_private(hospital):
    from django.db import transaction

    reference()
    with transaction.atomic():
        hospital.name = "Tên chưa được ghi"
        hospital.save()
        assert reference().facility(hospital.code).name == "Tên chưa được ghi"
        assert reference_module._reference.shared is None  # not shared with the other threads
        transaction.set_rollback(True)
    assert reference().facility(hospital.code).name != "Tên chưa được ghi"
