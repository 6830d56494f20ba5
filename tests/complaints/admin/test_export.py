"""CSV export of the filtered list: scoped, and no reporter's identity or contact
data for anyone (NĐ 154/2026 Art 12(2); Luật BVDLCN 91/2025 Art 3): only whether
the reporter gave a name."""

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
    assert rows[0]["Người gửi"] == "Có họ tên (xem trên trang hồ sơ)"


CONTACT_HEADERS = {"Số điện thoại", "Thư điện tử", "Địa chỉ", "Số định danh cá nhân/CCCD"}


@pytest.mark.parametrize("kind", ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"])
def test_no_reporters_name_or_contact_is_exported_even_to_a_leader(client, kind):
    """A leader may read every contact on the case page; none leaves in a file."""
    traits = {"khieu_nai": {"khieu_nai": True}, "to_cao": {"to_cao": True}}
    case = CaseFactory(**traits.get(kind, {"kind": kind}))
    reporter = case.reporter
    client.force_login(leader_user())
    response = client.get(EXPORT)
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert not CONTACT_HEADERS & set(rows[0])
    for value in (reporter.name, reporter.phone, reporter.email, reporter.address,
                  reporter.id_number):
        assert not value or value not in body
    assert rows[0]["Người gửi"] == "Có họ tên (xem trên trang hồ sơ)"
    assert not IdentityAccessLog.objects.exists()


def test_the_case_page_still_shows_the_contact_to_staff_in_scope(client):
    case = CaseFactory(kind=CaseKind.KIEN_NGHI)
    client.force_login(leader_user())
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert case.reporter.name in html and case.reporter.phone in html


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
    assert row["Người gửi"] == "Có họ tên (xem trên trang hồ sơ)"
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


def test_the_export_streams_rows_as_it_reads_them(client):
    """A StreamingHttpResponse over a generator: the BOM and headers go out before the
    cases are read, then the cases are read by one query, in chunks (a server-side
    cursor on PostgreSQL), whatever their number."""
    from complaints.exports import cases_csv

    client.force_login(leader_user())
    for _ in range(5):
        CaseFactory()
    response = client.get(EXPORT)
    assert response.streaming
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as before_rows:
        bom, headers = next(chunks), next(chunks)
    assert bom == "\ufeff".encode() and b"M\xc3\xa3 h\xe1\xbb\x93 s\xc6\xa1" in headers
    assert not [q for q in before_rows if "complaints_case" in q["sql"]]
    with CaptureQueriesContext(connection) as reading:
        rest = list(chunks)
    assert len(rest) == 5  # one chunk per case, as it is read
    case_queries = [q for q in reading if "complaints_case" in q["sql"]]
    assert len(case_queries) == 1
    assert cases_csv.CHUNK_SIZE >= 1000  # read in large chunks, not all at once


def test_overdue_is_the_lists_next_deadline_past(client):
    """"Quá hạn" says what the list's cell and its "quá hạn" filter say: a decided complaint
    whose notice to the parties is past its day is overdue; a case whose step deadline is
    past is; one whose deadlines are all ahead is not (complaints.querysets.next_due_expression)."""
    import datetime

    from django.utils import timezone

    from complaints.kinds import CaseStatus
    from complaints.models import CaseDeadline

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    notice_late = CaseFactory(khieu_nai=True, status=CaseStatus.CONCLUDED)
    CaseDeadline.objects.create(
        case=notice_late, step="decision_notice", due=today - day, counted_in="working_days",
        amount=3, counted_from=today - 5 * day, legal_basis="Điều 32 Luật Khiếu nại",
        rule_version="t",
    )  # fmt: skip
    step_late = CaseFactory(accept_by=today - day)
    ahead = CaseFactory(accept_by=today + 3 * day)
    client.force_login(leader_user())
    overdue = {row["Mã hồ sơ"]: row["Quá hạn"] for row in export(client)}
    assert overdue[notice_late.tracking_code] == "có"
    assert overdue[step_late.tracking_code] == "có"
    assert overdue[ahead.tracking_code] == ""
    listed = {row["Mã hồ sơ"] for row in export(client, "?overdue=1")}
    assert listed == {notice_late.tracking_code, step_late.tracking_code}
