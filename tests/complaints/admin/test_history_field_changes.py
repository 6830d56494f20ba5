"""The history page of the reference data (“Lịch sử” of a facility, a category…): an edit
("Đã sửa") names the fields it changed, by their Vietnamese names, old → new, read from the
row's recorded history (django-simple-history's `diff_against`), with a bounded number of
queries however many edits the page lists."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from complaints.models import Facility, FacilityKind
from tests.factories import CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


def _facility_form(facility: Facility, **changes) -> dict:
    data = {
        "code": facility.code, "kind": facility.kind, "name": facility.name,
        "parent": facility.parent_id or "", "area": facility.area,
        "address": facility.address, "hotline": facility.hotline, "email": facility.email,
        "valid_from": "", "valid_until": "",
    }
    if facility.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _edit(client, facility, **changes):
    response = client.post(
        reverse("reference_facilities:edit", args=[facility.pk]),
        _facility_form(facility, **changes),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    facility.refresh_from_db()


def test_an_edit_in_a_facility_history_names_its_fields_old_and_new(admin_client):
    department = FacilityFactory(kind=FacilityKind.DEPARTMENT, name="Sở Y tế Thử")
    facility = FacilityFactory(name="Trạm Y tế Cũ", hotline="0255 111", parent=department)
    _edit(admin_client, facility, name="Trạm Y tế Mới", hotline="0255 222")

    html = admin_client.get(
        reverse("reference_facilities:history", args=[facility.pk])
    ).content.decode()
    assert "Đã sửa" in html
    assert "tên: Trạm Y tế Cũ → Trạm Y tế Mới" in html
    assert "đường dây nóng: 0255 111 → 0255 222" in html
    # Only what changed.
    assert "địa bàn:" not in html


def test_a_foreign_key_and_a_yes_no_read_as_words(admin_client):
    department = FacilityFactory(kind=FacilityKind.DEPARTMENT, name="Sở Y tế Thử")
    other = FacilityFactory(kind=FacilityKind.DEPARTMENT, name="Trung tâm Kiểm soát bệnh tật")
    facility = FacilityFactory(name="Trạm Y tế Xã", parent=department)
    data = _facility_form(facility, parent=other.pk)
    data.pop("is_active")
    response = admin_client.post(reverse("reference_facilities:edit", args=[facility.pk]), data)
    assert response.status_code == 302

    html = admin_client.get(
        reverse("reference_facilities:history", args=[facility.pk])
    ).content.decode()
    assert "đơn vị cấp trên: Sở Y tế Thử → Trung tâm Kiểm soát bệnh tật" in html
    assert "đang hoạt động: Có → Không" in html


def test_a_category_history_names_its_changes_too(admin_client):
    category = CategoryFactory(name="Thái độ phục vụ")
    edit_url = reverse("reference_categories:edit", args=[category.pk])
    form = admin_client.get(edit_url).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(name="Thái độ, tác phong phục vụ")
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    html = admin_client.get(
        reverse("reference_categories:history", args=[category.pk])
    ).content.decode()
    assert "Thái độ phục vụ → Thái độ, tác phong phục vụ" in html


def test_the_history_page_queries_do_not_grow_with_its_edits(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    department = FacilityFactory(kind=FacilityKind.DEPARTMENT, name="Sở Y tế Thử")
    facility = FacilityFactory(name="Trạm 0", parent=department)
    url = reverse("reference_facilities:history", args=[facility.pk])
    _edit(admin_client, facility, name="Trạm 1")
    with CaptureQueriesContext(connection) as one_edit:
        admin_client.get(url)
    for number in range(2, 8):
        _edit(admin_client, facility, name=f"Trạm {number}")
    with CaptureQueriesContext(connection) as seven_edits:
        html = admin_client.get(url).content.decode()
    assert one_edit.captured_queries  # the page was read
    assert len(seven_edits.captured_queries) <= len(one_edit.captured_queries)
    assert "tên: Trạm 6 → Trạm 7" in html and "tên: Trạm 0 → Trạm 1" in html
