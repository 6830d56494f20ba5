"""The group editor (/admin/groups/) lists the case permissions in Vietnamese and grants
them (register_permissions, complaints/admin/hooks.py)."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CASE_PERMISSIONS = {
    "view_all_cases": "Xem hồ sơ toàn tỉnh",
    "view_press_cases": "Xem hồ sơ thông tin báo chí",
    "view_denouncer_identity": "Xem danh tính người tố cáo (bắt buộc đăng nhập hai bước",
    "act_on_case": "Xử lý",
    "approve_case": "Phê duyệt kết luận, gia hạn",
    "record_withdrawal": "Ghi nhận rút đơn",
}


def case_permission(codename):
    return Permission.objects.get(content_type__app_label="complaints", codename=codename)


def test_the_group_editor_lists_the_case_permissions_in_vietnamese(client):
    group = Group.objects.create(name="Tổ xử lý")
    client.force_login(UserFactory(superuser=True))
    page = html.unescape(client.get(f"/admin/groups/edit/{group.pk}/").content.decode())
    assert "<h3>Hồ sơ</h3>" in page  # the heading of the case permissions' row
    for codename, label in CASE_PERMISSIONS.items():
        assert f'value="{case_permission(codename).pk}"' in page, codename
        assert label in page, codename
    assert "Điều 47 Luật Tố cáo" in page  # the identity permission needs two factors


def management_forms(response) -> dict:
    """The management fields of the editor's other panels (page, collection permissions)."""
    return {
        f"{panel.prefix}-{key}": value
        for panel in response.context["permission_panels"]
        if hasattr(panel, "management_form")
        for key, value in panel.management_form.initial.items()
    }


def test_the_group_editor_grants_the_case_permissions(client):
    group = Group.objects.create(name="Tổ xử lý")
    client.force_login(UserFactory(superuser=True))
    url = f"/admin/groups/edit/{group.pk}/"
    granted = [case_permission(c) for c in ("act_on_case", "view_denouncer_identity")]
    data = {
        "name": group.name,
        "permissions": [p.pk for p in granted],
        **management_forms(client.get(url)),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert set(group.permissions.all()) == set(granted)
