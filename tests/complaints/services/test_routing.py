"""Routing (DOMAIN.md §3a): each default rule, its explanation, inactive units,
the manual fallback, and the stored RoutingDecision."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation

from complaints.kinds import CaseKind
from complaints.models import Category, Facility, FacilityKind, RoutingDecision, RoutingRule
from complaints.models import RoutingTarget as T
from complaints.routing_defaults import (
    DEFAULT_RULES,
    OUTSIDE_CATEGORY_CODE,
    SOCIAL_SECURITY,
    install_default_rules,
)
from complaints.services.routing import (
    PROVINCE_CHAIR,
    case_route,
    case_route_manually,
    route_decide,
)
from tests.factories import (
    CaseFactory,
    CategoryFactory,
    FacilityFactory,
    RoutingRuleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PA, KN, TC, BC = CaseKind.PHAN_ANH, CaseKind.KHIEU_NAI, CaseKind.TO_CAO, CaseKind.BAO_CHI
FUNCTIONS = "Chức năng, nhiệm vụ"  # the units' assigned functions (DOMAIN.md §3a(4))
KN21_2, KN20_2, KN20_1 = "khoản 2 Điều 21", "khoản 2 Điều 20", "khoản 1 Điều 20"
TC12_1, TC13_4A, TC13_3A = "khoản 1 Điều 12", "điểm a khoản 4 Điều 13", "điểm a khoản 3 Điều 13"

# (kind, category code, facility code, second_time, accused_is_head,
#  expected unit code or None, expected forward_to, rule position, basis in the reason)
DEFAULT_ROUTES = [
    # §3a(5) press report: owned by the Văn phòng Sở
    (BC, None, "BV-DTT", False, False, "SYT-QNG-VP", "", 10, "Điều 3 Nghị định 244/2026"),
    # §3a(6) outside the sector: forwarded
    (PA, OUTSIDE_CATEGORY_CODE, "BV-DTT", False, False, None, SOCIAL_SECURITY, 20, "BHXH"),
    (PA, "khac", "EXT-CAPNUOC", False, False, None, "Công ty Cấp nước tỉnh", 21, "Tiếp công dân"),
    (PA, "kham-chua-benh", "PK-TUNHAN", False, False, "SYT-QNG-TTRA", "", 25, "Luật KBCB"),
    # §3a(2) second-time complaints (Điều 20, 21 Luật Khiếu nại)
    (KN, "kham-chua-benh", "SYT-QNG", True, False, None, PROVINCE_CHAIR, 30, KN21_2),
    (KN, "hanh-chinh", "SYT-QNG-VP", True, False, None, PROVINCE_CHAIR, 31, KN21_2),
    (KN, "kham-chua-benh", "SYT-QNG-TTRA", True, False, None, PROVINCE_CHAIR, 32, KN21_2),
    (KN, "kham-chua-benh", "TYT-PHOAN", True, False, "SYT-QNG", "", 40, KN20_2),
    (KN, "kham-chua-benh", "BV-DTT", True, False, "SYT-QNG", "", 40, KN20_2),
    # §3a(1) first-time complaints: the head of the unit that acted
    (KN, "hanh-chinh", "SYT-QNG-VP", False, False, "SYT-QNG", "", 50, KN20_1),
    (KN, "kham-chua-benh", "SYT-QNG-TTRA", False, False, "SYT-QNG", "", 51, KN20_1),
    (KN, "bhyt-vien-phi", "BV-DTT", False, False, "BV-DTT", "", 60, "Điều 17–20"),
    (KN, "kham-chua-benh", "SYT-QNG", False, False, "SYT-QNG", "", 60, "Điều 17–20"),
    # §3a(3) denunciations (khoản 1 Điều 12, Điều 13 Luật Tố cáo)
    (TC, "tieu-cuc-tham-nhung", "SYT-QNG", False, True, None, PROVINCE_CHAIR, 70, TC13_4A),
    (TC, "tieu-cuc-tham-nhung", "TYT-PHOAN", False, True, "TTYT-DP", "", 80, TC12_1),
    (TC, "tieu-cuc-tham-nhung", "BV-DTT", False, True, "SYT-QNG", "", 80, TC12_1),
    (TC, "tieu-cuc-tham-nhung", "SYT-QNG-VP", False, False, "SYT-QNG", "", 90, TC13_3A),
    (TC, "tieu-cuc-tham-nhung", "SYT-QNG-TTRA", False, False, "SYT-QNG", "", 91, TC13_3A),
    (TC, "tieu-cuc-tham-nhung", "BV-DTT", False, False, "BV-DTT", "", 100, "12, Điều 18"),
    # §3a(4) category defaults, then the facility named
    (PA, "an-toan-thuc-pham", "TYT-PHOAN", False, False, "ATTP-QNG", "", 110, FUNCTIONS),
    (PA, "phong-chong-dich", "BV-DTT", False, False, "CDC-QNG", "", 110, FUNCTIONS),
    (PA, "tieu-cuc-tham-nhung", "BV-DTT", False, False, "SYT-QNG-TTRA", "", 110, FUNCTIONS),
    (CaseKind.KIEN_NGHI, "hanh-chinh", None, False, False, "SYT-QNG-VP", "", 110, FUNCTIONS),
    (PA, "kham-chua-benh", "BV-DTT", False, False, "BV-DTT", "", 120, "quy chế phân công"),
    (PA, "bhyt-vien-phi", "BV-DTT", False, False, "BV-DTT", "", 120, "quy chế phân công"),
    # §3a(7) nothing decides: the intake officers
    (PA, "kham-chua-benh", None, False, False, "SYT-QNG-VP", "", 999, "Quy chế tiếp nhận"),
]


# An anonymous phản ánh naming the person it accuses (khoản 2 Điều 25 Luật Tố cáo): the
# inspectorate, whatever the facility or the category (kind, category, facility, unit, position).
ANONYMOUS_TIP_ROUTES = [
    (PA, "tieu-cuc-tham-nhung", "TTYT-DP", "SYT-QNG-TTRA", 105),
    (PA, "kham-chua-benh", "BV-DTT", "SYT-QNG-TTRA", 105),
    (PA, "an-toan-thuc-pham", "TYT-PHOAN", "SYT-QNG-TTRA", 105),
]


@pytest.fixture
def province(demo_reference_data):
    """The demo province with its default rules, plus an outside body and a private clinic."""
    FacilityFactory(code="EXT-CAPNUOC", name="Công ty Cấp nước tỉnh", kind=FacilityKind.EXTERNAL)
    FacilityFactory(
        code="PK-TUNHAN",
        name="Phòng khám tư nhân An Bình",
        kind=FacilityKind.PRIVATE_CLINIC,
        parent=Facility.objects.get(code="SYT-QNG"),
    )


def _decide(kind, category, facility, second=False, head=False, **kwargs):
    return route_decide(
        kind=kind,
        category=Category.objects.get(code=category) if category else None,
        facility=Facility.objects.get(code=facility) if facility else None,
        second_time=second,
        accused_is_head=head,
        **kwargs,
    )


@pytest.mark.parametrize(
    "kind, category, facility, second, head, unit, forward_to, position, basis", DEFAULT_ROUTES
)
def test_default_rules_route_to_the_competent_unit(
    province, kind, category, facility, second, head, unit, forward_to, position, basis
):
    result = _decide(kind, category, facility, second, head)

    assert (result.unit.code if result.unit else None) == unit
    assert result.forward_to == forward_to
    assert result.rule is not None and result.rule.position == position
    assert result.rule.name in result.reason
    assert basis in result.reason
    assert result.manual is (position == 999)


def test_every_default_rule_is_exercised_by_the_table():
    exercised = {row[7] for row in DEFAULT_ROUTES} | {row[4] for row in ANONYMOUS_TIP_ROUTES}
    assert exercised == {rule.position for rule in DEFAULT_RULES}


@pytest.mark.parametrize("kind, category, facility, unit, position", ANONYMOUS_TIP_ROUTES)
def test_an_anonymous_report_naming_the_accused_goes_to_the_inspectorate(
    province, kind, category, facility, unit, position
):
    result = _decide(kind, category, facility, anonymous_tip=True)
    assert (result.unit.code, result.rule.position) == (unit, position)
    assert "khoản 2 Điều 25 Luật Tố cáo" in result.reason
    # Without a person named, the same report goes where any report goes.
    assert _decide(kind, category, facility).rule.position != position


def test_route_plan_reads_the_tip_from_the_case(province):
    from complaints.services.routing import is_anonymous_tip, route_plan

    facility = Facility.objects.get(code="TTYT-DP")
    category = Category.objects.get(code="tieu-cuc-tham-nhung")
    tip = CaseFactory.build(
        kind=PA, anonymous=True, accused_name="Bác sĩ Trần Văn Bình", facility=facility,
        category=category,
    )
    plain = CaseFactory.build(kind=PA, anonymous=True, facility=facility, category=category)
    named = CaseFactory.build(
        kind=PA, anonymous=False, accused_name="Trần Văn Bình", facility=facility,
        category=category,
    )
    assert [is_anonymous_tip(c) for c in (tip, plain, named)] == [True, False, False]
    plan = route_plan(case=tip)
    assert plan.result.unit.code == "SYT-QNG-TTRA"
    assert plan.snapshot["inputs"]["anonymous_tip"] is True
    assert plan.snapshot["rule"]["anonymous_tip"] is True


# "Điều 21(2)", "Art 21", "Luật KN", "NĐ 124/2020": the tables' compact forms, not how a
# Vietnamese reader cites ("khoản 2 Điều 21 Luật Khiếu nại", "Nghị định 124/2020").
_COMPACT = re.compile(r"\bArts?\b|Điều \d+[a-z]?\(|, \d+\(|Luật (?:TC|KN)\b|\b(?:NĐ|TT) \d")


def test_every_default_rule_cites_its_basis_the_vietnamese_way():
    for rule in DEFAULT_RULES:
        assert rule.legal_basis, rule.name
        for text in (rule.legal_basis, rule.reason):
            assert not _COMPACT.search(text), (rule.name, text)


def test_reason_explains_the_unit_and_stays_vietnamese_in_an_english_request(province):
    with translation.override("en"):
        result = _decide(TC, "tieu-cuc-tham-nhung", "TYT-PHOAN", head=True)
    assert result.reason == (
        "Quy tắc “Tố cáo người đứng đầu, cấp phó của cơ sở: đơn vị cấp trên”: "
        "giao Trung tâm Y tế Đức Phổ, đơn vị cấp trên trực tiếp của Trạm Y tế xã Phổ An. "
        "Tố cáo người đứng đầu, cấp phó do người đứng đầu cơ quan cấp trên trực tiếp giải quyết. "
        "Căn cứ: khoản 1 Điều 12, điểm a khoản 3 Điều 13 Luật Tố cáo 25/2018/QH14."
    )


def test_press_report_names_the_facility_that_verifies(province):
    result = _decide(BC, None, "BV-DTT")
    assert "Xác minh nội dung bài báo: giao Bệnh viện Đa khoa khu vực Đặng Thùy Trâm" in (
        result.reason
    )


def test_billing_errors_stay_in_the_sector_while_bhxh_decisions_are_forwarded(province):
    billing = _decide(PA, "bhyt-vien-phi", "BV-DTT")
    bhxh = _decide(PA, OUTSIDE_CATEGORY_CODE, "BV-DTT")
    assert billing.unit.code == "BV-DTT" and billing.forward_to == ""
    assert bhxh.unit is None and bhxh.forward_to == SOCIAL_SECURITY


def test_inactive_facility_routes_to_its_nearest_active_ancestor(province):
    Facility.objects.filter(code__in=["TYT-PHOAN", "TTYT-DP"]).update(is_active=False)

    result = _decide(PA, "kham-chua-benh", "TYT-PHOAN")

    assert result.unit.code == "SYT-QNG"
    assert result.redirected_from.code == "TYT-PHOAN"
    assert (
        "Trạm Y tế xã Phổ An đã ngừng hoạt động, không nhận hồ sơ mới: giao Sở Y tế tỉnh "
        "Quảng Ngãi, đơn vị cấp trên gần nhất còn hoạt động." in result.reason
    )


def test_facility_past_its_validity_receives_no_case(province):
    station = Facility.objects.get(code="TYT-PHOAN")
    station.valid_until = datetime.date(2025, 6, 30)  # merged in the 2025 reform
    station.save()

    result = _decide(PA, "kham-chua-benh", "TYT-PHOAN", on=datetime.date(2026, 7, 1))

    assert result.unit.code == "TTYT-DP"


def test_inactive_unit_without_active_ancestor_falls_back_to_intake(db):
    office = FacilityFactory(kind=FacilityKind.OFFICE, name="Văn phòng Sở thử")
    lone = FacilityFactory(is_active=False, name="Bệnh viện đã giải thể")
    rule = RoutingRuleFactory(target=T.FACILITY)

    result = route_decide(kind=PA, category=None, facility=lone, rules=[rule])

    assert result.manual is True and result.unit == office
    assert "Bệnh viện đã giải thể đã ngừng hoạt động" in result.reason
    assert "cán bộ tiếp nhận quyết định" in result.reason


def test_no_rule_matches_manual_fallback_to_the_intake_office(db):
    office = FacilityFactory(kind=FacilityKind.OFFICE, name="Văn phòng Sở thử")
    result = route_decide(kind=PA, category=None, facility=FacilityFactory(), rules=[])
    assert result.manual is True
    assert result.unit == office
    assert result.rule is None
    assert "cán bộ tiếp nhận quyết định" in result.reason
    assert "Hồ sơ tạm giao Văn phòng Sở thử." in result.reason


def test_manual_fallback_without_an_office_leaves_the_case_unassigned(db):
    result = route_decide(kind=PA, category=None, facility=None, rules=[])
    assert result.manual is True and result.unit is None and result.forward_to == ""


def test_rule_that_cannot_resolve_gives_way_to_the_next(db):
    hospital = FacilityFactory()
    no_default = CategoryFactory(default_unit=None)
    rules = [
        RoutingRuleFactory(position=1, target=T.CATEGORY_DEFAULT),
        RoutingRuleFactory(position=2, target=T.FACILITY),
    ]
    result = route_decide(kind=PA, category=no_default, facility=hospital, rules=rules)
    assert result.rule == rules[1] and result.unit == hospital


def test_first_matching_active_rule_in_order_decides(db):
    hospital, inspectorate = FacilityFactory(), FacilityFactory(kind=FacilityKind.INSPECTORATE)
    RoutingRuleFactory(position=1, target=T.FIXED_UNIT, target_unit=inspectorate, is_active=False)
    RoutingRuleFactory(position=2, kind=CaseKind.TO_CAO, target=T.FIXED_UNIT,
                       target_unit=inspectorate)
    RoutingRuleFactory(position=3, target=T.FACILITY)
    RoutingRuleFactory(position=4, target=T.FIXED_UNIT, target_unit=inspectorate)

    assert route_decide(kind=PA, category=None, facility=hospital).unit == hospital
    assert route_decide(kind=TC, category=None, facility=hospital).unit == inspectorate


def test_unit_above_of_a_root_facility_is_the_province_chair(db):
    department = FacilityFactory(kind=FacilityKind.DEPARTMENT)
    rule = RoutingRuleFactory(target=T.UNIT_ABOVE)
    result = route_decide(kind=TC, category=None, facility=department, rules=[rule])
    assert result.unit is None and result.forward_to == PROVINCE_CHAIR


def test_case_route_stores_the_decision_and_assigns_the_case(province):
    actor = UserFactory()
    case = CaseFactory(
        kind=TC,
        accused_is_head=True,
        facility=Facility.objects.get(code="TYT-PHOAN"),
        category=Category.objects.get(code="tieu-cuc-tham-nhung"),
    )

    decision = case_route(case=case, actor=actor, origin="api")

    case.refresh_from_db()
    assert case.assigned_unit.code == "TTYT-DP" and case.forwarded_to == ""
    stored = RoutingDecision.objects.get(case=case)
    assert stored == decision
    assert stored.unit.code == "TTYT-DP" and stored.decided_by == actor
    assert stored.rule.position == 80
    assert "khoản 1 Điều 12" in stored.reason
    assert stored.rule_snapshot["rule"]["name"] == stored.rule.name
    assert stored.rule_snapshot["rule"]["target"] == "unit_above"
    assert stored.rule_snapshot["inputs"] == {
        "kind": "to_cao",
        "category": "tieu-cuc-tham-nhung",
        "facility": "TYT-PHOAN",
        "second_time": False,
        "accused_is_head": True,
        "anonymous_tip": False,
    }
    latest = case.history.latest()
    assert latest.history_change_reason == "origin=api action=case_route"
    assert latest.history_user == actor
    assert latest.assigned_unit_id == case.assigned_unit_id


def test_snapshot_keeps_the_rule_as_it_was_when_it_decided(province):
    case = CaseFactory(facility=Facility.objects.get(code="BV-DTT"),
                       category=Category.objects.get(code="kham-chua-benh"))
    decision = case_route(case=case)
    rule = decision.rule
    rule.legal_basis = "Quy chế mới"
    rule.save()
    rule.delete()

    decision.refresh_from_db()
    assert decision.rule is None
    assert decision.rule_snapshot["rule"]["legal_basis"].startswith("Phản ánh, kiến nghị")


def test_case_route_forwards_outside_without_a_unit(province):
    case = CaseFactory(
        facility=Facility.objects.get(code="BV-DTT"),
        category=Category.objects.get(code=OUTSIDE_CATEGORY_CODE),
    )
    decision = case_route(case=case)
    case.refresh_from_db()
    assert case.assigned_unit is None and case.forwarded_to == SOCIAL_SECURITY
    assert decision.forwarded_to == SOCIAL_SECURITY
    assert case.status == "received"  # the workflow's `forward` action carries it out


def test_rerouting_to_another_unit_clears_the_handler(province):
    handler = UserFactory()
    hospital = Facility.objects.get(code="BV-DTT")
    case = CaseFactory(facility=hospital, category=Category.objects.get(code="an-toan-thuc-pham"),
                       assigned_unit=hospital, assigned_user=handler)
    case_route(case=case)
    case.refresh_from_db()
    assert case.assigned_unit.code == "ATTP-QNG" and case.assigned_user is None


def test_each_routing_is_a_new_decision(province):
    case = CaseFactory(facility=Facility.objects.get(code="BV-DTT"),
                       category=Category.objects.get(code="kham-chua-benh"))
    case_route(case=case)
    case.category = Category.objects.get(code="an-toan-thuc-pham")
    case.save()
    case_route(case=case)
    units = list(RoutingDecision.objects.filter(case=case).order_by("id")
                 .values_list("unit__code", flat=True))
    assert units == ["BV-DTT", "ATTP-QNG"]


def test_manual_routing_is_recorded_like_a_rule(province):
    officer = UserFactory()
    case = CaseFactory(facility=None, category=Category.objects.get(code="kham-chua-benh"))
    cdc = Facility.objects.get(code="CDC-QNG")

    decision = case_route_manually(
        case=case, actor=officer, unit=cdc, reason="Nội dung về tiêm chủng tại cộng đồng."
    )

    case.refresh_from_db()
    assert case.assigned_unit == cdc
    assert decision.rule is None and decision.decided_by == officer
    assert decision.rule_snapshot["manual"] is True
    assert decision.reason == "Nội dung về tiêm chủng tại cộng đồng."
    assert case.history.latest().history_change_reason == "origin=admin action=case_route_manually"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"reason": "x"},  # neither unit nor forward_to
        {"reason": "x", "forward_to": "UBND tỉnh", "unit": "CDC-QNG"},  # both
        {"reason": " ", "unit": "CDC-QNG"},  # no reason
    ],
)
def test_manual_routing_validates_its_arguments(province, kwargs):
    if "unit" in kwargs:
        kwargs["unit"] = Facility.objects.get(code=kwargs["unit"])
    case = CaseFactory()
    with pytest.raises(ValueError):
        case_route_manually(case=case, actor=None, **kwargs)
    assert not RoutingDecision.objects.filter(case=case).exists()


def test_install_default_rules_is_idempotent_and_keeps_admin_edits(province):
    count = RoutingRule.objects.count()
    assert count == len(DEFAULT_RULES)
    edited = RoutingRule.objects.get(position=120)
    edited.is_active = False
    edited.save()

    result = install_default_rules()

    assert result.created == [] and result.existing == len(DEFAULT_RULES)
    assert RoutingRule.objects.count() == count
    assert RoutingRule.objects.get(pk=edited.pk).is_active is False


def test_rules_naming_a_missing_unit_wait_for_the_facilities(db):
    first = install_default_rules()
    assert "Thông tin báo chí phản ánh: Văn phòng Sở chủ trì" in first.skipped
    assert not RoutingRule.objects.filter(target=T.FIXED_UNIT).exists()

    FacilityFactory(code="VP", kind=FacilityKind.OFFICE)
    FacilityFactory(code="SO", kind=FacilityKind.DEPARTMENT)
    FacilityFactory(code="TTRA", kind=FacilityKind.INSPECTORATE)
    second = install_default_rules()

    assert set(second.created) == set(first.skipped)
    assert second.skipped == []
    assert RoutingRule.objects.get(position=10).target_unit.code == "VP"


def test_the_outside_category_has_an_english_name_old_installs_get_it_too():
    from complaints.models import Category
    from complaints.routing_defaults import OUTSIDE_CATEGORY_CODE, install_default_rules

    install_default_rules()
    outside = Category.objects.get(code=OUTSIDE_CATEGORY_CODE)
    assert outside.label("en").startswith("Health insurance assessment")
    outside.name_en = outside.description_en = ""  # as an install from before the names
    outside.save()
    install_default_rules()
    outside.refresh_from_db()
    assert outside.name_en.startswith("Health insurance assessment")
    outside.name = "BHYT ngoài ngành"  # renamed by the administrator: left alone
    outside.name_en = ""
    outside.save()
    install_default_rules()
    outside.refresh_from_db()
    assert outside.name_en == ""
