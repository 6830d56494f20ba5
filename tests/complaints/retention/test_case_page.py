"""The case page says when the citizen's personal data was destroyed, or why it is held."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.retention.destruction import expired_personal_data_destroy
from tests.factories import UserFactory

from .helpers import NOW, closed_case

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.view_all_cases"]


def test_the_case_page_tells_the_hold_and_the_destruction(client):
    client.force_login(UserFactory(perms=STAFF))
    held = closed_case(months_ago=40, retention_hold=True, retention_hold_reason="Vụ kiện số 7")
    destroyed = closed_case(months_ago=40)
    expired_personal_data_destroy(now=NOW, apply=True)

    page = client.get(reverse("complaints_admin:detail", args=[held.tracking_code]))
    assert "Đang giữ dữ liệu cá nhân, chưa hủy khi hết thời hạn lưu trữ: Vụ kiện số 7" in (
        page.content.decode()
    )
    page = client.get(reverse("complaints_admin:detail", args=[destroyed.tracking_code]))
    assert (
        "Dữ liệu cá nhân của người gửi đã được hủy ngày 15/06/2031 (khoản 3 Điều 16 Luật Bảo "
        "vệ dữ liệu cá nhân)."
    ) in page.content.decode()
