"""The reference data admin ("Danh mục & quy tắc"): administrators only."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from complaints import deadlines as deadline_engine
from complaints.models import CalendarOverride, Facility, FacilityKind, RoutingRule, RoutingTarget
from tests.factories import (
    CaseFactory,
    CategoryFactory,
    FacilityFactory,
    RoutingRuleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INDEX_URLS = [
    "reference_facilities:index",
    "reference_categories:index",
    "reference_routing_rules:index",
    "reference_calendar_overrides:index",
    "reference_email_templates:index",
    "reference_deadline_rules:index",
]


def intake_officer():
    """In the admin, with every case permission, none on reference data."""
    return UserFactory(
        staff=True,
        admin_access=True,
        perms=["complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case"],
    )


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(intake_officer())
    return client


def _denied(response) -> bool:
    # Wagtail answers a permission error in the admin with 403 or a redirect to the dashboard.
    home = reverse("wagtailadmin_home")
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == home
    )


@pytest.mark.parametrize("url_name", INDEX_URLS)
def test_admin_lists_each_reference_table(admin_client, url_name):
    FacilityFactory(name="Bệnh viện Đa khoa thử nghiệm")
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.parametrize("url_name", INDEX_URLS)
def test_staff_without_reference_permissions_is_refused(staff_client, url_name):
    response = staff_client.get(reverse(url_name))
    assert _denied(response), response.status_code


def _menu_labels(user) -> dict[str, list[str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    labels = {}
    for item in admin_menu.menu_items_for_request(request):
        submenu = getattr(item, "menu", None)
        children = submenu.menu_items_for_request(request) if submenu else []
        labels[str(item.label)] = [str(child.label) for child in children]
    return labels


def test_menu_group_shown_to_administrator_only():
    admin_menu_labels = _menu_labels(UserFactory(superuser=True))
    assert admin_menu_labels["Danh mục & quy tắc"] == [
        "Cơ sở y tế",
        "Lĩnh vực",
        "Quy tắc phân công",
        "Ngày nghỉ, ngày làm bù",
        "Mẫu thư điện tử",
        "Bảng thời hạn",
    ]
    assert "Danh mục & quy tắc" not in _menu_labels(intake_officer())


def test_facility_list_shows_parent_and_filters_by_kind(admin_client):
    department = FacilityFactory(name="Sở Y tế thử nghiệm", kind=FacilityKind.DEPARTMENT)
    FacilityFactory(name="Trạm Y tế Phổ Thử", kind=FacilityKind.COMMUNE_STATION, parent=department)
    FacilityFactory(name="Bệnh viện Thử", kind=FacilityKind.HOSPITAL, parent=department)

    page = admin_client.get(reverse("reference_facilities:index")).content.decode()
    assert "Trạm Y tế Phổ Thử" in page and "Sở Y tế thử nghiệm" in page

    filtered = admin_client.get(
        reverse("reference_facilities:index"), {"kind": FacilityKind.COMMUNE_STATION}
    ).content.decode()
    assert "Trạm Y tế Phổ Thử" in filtered
    assert "Bệnh viện Thử" not in filtered


def _facility_form(facility: Facility, **changes) -> dict:
    data = {
        "code": facility.code,
        "kind": facility.kind,
        "name": facility.name,
        "parent": facility.parent_id or "",
        "area": facility.area,
        "address": facility.address,
        "hotline": facility.hotline,
        "email": facility.email,
        "valid_from": "",
        "valid_until": "",
    }
    if facility.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_deactivating_a_facility_keeps_its_cases_and_history(admin_client):
    department = FacilityFactory(kind=FacilityKind.DEPARTMENT)
    facility = FacilityFactory(name="Trạm Y tế sắp sáp nhập", parent=department)
    case = CaseFactory(facility=facility, assigned_unit=facility)
    before = facility.history.count()

    data = _facility_form(facility)
    data.pop("is_active")
    response = admin_client.post(reverse("reference_facilities:edit", args=[facility.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    facility.refresh_from_db()
    assert facility.is_active is False
    assert facility.history.count() == before + 1
    case.refresh_from_db()
    assert case.facility_id == facility.pk and case.assigned_unit_id == facility.pk


def test_facilities_and_categories_cannot_be_deleted(admin_client, staff_client):
    facility = FacilityFactory()
    category = CategoryFactory()
    for url_name, obj in (
        ("reference_facilities:delete", facility),
        ("reference_categories:delete", category),
    ):
        # The administrator is sent to the edit page, told to deactivate instead
        # (tests/complaints/test_facility_form_checks.py); anyone else is refused.
        response = admin_client.post(reverse(url_name, args=[obj.pk]))
        edit = url_name.replace(":delete", ":edit")
        assert response.status_code == 302 and response["Location"] == reverse(
            edit, args=[obj.pk]
        ), (url_name, response.status_code)
        assert _denied(staff_client.post(reverse(url_name, args=[obj.pk])))
    assert Facility.objects.filter(pk=facility.pk).exists()
    assert type(category).objects.filter(pk=category.pk).exists()


def test_facility_form_refuses_a_cycle_in_the_tree(admin_client):
    top = FacilityFactory(kind=FacilityKind.DEPARTMENT)
    child = FacilityFactory(parent=top)
    response = admin_client.post(
        reverse("reference_facilities:edit", args=[top.pk]), _facility_form(top, parent=child.pk)
    )
    assert response.status_code == 200
    assert "vòng lặp" in response.content.decode()
    top.refresh_from_db()
    assert top.parent_id is None


def test_routing_rules_are_listed_in_order_and_editable(admin_client):
    RoutingRuleFactory(position=20, name="Quy tắc thứ hai")
    first = RoutingRuleFactory(position=10, name="Quy tắc thứ nhất")
    page = admin_client.get(reverse("reference_routing_rules:index")).content.decode()
    assert page.index("Quy tắc thứ nhất") < page.index("Quy tắc thứ hai")

    data = {
        "position": 5,
        "is_active": "on",
        "name": "Quy tắc thứ nhất (sửa)",
        "kind": "to_cao",
        "facility_kind": FacilityKind.HOSPITAL,
        "second_time": "",
        "against_head": "true",
        "category": "",
        "target": RoutingTarget.UNIT_ABOVE,
        "target_unit": "",
        "forward_to": "",
        "legal_basis": "khoản 1 Điều 12 Luật Tố cáo 25/2018/QH14",
        "reason": "",
    }
    url = reverse("reference_routing_rules:edit", args=[first.pk])
    # It takes some of the second rule's cases: the form says so before saving.
    warned = admin_client.post(url, data)
    assert warned.status_code == 200
    assert "Quy tắc thứ hai" in warned.content.decode() and "sẽ không còn áp dụng" in (
        warned.content.decode()
    )
    response = admin_client.post(url, {**data, "confirm_effects": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db()
    assert (first.position, first.name, first.against_head) == (5, "Quy tắc thứ nhất (sửa)", True)
    assert first.facility_kind == FacilityKind.HOSPITAL


def test_routing_rule_form_requires_the_unit_of_a_fixed_target(admin_client):
    response = admin_client.post(
        reverse("reference_routing_rules:add"),
        {
            "position": 1,
            "is_active": "on",
            "name": "Thiếu đơn vị",
            "kind": "",
            "facility_kind": "",
            "second_time": "",
            "against_head": "",
            "category": "",
            "target": RoutingTarget.FIXED_UNIT,
            "target_unit": "",
            "forward_to": "",
            "legal_basis": "Quy chế",
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert "Chọn đơn vị nhận" in response.content.decode()
    assert not RoutingRule.objects.filter(name="Thiếu đơn vị").exists()


def test_administrator_adds_a_working_saturday(admin_client):
    response = admin_client.post(
        reverse("reference_calendar_overrides:add"),
        {"date": "2026-01-10", "kind": "working_day", "reason": "Làm bù", "legal_basis": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarOverride.objects.get().kind == "working_day"


def test_email_template_with_bad_syntax_is_refused(admin_client):
    response = admin_client.post(
        reverse("reference_email_templates:add"),
        {"code": "case_received", "subject": "Hồ sơ {% if %}", "body": "x", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Cú pháp mẫu không hợp lệ" in response.content.decode()


def test_deadline_rule_table_flags_unconfirmed_rows(admin_client):
    page = admin_client.get(reverse("reference_deadline_rules:index")).content.decode()
    assert "khoản 1 Điều 30 Luật Tố cáo" in page  # a statutory row, read in Vietnamese
    assert "2026-07-01" in page and "2019-01-01" in page
    unconfirmed = sum(1 for rule in deadline_engine.RULES if rule.unconfirmed)
    assert unconfirmed > 0  # phan_anh / kien_nghi figures are policy or unconfirmed
    assert page.count('w-status--label">chưa xác nhận') == unconfirmed
    assert page.count("đã xác nhận</td>") == len(deadline_engine.RULES) - unconfirmed


def test_deadline_rule_table_shows_the_configured_policy(admin_client, settings):
    settings.PORTAL_DEADLINE_POLICY = {("phan_anh", "resolve"): 20}
    page = admin_client.get(reverse("reference_deadline_rules:index")).content.decode()
    assert "Cấu hình: 20" in page


def test_deadline_rule_table_shows_24_november_as_an_unconfirmed_working_day(admin_client):
    # BLLĐ 2019 Art 112(1) does not list it; the holidays package does (issue 9 item 9).
    page = admin_client.get(reverse("reference_deadline_rules:index")).content.decode()
    assert "24/11/" in page and "Điều 112(1)" in page


def test_deadline_rule_table_lists_the_package_swaps_applied_without_a_notice(
    admin_client, monkeypatch
):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 8, 1))
    page = admin_client.get(reverse("reference_deadline_rules:index")).content.decode()
    assert "31/08/2026" in page and "22/08/2026" in page
    assert "Ngày nghỉ, ngày làm bù" in page  # where to undo it


def test_a_day_off_on_a_saturday_is_refused_with_the_reason(admin_client):
    response = admin_client.post(
        reverse("reference_calendar_overrides:add"),
        {"date": "2026-12-12", "kind": "day_off", "reason": "Nghỉ", "legal_basis": ""},
    )
    assert response.status_code == 200
    assert "ngày nghỉ hằng tuần (Điều 111 Bộ luật Lao động 2019)" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_a_make_up_day_on_an_ordinary_weekday_is_refused(admin_client):
    response = admin_client.post(
        reverse("reference_calendar_overrides:add"),
        {"date": "2026-12-10", "kind": "working_day", "reason": "Làm bù", "legal_basis": ""},
    )
    assert response.status_code == 200
    assert "là ngày làm việc bình thường" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_adding_a_day_off_says_how_many_cases_are_counted_again(
    admin_client, django_capture_on_commit_callbacks
):
    import datetime

    from complaints.services.deadlines import case_deadlines_refresh

    case = CaseFactory(
        kind="phan_anh", received_at=datetime.datetime(2026, 12, 5, 2, tzinfo=datetime.UTC)
    )
    case_deadlines_refresh(case=case)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("reference_calendar_overrides:add"),
            {"date": "2026-12-10", "kind": "day_off", "reason": "Nghỉ bù", "legal_basis": ""},
            follow=True,
        )
    assert "Thời hạn của 1 hồ sơ đang chạy qua ngày này sẽ được tính lại." in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.accept_by == datetime.date(2026, 12, 21)


def test_facility_list_shows_a_unit_nobody_would_be_alerted_at(admin_client):
    """A unit without a mailbox or staff receiving notifications reads "Không có người
    nhận thông báo" (its alerts go to a unit above it: complaints/notifications/staff.py)."""
    FacilityFactory(name="Trạm Y tế không ai nhận", email="")
    FacilityFactory(name="Bệnh viện có hộp thư", email="bv@example.vn")
    staffed = FacilityFactory(name="Trung tâm có cán bộ", email="")
    UserFactory(facility=staffed)
    UserFactory(facility=staffed)

    page = admin_client.get(reverse("reference_facilities:index")).content.decode()
    assert page.count("Không có người nhận thông báo") == 1
    assert "Thư điện tử đơn vị" in page and "2 cán bộ" in page
