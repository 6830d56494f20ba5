"""CSV export of the filtered list: scoped, identity through reporter_for, a
denouncer's identity never exported."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.kinds import CaseKind
from complaints.models import IdentityAccessLog
from tests.factories import CaseFactory, FacilityFactory

from .helpers import handler_user, inspector_user, leader_user

pytestmark = pytest.mark.django_db

EXPORT = "/admin/ho-so/xuat-csv/"


def export(client, query: str = "") -> list[dict]:
    response = client.get(f"{EXPORT}{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ho-so-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "a BOM so that Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_the_export_url_and_the_link_keep_the_filters(client):
    assert reverse("complaints_admin:export") == EXPORT
    client.force_login(leader_user())
    html = client.get("/admin/ho-so/?kind=to_cao&overdue=1").content.decode()
    assert f'href="{EXPORT}?kind=to_cao&amp;overdue=1"' in html


def test_rows_follow_the_filters_with_vietnamese_headers(client):
    complaint = CaseFactory(khieu_nai=True)
    CaseFactory(kind=CaseKind.KIEN_NGHI)
    client.force_login(leader_user())
    rows = export(client, "?kind=khieu_nai")
    assert [row["Mã hồ sơ"] for row in rows] == [complaint.tracking_code]
    assert rows[0]["Loại"] == "Khiếu nại"
    assert rows[0]["Trạng thái"] == "Đã tiếp nhận"
    assert rows[0]["Người gửi"] == "Nguyễn Thị Dân"


def test_only_the_users_scope_is_exported(client):
    centre = FacilityFactory()
    mine = CaseFactory(assigned_unit=centre)
    CaseFactory(assigned_unit=FacilityFactory())
    client.force_login(handler_user(centre))
    assert [row["Mã hồ sơ"] for row in export(client)] == [mine.tracking_code]


def test_a_denouncers_identity_is_never_exported_even_to_an_inspector(client):
    denunciation = CaseFactory(to_cao=True)
    client.force_login(inspector_user())
    rows = export(client)
    row = next(r for r in rows if r["Mã hồ sơ"] == denunciation.tracking_code)
    assert row["Người gửi"] == "Đã ẩn"
    assert row["Số điện thoại"] == "Đã ẩn" and row["Thư điện tử"] == "Đã ẩn"
    body = str(rows)
    assert "Nguyễn Thị Dân" not in body and "0905123456" not in body
    assert not IdentityAccessLog.objects.exists()


def test_anonymous_reports_export_as_anonymous(client):
    CaseFactory(anonymous_report=True)
    client.force_login(leader_user())
    assert export(client)[0]["Người gửi"] == "Ẩn danh"


def test_cells_cannot_run_as_spreadsheet_formulas(client):
    CaseFactory(title='=HYPERLINK("http://evil.example","bấm")')
    client.force_login(leader_user())
    assert export(client)[0]["Tiêu đề"].startswith("'=")


def test_outsiders_cannot_export(client):
    CaseFactory()
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_export_runs_a_bounded_number_of_queries(client):
    client.force_login(leader_user())
    for _ in range(3):
        CaseFactory(to_cao=True)
        CaseFactory()
    with CaptureQueriesContext(connection) as few:
        export(client)
    for _ in range(20):
        CaseFactory(to_cao=True)
        CaseFactory(facility=FacilityFactory())
    with CaptureQueriesContext(connection) as many:
        rows = export(client)
    assert len(rows) == 46
    assert len(many) == len(few)
