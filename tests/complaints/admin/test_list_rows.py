"""The rows of the workspace list (complaints.admin.rows): labels, links, dates and the
deadline pill worked out in Python, as the template used to draw them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from complaints.admin.due_order import list_cases
from complaints.admin.rows import RowLabels, list_rows, related_lines
from complaints.admin.views import filtered_cases
from complaints.kinds import CaseKind, CaseStatus, Channel
from tests.factories import CaseFactory, FacilityFactory

from .helpers import intake_user

pytestmark = pytest.mark.django_db

ICT = datetime.timezone(datetime.timedelta(hours=7))


def _rows(today, **case):
    made = CaseFactory(**case)
    queryset = list_cases(
        filtered_cases(type("R", (), {"user": intake_user(), "GET": {}})())[1], order=None
    )
    return list_rows(
        [c for c in queryset if c.pk == made.pk], today=today, new_ids={made.pk},
        handler_name=lambda user: "Cán bộ",
    )[0]  # fmt: skip


def test_a_row_carries_what_the_list_shows():
    today = datetime.date(2026, 11, 27)
    row = _rows(
        today,
        kind=CaseKind.KHIEU_NAI, second_time=True, status=CaseStatus.RECEIVED,
        channel=Channel.HOTLINE, facility=FacilityFactory(name="Bệnh viện A"),
        received_at=datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC),
        accept_by=today - datetime.timedelta(days=2),
    )  # fmt: skip
    assert row["url"] == f"/admin/ho-so/{row['case'].tracking_code}/"
    assert row["kind"] == "Khiếu nại (lần 2)"
    assert row["status"] == "Đã tiếp nhận"
    assert row["channel"] == "Đường dây nóng"
    assert row["facility"] == "Bệnh viện A"
    assert row["unit"] == "chưa phân công" and row["handler"] == ""
    # Received 23:30 UTC is the next morning in Việt Nam.
    assert row["received_day"] == "21/11/2026"
    assert row["received_iso"].startswith("2026-11-21T06:30:00")
    assert row["is_new"] is True
    assert (row["due"].day, row["due"].tone, row["due"].text) == (
        "25/11/2026", "overdue", "Quá hạn 2 ngày"
    )


@pytest.mark.parametrize(
    ("today", "days", "tone", "text"),
    [
        (datetime.date(2026, 12, 7), 0, "soon", "Hết hạn hôm nay"),
        # Monday → Thursday: three working days, due soon by the calendar's three days.
        (datetime.date(2026, 12, 7), 3, "soon", "Còn 3 ngày làm việc"),
        # Monday → Wednesday of the next week: seven working days, not "9 ngày" (the
        # acceptance of a complaint is counted in working days, khoản 1 Điều 16 Nghị định
        # 124/2020/NĐ-CP).
        (datetime.date(2026, 12, 7), 9, "ok", "Còn 7 ngày làm việc"),
        # Friday → Monday: one working day.
        (datetime.date(2026, 12, 11), 3, "soon", "Còn 1 ngày làm việc"),
        # Friday → Saturday (a calendar deadline not yet moved): no working day before it.
        (datetime.date(2026, 12, 11), 1, "soon", "Còn 1 ngày"),
    ],
)
def test_the_deadline_pill_counts_working_days(today, days, tone, text):
    row = _rows(today, accept_by=today + datetime.timedelta(days=days))
    assert (row["due"].tone, row["due"].text) == (tone, text)


def test_labels_follow_the_users_language():
    today = datetime.date(2026, 12, 7)
    with translation.override("en"):
        row = _rows(today, accept_by=today + datetime.timedelta(days=2))
    assert row["status"] == "Received"
    assert row["due"].text == "2 working days left"


def test_a_related_case_line_carries_what_the_case_page_shows():
    other = CaseFactory(
        kind=CaseKind.TO_CAO, status=CaseStatus.ACCEPTED, title="Thái độ <phục vụ>",
        received_at=datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC),
    )  # fmt: skip
    (line,) = related_lines([other], labels=RowLabels())
    assert line == {
        "url": f"/admin/ho-so/{other.tracking_code}/",
        "code": other.tracking_code,
        "title": "Thái độ <phục vụ>",  # escaped by the template, not here
        "kind": "Tố cáo",
        "status": "Đã thụ lý",
        "received_day": "21/11/2026",  # the day in Việt Nam
    }


def test_the_case_page_prints_its_related_cases_from_their_lines(client):
    user = intake_user()
    facility = FacilityFactory()
    case = CaseFactory(facility=facility, status=CaseStatus.ACCEPTED)
    other = CaseFactory(facility=facility, status=CaseStatus.RECEIVED, title="Cùng <cơ sở>")
    client.force_login(user)
    response = client.get(f"/admin/ho-so/{case.tracking_code}/")
    assert [line["code"] for line in response.context["related_lines"]["same_facility"]] == [
        other.tracking_code
    ]
    html = response.content.decode()
    assert (
        f'<a class="cw-code" href="/admin/ho-so/{other.tracking_code}/">{other.tracking_code}</a>'
        " — Cùng &lt;cơ sở&gt; <span class=\"cw-muted\">(Phản ánh, Đã tiếp nhận, "
    ) in html
