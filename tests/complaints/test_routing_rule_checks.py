"""The routing rule form says what a rule changes before it is saved (walk-operator
finding 1): the first matching rule decides (`route_decide`), so a rule placed before
others takes their cases, and a rule "to one unit" takes every facility's cases."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind
from complaints.models import FacilityKind, RoutingRule, RoutingTarget
from complaints.services.routing import route_decide
from complaints.services.routing_check import rule_effects
from tests.factories import FacilityFactory, RoutingRuleFactory, UserFactory

pytestmark = pytest.mark.django_db

DEFAULT_NAME = "Cơ sở bị phản ánh tự giải quyết, đơn vị cấp trên theo dõi"
DEFAULT_BASIS = "Phản ánh, kiến nghị: không có luật định thẩm quyền; quy chế phân công của Sở"


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.fixture
def tree():
    so = FacilityFactory(code="SYT-T", name="Sở Y tế thử", kind=FacilityKind.DEPARTMENT)
    ba_to = FacilityFactory(
        code="TTYT-BT",
        name="Trung tâm Y tế huyện Ba Tơ",
        kind=FacilityKind.HEALTH_CENTRE,
        parent=so,
    )
    duc_pho = FacilityFactory(
        code="TTYT-DP",
        name="Trung tâm Y tế Đức Phổ",
        kind=FacilityKind.HEALTH_CENTRE,
        parent=so,
    )
    default = RoutingRuleFactory(
        position=120,
        name=DEFAULT_NAME,
        kind="",
        facility_kind="",
        target=RoutingTarget.FACILITY,
        legal_basis=DEFAULT_BASIS,
    )
    return {"so": so, "ba_to": ba_to, "duc_pho": duc_pho, "default": default}


def rule_data(**changes) -> dict:
    data = {
        "position": 115,
        "is_active": "on",
        "name": "Phản ánh về TTYT Ba Tơ",
        "kind": CaseKind.PHAN_ANH,
        "facility_kind": FacilityKind.HEALTH_CENTRE,
        "second_time": "",
        "against_head": "",
        "anonymous_tip": "",
        "category": "",
        "target": RoutingTarget.FIXED_UNIT,
        "target_unit": "",
        "forward_to": "",
        "legal_basis": "Quy chế phân công của Sở",
        "reason": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_a_broad_rule_names_the_rule_it_shadows_and_the_other_facilities(admin_client, tree):
    response = admin_client.post(
        reverse("reference_routing_rules:add"), rule_data(target_unit=tree["ba_to"].pk)
    )
    assert response.status_code == 200
    page = page_of(response)
    assert f"Quy tắc 120. {DEFAULT_NAME}" in page
    assert "sẽ không còn áp dụng cho" in page and f"căn cứ: {DEFAULT_BASIS}" in page
    assert "Trung tâm Y tế Đức Phổ" in page  # whose cases would go to Ba Tơ
    assert "Điều 3 Luật Bảo vệ dữ liệu cá nhân" in page
    assert not RoutingRule.objects.filter(position=115).exists()

    confirmed = admin_client.post(
        reverse("reference_routing_rules:add"),
        rule_data(target_unit=tree["ba_to"].pk, confirm_effects="on"),
    )
    assert confirmed.status_code == 302, page_of(confirmed)[:3000]
    assert RoutingRule.objects.filter(position=115).count() == 1


def test_a_second_active_rule_with_the_same_position_and_conditions_is_refused(admin_client, tree):
    first = RoutingRuleFactory(
        position=115,
        name="Trùng 1",
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
        legal_basis="Quy chế",
    )
    response = admin_client.post(
        reverse("reference_routing_rules:add"),
        rule_data(name="Trùng thứ tự", target_unit=tree["duc_pho"].pk, confirm_effects="on"),
    )
    assert response.status_code == 200
    page = page_of(response)
    assert f"Quy tắc {first} có cùng thứ tự và cùng điều kiện" in page
    assert not RoutingRule.objects.filter(name="Trùng thứ tự").exists()


def test_the_same_conditions_inactive_or_at_another_position_are_not_a_duplicate(tree):
    first = RoutingRuleFactory(
        position=115,
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
    )
    other = RoutingRule(
        position=116,
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["duc_pho"],
        is_active=True,
    )
    effects = rule_effects(other)
    assert effects.duplicates == []
    # ... but the earlier one takes every case of it: it would never decide.
    assert effects.hidden_by == first
    first.is_active = False
    first.save()
    assert rule_effects(other).hidden_by is None


def test_editing_only_the_name_of_a_rule_asks_nothing(admin_client, tree):
    rule = RoutingRuleFactory(
        position=115,
        name="Cũ",
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
        legal_basis="Quy chế",
    )
    response = admin_client.post(
        reverse("reference_routing_rules:edit", args=[rule.pk]),
        rule_data(name="Mới", target_unit=tree["ba_to"].pk),
    )
    assert response.status_code == 302, page_of(response)[:3000]
    rule.refresh_from_db()
    assert rule.name == "Mới"


def test_the_effects_agree_with_route_decide(tree):
    """What the form warns about is what `route_decide` then does."""
    new = RoutingRule(
        position=115,
        name="Ba Tơ",
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
        is_active=True,
    )
    effects = rule_effects(new)
    assert [rule for rule, _part in effects.shadowed] == [tree["default"]]
    assert tree["duc_pho"] in effects.other_facilities
    assert tree["ba_to"] not in effects.other_facilities
    before = route_decide(kind=CaseKind.PHAN_ANH, category=None, facility=tree["duc_pho"])
    after = route_decide(
        kind=CaseKind.PHAN_ANH,
        category=None,
        facility=tree["duc_pho"],
        rules=[new, tree["default"]],
    )
    assert (before.rule, before.unit) == (tree["default"], tree["duc_pho"])
    assert (after.rule, after.unit) == (new, tree["ba_to"])


def test_a_rule_behind_a_rule_that_always_decides_is_not_listed(tree):
    manual = RoutingRuleFactory(position=999, name="Thủ công", target=RoutingTarget.MANUAL)
    new = RoutingRule(
        position=115,
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
        is_active=True,
    )
    shadowed = [rule for rule, _part in rule_effects(new).shadowed]
    assert tree["default"] in shadowed and manual not in shadowed


def test_the_list_shows_each_rules_conditions(admin_client, tree):
    RoutingRuleFactory(
        position=115,
        name="Trùng 1",
        kind=CaseKind.PHAN_ANH,
        facility_kind=FacilityKind.HEALTH_CENTRE,
        target=RoutingTarget.FIXED_UNIT,
        target_unit=tree["ba_to"],
    )
    page = page_of(admin_client.get(reverse("reference_routing_rules:index")))
    assert "Điều kiện" in page
    assert "Phản ánh; loại cơ sở: Trung tâm y tế" in page
    assert "Mọi hồ sơ" in page  # the default rule 120


def test_the_form_says_the_default_rule_already_sends_a_case_to_its_facility(admin_client):
    page = page_of(admin_client.get(reverse("reference_routing_rules:add")))
    assert "Không cần thêm quy tắc để hồ sơ về một cơ sở đến chính cơ sở đó" in page
    assert "Loại cơ sở" in page
