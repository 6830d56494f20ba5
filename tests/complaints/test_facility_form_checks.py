"""The facility and category admin (walk-operator findings 2, 3 and 8): codes kept in
upper case and unique whatever the case, a parent unit for every unit but the Sở and
outside bodies, and a refused deletion that says why and what to do instead."""

from __future__ import annotations

import html

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from complaints.models import Category, Facility, FacilityKind
from complaints.services.imports import ImportRejected, facilities_import
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


@pytest.fixture
def so():
    return FacilityFactory(code="SYT-T", name="Sở Y tế thử", kind=FacilityKind.DEPARTMENT)


def facility_data(**changes) -> dict:
    data = {
        "code": "TTYT-BT",
        "kind": FacilityKind.HEALTH_CENTRE,
        "name": "Trung tâm Y tế huyện Ba Tơ",
        "parent": "",
        "area": "Ba Tơ",
        "address": "",
        "hotline": "",
        "email": "",
        "is_active": "on",
        "valid_from": "",
        "valid_until": "",
    }
    data.update(changes)
    return data


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_code_is_kept_in_upper_case_in_a_plain_text_box(admin_client, so):
    page = page_of(admin_client.get(reverse("reference_facilities:add")))
    code_input = page[page.index('name="code"') - 200 : page.index('name="code"') + 200]
    assert "w-slug" not in code_input

    response = admin_client.post(
        reverse("reference_facilities:add"), facility_data(code="ttyt-bt", parent=so.pk)
    )
    assert response.status_code == 302, page_of(response)[:3000]
    assert Facility.objects.filter(code="TTYT-BT").exists()


def test_a_code_used_in_another_case_is_refused_naming_the_unit(admin_client, so):
    FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ", parent=so)
    response = admin_client.post(
        reverse("reference_facilities:add"),
        facility_data(code="ttyt-dp", name="Trung tâm Y tế Đức Phổ 2", parent=so.pk),
    )
    assert response.status_code == 200
    assert "Mã TTYT-DP đã dùng cho Trung tâm Y tế Đức Phổ" in page_of(response)
    assert Facility.objects.filter(code__iexact="ttyt-dp").count() == 1


def test_the_import_updates_a_unit_whose_code_differs_only_in_case(so):
    unit = FacilityFactory(code="ttyt-bt", name="Trung tâm Y tế Ba Tơ", parent=so)
    result = facilities_import(
        text="code,name,kind,parent_code,area,address,hotline\n"
        "TTYT-BT,Trung tâm Y tế huyện Ba Tơ,health_centre,syt-t,Ba Tơ,,\n"
    )
    assert (result.created, result.updated) == (0, 1)
    unit.refresh_from_db()
    assert (unit.code, unit.parent_id) == ("TTYT-BT", so.pk)
    assert unit.name == "Trung tâm Y tế huyện Ba Tơ"
    assert Facility.objects.filter(code__iexact="ttyt-bt").count() == 1


def test_the_import_keeps_codes_in_upper_case_as_the_form_does(so):
    """A file typed in lower case makes `TTYT-SH`, as the admin's form would: the same
    unit's code reads the same on every screen, letter and export."""
    result = facilities_import(
        text="code,name,kind,parent_code,area,address,hotline\n"
        "ttyt-sh,Trung tâm Y tế Sơn Hà,health_centre,syt-t,Sơn Hà,,\n"
    )
    assert result.created == 1
    assert Facility.objects.get(code__iexact="ttyt-sh").code == "TTYT-SH"


def test_the_import_refuses_two_rows_whose_codes_differ_only_in_case(so):
    with pytest.raises(ImportRejected) as error:
        facilities_import(
            text="code,name,kind,parent_code,area,address,hotline\n"
            "TTYT-BT,Ba Tơ,health_centre,SYT-T,,,\n"
            "ttyt-bt,Ba Tơ 2,health_centre,SYT-T,,,\n"
        )
    assert error.value.result.errors == [(3, "mã ttyt-bt trùng với dòng 2")]


@pytest.mark.parametrize(
    "kind", [FacilityKind.COMMUNE_STATION, FacilityKind.HEALTH_CENTRE, FacilityKind.OFFICE]
)
def test_a_unit_without_a_parent_is_refused_with_the_reason(admin_client, so, kind):
    response = admin_client.post(
        reverse("reference_facilities:add"),
        facility_data(code="TYT-BD", name="Trạm Y tế xã Ba Động", kind=kind),
    )
    assert response.status_code == 200
    page = page_of(response)
    assert "Chọn đơn vị cấp trên" in page and "đơn vị cấp trên trực tiếp" in page
    assert not Facility.objects.filter(code="TYT-BD").exists()


@pytest.mark.parametrize("kind", [FacilityKind.DEPARTMENT, FacilityKind.EXTERNAL])
def test_the_department_and_outside_bodies_need_no_parent(admin_client, kind):
    response = admin_client.post(
        reverse("reference_facilities:add"), facility_data(code="TOP-1", name="Gốc", kind=kind)
    )
    assert response.status_code == 302, page_of(response)[:3000]


def test_deleting_a_category_in_use_says_why_and_what_to_do(admin_client):
    category = CategoryFactory()
    CaseFactory(category=category)
    CaseFactory(category=category)
    response = admin_client.get(reverse("reference_categories:delete", args=[category.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reference_categories:edit", args=[category.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "Lĩnh vực đang được dùng cho 2 hồ sơ; bỏ chọn “Đang sử dụng” để ngừng dùng."
    ]
    assert "không có quyền" not in " ".join(messages)
    admin_client.post(reverse("reference_categories:delete", args=[category.pk]))
    assert Category.objects.filter(pk=category.pk).exists()


def test_deleting_a_facility_says_why_and_what_to_do(admin_client, so):
    unit = FacilityFactory(parent=so)
    CaseFactory(facility=unit, assigned_unit=unit)
    response = admin_client.post(reverse("reference_facilities:delete", args=[unit.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reference_facilities:edit", args=[unit.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "Cơ sở y tế đang được dùng cho 1 hồ sơ; bỏ chọn “Đang hoạt động” để ngừng hoạt động "
        "(hồ sơ và lịch sử được giữ nguyên)."
    ]
    assert Facility.objects.filter(pk=unit.pk).exists()
