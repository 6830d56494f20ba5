"""On an English page the Vietnamese left in it is marked lang="vi", so a screen reader
reads it with a Vietnamese voice (WCAG 3.1.2): the facility's name, and the filing form's
facilities, their areas and the fields (Vietnamese proper names). The placeholders, the
translated group ("Other") and the deadlines' legal basis (cited the English way) stay in
the page's language."""

from __future__ import annotations

import re

import pytest

from complaints.models import Case
from tests.factories import CategoryFactory, FacilityFactory

from .test_public_views import SUBMIT, form_data

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_receipts_and_the_tracking_pages_citations_read_in_english(client, hospital):
    _english(client)
    response = client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    receipt = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in receipt
    citations = re.findall(r"Legal basis: ([^<]+)</span>", receipt)
    assert citations and all("Article" in c for c in citations), citations
    assert not any("Điều" in c or "Thông tư" in c for c in citations), citations
    assert 'Legal basis: <span lang="vi">' not in receipt  # English: not marked Vietnamese
    assert f'<dd lang="vi">{hospital.name}</dd>' in receipt
    page = client.get(case.get_absolute_url()).content.decode()
    assert re.findall(r"Legal basis: ([^<]+)</span>", page) == citations


def test_the_filing_forms_facilities_and_fields_are_marked(client, hospital):
    FacilityFactory(code="TYT-KHAC", name="Trạm y tế không rõ địa bàn", area="")
    CategoryFactory(code="bhyt", name="Bảo hiểm y tế và viện phí")
    html = _english(client).get(SUBMIT).content.decode()
    facility = html[html.index('<select name="facility"'):]
    facility = facility[:facility.index("</select>")]
    assert '<optgroup label="Đức Phổ" lang="vi">' in facility
    assert '<optgroup label="Other">' in facility  # translated: English
    assert f'<option value="{hospital.code}" lang="vi">{hospital.name}</option>' in facility
    assert '<option value="TYT-KHAC" lang="vi">' in facility
    assert re.search(r'<option value="" selected>[^<]*choose', facility, re.I), facility[:300]
    category = html[html.index('<select name="category"'):]
    category = category[:category.index("</select>")]
    assert '<option value="bhyt" lang="vi">Bảo hiểm y tế và viện phí</option>' in category
    assert 'value="" lang=' not in category


def test_a_field_named_in_english_reads_in_english_unmarked(client, hospital):
    CategoryFactory(code="bhyt", name="Bảo hiểm y tế và viện phí",
                    name_en="Health insurance and hospital fees")
    CategoryFactory(code="khac", name="Khác")  # no English name: Vietnamese, marked
    html = _english(client).get(SUBMIT).content.decode()
    category = html[html.index('<select name="category"'):]
    category = category[:category.index("</select>")]
    assert '<option value="bhyt">Health insurance and hospital fees</option>' in category
    assert '<option value="khac" lang="vi">Khác</option>' in category
    assert "Bảo hiểm y tế" not in category

    client.cookies["django_language"] = "vi"
    html = client.get(SUBMIT).content.decode()
    assert '<option value="bhyt" lang="vi">Bảo hiểm y tế và viện phí</option>' in html
