"""The periodic report's PDF is an administrative document an inspectorate can sign and send
(Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I), in the case documents' frame: the issuing
body under its superior, Quốc hiệu and Tiêu ngữ, "Số: …/BC-<unit>", place and date, title,
Kính gửi, body, Nơi nhận, the signer's title with the name left for signing; the tables as its
appendix. The unit chosen is named, the whole province as the Department's; a facility
handler's report is issued by their unit."""

from __future__ import annotations

import datetime

import pytest

from complaints.reports.pdf import report_pdf
from complaints.reports.period import period_report
from tests.complaints.admin.helpers import handler_user, intake_user
from tests.complaints.documents.helpers import pdf_text, province
from tests.complaints.reports.test_period_flow import NOVEMBER, TODAY, make_cases

pytestmark = pytest.mark.django_db

REPORT = "/admin/ho-so/bao-cao/"
MADE_ON = datetime.date(2026, 12, 7)


@pytest.fixture
def sector():
    department, hospital = province()
    return department, hospital, make_cases(hospital)


def text_of(user, unit=None) -> str:
    report = period_report(user=user, start=NOVEMBER[0], end=NOVEMBER[1], unit=unit, today=TODAY)
    return pdf_text(report_pdf(report, made_on=MADE_ON))


def test_the_whole_province_is_reported_by_the_department(sector):
    _department, _hospital, cases = sector
    text = text_of(intake_user())
    for words in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "SỞ Y TẾ TỈNH QUẢNG NGÃI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-SYT-QNG",
        "Quảng Ngãi, ngày 07 tháng 12 năm 2026",
        "BÁO CÁO",
        "Tình hình tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo từ ngày "
        "01/11/2026 đến ngày 30/11/2026",
        "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi",
        "Sở Y tế tỉnh Quảng Ngãi (toàn tỉnh)",
        "Nơi nhận:",
        "- Như trên;",
        "GIÁM ĐỐC",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "PHỤ LỤC",
        "(Kèm theo Báo cáo số …/BC-SYT-QNG ngày 07 tháng 12 năm 2026 của Sở Y tế tỉnh Quảng Ngãi)",
        "Tình hình giải quyết theo loại",
        "Hồ sơ quá hạn",
        cases["received_open_overdue"].tracking_code,
    ):
        assert words in text, words
    assert "Toàn bộ phạm vi" not in text


def test_a_unit_chosen_issues_and_names_it(sector):
    department, hospital, _cases = sector
    text = text_of(intake_user(), unit=hospital)
    assert "SỞ Y TẾ TỈNH QUẢNG NGÃI BỆNH VIỆN ĐA KHOA KHU VỰC ĐỨC PHỔ" in text
    assert "Số: …/BC-BVDK-DUC-PHO" in text
    assert "Đức Phổ, ngày 07 tháng 12 năm 2026" in text
    assert f"Kính gửi: {department.name}" in text
    assert "phạm vi: Bệnh viện đa khoa khu vực Đức Phổ" in text
    assert "(toàn tỉnh)" not in text


def test_a_handlers_report_is_their_units(sector):
    _department, hospital, _cases = sector
    text = text_of(handler_user(hospital))
    assert "Số: …/BC-BVDK-DUC-PHO" in text
    assert "phạm vi: Bệnh viện đa khoa khu vực Đức Phổ" in text


def test_the_files_name_the_scope(client, sector):
    import csv
    import io

    client.force_login(intake_user())
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(REPORT, {"start": "2026-11-01", "end": "2026-11-30", "format": "csv"})
                .content.decode("utf-8-sig")
            )
        )
    )
    assert ["Đơn vị", "Sở Y tế tỉnh Quảng Ngãi (toàn tỉnh)"] in rows
