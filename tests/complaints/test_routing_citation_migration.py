"""Migration 0016: the installed default routing rules cite the Vietnamese way, an edited rule
is left as its administrator wrote it, and each rewrite is in the rule's history."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db.migrations.loader import MigrationLoader

from complaints.models import RoutingRule
from complaints.models import RoutingTarget as T
from complaints.routing_defaults import DEFAULT_RULES

migration = import_module("complaints.migrations.0016_routing_rules_cite_the_vietnamese_way")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def apps():
    """The models as the migration sees them: no history signals, as in `migrate`."""
    name = migration.__name__.rsplit(".", 1)[-1]
    return MigrationLoader(None).project_state(("complaints", name)).apps


def _installed_before_0016(position: int) -> RoutingRule:
    """A default rule as an installation before 0016 holds it: the old texts."""
    default = next(rule for rule in DEFAULT_RULES if rule.position == position)
    old_basis = {new: old for old, new in migration.LEGAL_BASES.items()}[default.legal_basis]
    old_reason = {new: old for old, new in migration.REASONS.items()}.get(
        default.reason, default.reason
    )
    return RoutingRule.objects.create(
        position=position, name=default.name, target=default.target,
        legal_basis=old_basis, reason=old_reason, forward_to=default.forward_to,
    )


def test_the_installed_texts_are_rewritten_and_recorded(apps):
    second_time = _installed_before_0016(30)
    assert second_time.legal_basis == "Luật Khiếu nại 02/2011/QH13 Điều 21(2)"
    assert second_time.history.count() == 1  # created
    migration.forwards(apps, None)
    second_time.refresh_from_db()
    assert second_time.legal_basis == "khoản 2 Điều 21 Luật Khiếu nại 02/2011/QH13"
    assert "(khoản 1 Điều 20 Luật Khiếu nại)" in second_time.reason
    latest = second_time.history.first()
    assert latest.history_type == "~" and latest.legal_basis == second_time.legal_basis
    assert latest.history_change_reason == migration.CHANGE_REASON
    assert latest.prev_record.legal_basis == "Luật Khiếu nại 02/2011/QH13 Điều 21(2)"


def test_every_default_basis_is_rewritten_to_what_the_defaults_now_install(apps):
    rules = [_installed_before_0016(rule.position) for rule in DEFAULT_RULES
             if rule.legal_basis in migration.LEGAL_BASES.values()]
    assert len(rules) == 13  # 10, 30–32, 40, 50–51, 60, 70, 80, 90–91, 100: all citing articles
    migration.forwards(apps, None)
    expected = {rule.position: (rule.legal_basis, rule.reason) for rule in DEFAULT_RULES}
    for rule in RoutingRule.objects.all():
        assert (rule.legal_basis, rule.reason) == expected[rule.position], rule.name


def test_a_basis_the_administrator_edited_is_theirs(apps):
    edited = RoutingRule.objects.create(
        position=30, name="Khiếu nại lần 2 (sửa)", target=T.FORWARD_OUTSIDE,
        legal_basis="Luật Khiếu nại 02/2011/QH13 Điều 21(2); quy chế của tỉnh",
    )
    migration.forwards(apps, None)
    edited.refresh_from_db()
    assert edited.legal_basis == "Luật Khiếu nại 02/2011/QH13 Điều 21(2); quy chế của tỉnh"
    assert edited.history.count() == 1  # only its creation


def test_backwards_restores_the_old_texts(apps):
    rule = _installed_before_0016(100)
    migration.forwards(apps, None)
    migration.backwards(apps, None)
    rule.refresh_from_db()
    assert rule.legal_basis == "Luật Tố cáo 25/2018/QH14 Điều 12(1), 18"
