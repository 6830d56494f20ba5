"""Migration 0017: an installation with the default routing rules gets the anonymous tip's rule
(khoản 2 Điều 25 Luật Tố cáo), the same as `install_default_rules` now installs, with a history
row; one without the defaults is left alone; the reverse removes it."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db.migrations.loader import MigrationLoader

from complaints.models import Facility, FacilityKind, RoutingRule
from complaints.routing_defaults import ANONYMOUS_TIP_RULE, DEFAULT_RULES
from tests.factories import FacilityFactory

migration = import_module("complaints.migrations.0017_routing_rule_anonymous_tip")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def apps():
    """The models as the migration sees them: no history signals, as in `migrate`."""
    name = migration.__name__.rsplit(".", 1)[-1]
    return MigrationLoader(None).project_state(("complaints", name)).apps


@pytest.fixture
def inspectorate(db):
    return FacilityFactory(code="SYT-TTRA", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE)


def _defaults_installed():
    default = next(rule for rule in DEFAULT_RULES if rule.name == migration.DEFAULTS_INSTALLED)
    RoutingRule.objects.create(
        position=default.position, name=default.name, target=default.target,
        legal_basis=default.legal_basis,
    )


def test_an_installation_with_the_defaults_gets_the_rule_the_defaults_now_install(
    apps, inspectorate
):
    _defaults_installed()
    migration.install(apps, None)
    rule = RoutingRule.objects.get(name=ANONYMOUS_TIP_RULE)
    default = next(rule for rule in DEFAULT_RULES if rule.name == ANONYMOUS_TIP_RULE)
    assert (rule.position, rule.kind, rule.anonymous_tip, rule.target) == (
        default.position, default.kind, default.anonymous_tip, default.target,
    )
    assert (rule.legal_basis, rule.reason) == (default.legal_basis, default.reason)
    assert rule.target_unit == inspectorate
    created = rule.history.get()
    assert created.history_type == "+" and created.anonymous_tip is True
    migration.install(apps, None)  # run twice (a re-applied migration): still one rule
    assert RoutingRule.objects.filter(name=ANONYMOUS_TIP_RULE).count() == 1

    migration.uninstall(apps, None)
    assert not RoutingRule.objects.filter(name=ANONYMOUS_TIP_RULE).exists()


def test_an_installation_without_the_defaults_or_an_inspectorate_is_left_alone(apps):
    migration.install(apps, None)
    assert not RoutingRule.objects.exists()
    _defaults_installed()
    assert not Facility.objects.filter(kind=FacilityKind.INSPECTORATE).exists()
    migration.install(apps, None)
    assert not RoutingRule.objects.filter(name=ANONYMOUS_TIP_RULE).exists()
