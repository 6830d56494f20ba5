"""The dashboard and the periodic report in the admin: figures that link to the list showing the
same cases, the report as a page, a CSV and an XLSX, scope and permissions."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/ho-so/bang-dieu-hanh/"
REPORT = "/admin/ho-so/bao-cao/"
INDEX = "/admin/ho-so/"


def today() -> datetime.date:
    return timezone.localdate()


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def cases():
    a, b = FacilityFactory(name="Bệnh viện A"), FacilityFactory(name="Trung tâm B")
    food = CategoryFactory(name="An toàn thực phẩm")
    t = today()
    CaseFactory(assigned_unit=a, category=food, accept_by=t - datetime.timedelta(days=2))
    CaseFactory(assigned_unit=a, accept_by=t)
    CaseFactory(
        assigned_unit=b,
        kind=CaseKind.KHIEU_NAI,
        status=CaseStatus.ACCEPTED,
        resolve_by=t - datetime.timedelta(days=1),
    )
    CaseFactory(
        assigned_unit=b,
        status=CaseStatus.CONCLUDED,
        resolve_by=t - datetime.timedelta(days=20),
        concluded_at=at(t - datetime.timedelta(days=15)),
        rating=4,
        rated_at=at(t - datetime.timedelta(days=10)),
    )
    CaseFactory(status=CaseStatus.FORWARDED, received_at=at(t - datetime.timedelta(days=3)))
    return a, b, food


def test_every_dashboard_figure_links_to_a_list_of_as_many_cases(client, cases):
    client.force_login(intake_user())
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    figures = response.context["figures"]
    links = [(week.count, week.query) for week in figures.weeks]
    for rows in (figures.by_unit, figures.by_kind, figures.by_category):
        for row in rows:
            links += [
                (row.open, row.open_query),
                (row.overdue, row.overdue_query),
                (row.due_soon, row.due_soon_query),
            ]
    for row in figures.on_time_by_unit:
        links += [(row.resolved, row.query), (row.late, row.late_query)]
    links.append((figures.ratings_count, figures.ratings_query))
    assert sum(count for count, _query in links) > 10
    for count, query in links:
        listed = client.get(INDEX + query)
        assert listed.status_code == 200
        assert listed.context["total"] == count, query


def test_the_dashboard_is_a_table_first_with_charts_served_by_the_portal(client, cases):
    client.force_login(intake_user())
    html = client.get(DASHBOARD).content.decode()
    assert "Hồ sơ tiếp nhận theo tuần" in html
    assert "Tỷ lệ giải quyết đúng hạn theo đơn vị" in html
    assert "<caption" in html and 'scope="row"' in html  # readable without JavaScript
    assert "/static/complaints/vendor/chartjs/chart.umd.min.js" in html
    assert "//cdn" not in html and "https://" not in html.split("<main", 1)[-1]
    assert "4,00/5 điểm, 1 lượt đánh giá" in html or "4.00/5 điểm, 1 lượt đánh giá" in html


def test_a_unit_whose_cases_had_no_deadline_is_not_shown_late(client, cases):
    """The demo's press office showed "Trễ hạn 1, 0,0%" for a press case concluded without
    a deadline to keep: it is counted apart, and its late figure opens an empty list."""
    office = FacilityFactory(name="Văn phòng Sở")
    CaseFactory(
        assigned_unit=office,
        status=CaseStatus.CONCLUDED,
        resolve_by=None,
        concluded_at=at(today() - datetime.timedelta(days=1)),
    )
    client.force_login(intake_user())
    response = client.get(DASHBOARD)
    [row] = [
        row for row in response.context["figures"].on_time_by_unit if row.label == "Văn phòng Sở"
    ]
    assert (row.resolved, row.late, row.without_deadline) == (1, 0, 1)
    assert client.get(INDEX + row.late_query).context["total"] == 0
    html = response.content.decode()
    assert '<th scope="col">Không có thời hạn</th>' in html
    assert "1 hồ sơ không có thời hạn giải quyết (như hồ sơ báo chí)" in html
    office_row = html.split('<th scope="row">Văn phòng Sở</th>', 1)[1].split("</tr>", 1)[0]
    assert "<td>—</td>" in office_row and "data-value" not in office_row


def test_the_chart_library_is_served(client):
    response = client.get("/static/complaints/vendor/chartjs/chart.umd.min.js")
    assert response.status_code == 200
    assert b"Chart.js v4" in b"".join(response.streaming_content)[:200]


def test_the_admin_home_points_to_the_units_with_most_overdue_cases(client, cases):
    client.force_login(intake_user())
    html = client.get("/admin/").content.decode()
    assert "Đơn vị có nhiều hồ sơ quá hạn nhất" in html and "Bệnh viện A" in html
    assert DASHBOARD in html and REPORT in html


def test_staff_without_the_case_permission_see_neither(client):
    CaseFactory()
    client.force_login(UserFactory(admin_access=True))
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    for url in (DASHBOARD, REPORT, REPORT + "?format=csv"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert DASHBOARD not in client.get("/admin/").content.decode()


def test_a_handler_sees_only_their_units(client, cases):
    a, b, _food = cases
    client.force_login(handler_user(a))
    figures = client.get(DASHBOARD).context["figures"]
    assert {row.label for row in figures.by_unit} == {"Bệnh viện A"}
    # The report offers only their units, and refuses another.
    response = client.get(REPORT, {"start": "2026-01-01", "end": "2026-12-31", "unit": b.code})
    assert response.status_code == 400
    assert b.code not in [unit.code for unit in response.context["form"].fields["unit"].queryset]


def test_the_report_defaults_to_last_month_and_explains_wrong_dates(client, cases):
    client.force_login(intake_user())
    response = client.get(REPORT)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.end == today().replace(day=1) - datetime.timedelta(days=1)
    assert report.start == report.end.replace(day=1)
    wrong = client.get(REPORT, {"start": "2026-12-31", "end": "2026-01-01"})
    assert wrong.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in wrong.content.decode()
    junk = client.get(REPORT, {"start": "hôm qua", "end": "2026-01-01", "format": "csv"})
    assert junk.status_code == 400 and junk["Content-Type"].startswith("text/html")


def period(days: int = 60) -> dict:
    return {
        "start": (today() - datetime.timedelta(days=days)).isoformat(),
        "end": today().isoformat(),
    }


def test_the_report_as_csv(client, cases):
    client.force_login(intake_user())
    response = client.get(REPORT, {**period(), "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bao-cao-' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Số hồ sơ tiếp nhận", "5"] in rows
    assert ["Khiếu nại", "1"] in rows
    assert ["Chuyển đơn", "1"] in rows
    overdue_at = rows.index(["Hồ sơ quá hạn"])
    assert rows[overdue_at + 1][0] == "Mã hồ sơ"
    listed = [row for row in rows[overdue_at + 2 :] if row]
    # 1 open overdue, 1 late: the period ends today, so the case due today is not late yet.
    assert len(listed) == 2
    assert today().strftime("%d/%m/%Y") not in [row[5] for row in listed]
    assert ["Số liệu tính đến", f"ngày {today():%d/%m/%Y} (kỳ báo cáo chưa kết thúc)"] in rows


def test_the_report_as_xlsx(client, cases):
    client.force_login(intake_user())
    response = client.get(REPORT, {**period(), "format": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Tình hình giải quyết theo loại",
        "Theo loại",
        "Theo kênh tiếp nhận",
        "Theo lĩnh vực",
        "Theo kết quả",
        "Hồ sơ quá hạn",
    ]
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Số hồ sơ tiếp nhận"] == 5
    assert summary["Giải quyết đúng hạn"] == 0 and summary["Giải quyết trễ hạn"] == 1
    kinds = {row[0]: row[1] for row in workbook["Theo loại"].iter_rows(min_row=2, values_only=True)}
    assert kinds["Khiếu nại"] == 1 and kinds["Tố cáo"] == 0


def test_pages_run_a_bounded_number_of_queries(client, cases, django_assert_max_num_queries):
    client.force_login(intake_user())
    client.get(DASHBOARD)
    with django_assert_max_num_queries(25):
        client.get(DASHBOARD)
    with django_assert_max_num_queries(25):
        client.get(REPORT, period())
    for _n in range(30):
        CaseFactory(assigned_unit=FacilityFactory(), category=CategoryFactory(), accept_by=today())
    with django_assert_max_num_queries(25):
        client.get(DASHBOARD)
    with django_assert_max_num_queries(25):
        client.get(REPORT, period())


def test_the_dashboard_says_why_overdue_may_exceed_open(client):
    """A concluded case whose decision notice is unsent is overdue but no longer open: its
    row reads "Quá hạn 1" beside "Đang xử lý 0", and the page says why (Điều 32, Điều 41
    Luật Khiếu nại; khoản 3 Điều 35 Luật Tố cáo)."""
    from complaints.models import CaseDeadline

    unit = FacilityFactory(name="Bệnh viện C")
    case = CaseFactory(
        assigned_unit=unit,
        kind=CaseKind.TO_CAO,
        status=CaseStatus.CONCLUDED,
        accepted=True,
        resolve_by=today() - datetime.timedelta(days=20),
        concluded_at=at(today() - datetime.timedelta(days=12)),
    )
    CaseDeadline.objects.create(
        case=case, step="decision_notice", due=today() - datetime.timedelta(days=2),
        counted_in="working_days", amount=5, counted_from=today() - datetime.timedelta(days=12),
        legal_basis="Luật TC Art 35(3)", rule_version="2026-07-01",
    )  # fmt: skip
    client.force_login(intake_user())
    response = client.get(DASHBOARD)
    row = next(row for row in response.context["figures"].by_unit if row.label == "Bệnh viện C")
    assert (row.open, row.overdue) == (0, 1)
    html = response.content.decode()
    assert (
        "“Quá hạn” tính cả hồ sơ đã có kết luận, quyết định giải quyết nhưng chưa gửi quyết "
        "định, thông báo kết quả cho các bên trong thời hạn luật định" in html
    )
    assert "số quá hạn của một dòng có thể lớn hơn số đang xử lý" in html
