"""The on-time rate of the periodic report as its reader's language writes numbers on the
page and in the PDF ("66,7%" in Vietnamese, "66.7%" in English: Django's localised number
format), while the CSV keeps the one form programs read ("66.7%") and the XLSX a number in the
spreadsheet's percent format (its reader's spreadsheet writes it the reader's way)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from complaints.kinds import CaseStatus
from complaints.reports.pdf import report_html
from complaints.reports.period import period_report
from tests.complaints.admin.helpers import intake_user
from tests.complaints.documents.helpers import pdf_text
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/ho-so/bao-cao/"
NOVEMBER = {"start": "2026-11-01", "end": "2026-11-30"}
RATE_LABEL = "Tỷ lệ đúng hạn (trong số hồ sơ có thời hạn)"


def at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 11, day, 9))


@pytest.fixture
def two_of_three_on_time():
    unit = FacilityFactory(name="Bệnh viện A")
    for concluded in (5, 6, 25):  # the deadline is the 20th: two on time, one late
        CaseFactory(
            assigned_unit=unit,
            received_at=at(2),
            status=CaseStatus.CONCLUDED,
            resolve_by=datetime.date(2026, 11, 20),
            concluded_at=at(concluded),
        )
    return unit


def test_the_page_and_the_pdf_write_the_rate_the_vietnamese_way(client, two_of_three_on_time):
    client.force_login(intake_user())
    page = client.get(REPORT, NOVEMBER).content.decode()
    assert "66,7%" in page and "66.7%" not in page
    text = pdf_text(client.get(REPORT, {**NOVEMBER, "format": "pdf"}).content)
    assert f"{RATE_LABEL} 66,7%" in text and "66.7%" not in text


def test_an_english_reader_gets_the_english_form(client, two_of_three_on_time):
    user = intake_user()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    page = client.get(REPORT, NOVEMBER).content.decode()
    assert 'lang="en"' in page and "On-time rate" in page
    assert "66.7%" in page and "66,7%" not in page
    report = period_report(
        user=user,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
        today=datetime.date(2026, 12, 3),
    )
    with translation.override("en"):
        html = report_html(report)
    assert "66.7%" in html and "66,7%" not in html
    assert '<html lang="en">' in html  # the PDF's /Lang: an English voice reads it


def test_the_csv_keeps_the_machine_form_in_every_language(client, two_of_three_on_time):
    client.force_login(intake_user())
    for language in ("vi", "en"):
        with translation.override(language):
            rows = list(
                csv.reader(
                    io.StringIO(
                        client.get(REPORT, {**NOVEMBER, "format": "csv"}).content.decode(
                            "utf-8-sig"
                        )
                    )
                )
            )
        assert [RATE_LABEL, "66.7%"] in rows


def test_the_xlsx_holds_the_rate_as_a_number_in_the_percent_format(client, two_of_three_on_time):
    client.force_login(intake_user())
    for language in ("vi", "en"):
        with translation.override(language):
            sheet = load_workbook(
                io.BytesIO(client.get(REPORT, {**NOVEMBER, "format": "xlsx"}).content)
            ).worksheets[0]
        (cell,) = [row[1] for row in sheet.iter_rows() if row[0].value == RATE_LABEL]
        # A number a spreadsheet can count with, shown "66.7%" (or "66,7%" where the
        # reader's spreadsheet writes a decimal comma): 2/3 itself, not rounded to 0.667.
        assert cell.data_type == "n" and cell.value == pytest.approx(2 / 3, abs=1e-12)
        assert cell.number_format == "0.0%"
        # The other figures stay plain numbers.
        (resolved,) = [row[1] for row in sheet.iter_rows() if row[0].value == "Giải quyết đúng hạn"]
        assert (resolved.value, resolved.number_format) == (2, "General")
