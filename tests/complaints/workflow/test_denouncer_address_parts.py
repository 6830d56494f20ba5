"""A denouncer who writes part of her address in her own words ("nhà ở 14 Lê Lợi", stored as
"14 Lê Lợi, phường Đức Phổ"): the house number and street identify her as the whole address
does (khoản 3 Điều 8, Điều 47 Luật Tố cáo). The director of the hospital denounced reads
"nhà ở [đã ẩn]" on the case page and in the staff API and does not find the case by "14 Lê
Lợi" (the search index holds the redacted text: `search.documents.case_text`); a leader
who may see the identity still reads it; a document to the accused holding it is refused.
A ward alone, a street without its number, "Số 14" alone are nobody's address."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from complaints.services.confidential_text import identity_refusal, redacted
from search.cases import case_search
from tests.complaints.documents.helpers import leader as documents_leader
from tests.complaints.documents.helpers import province, step_taken
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

IDENTITY = "complaints.view_denouncer_identity"
DIRECTOR = ["complaints.view_case", "complaints.act_on_case", "complaints.approve_case"]
LEADER = [*DIRECTOR, "complaints.view_all_cases", IDENTITY]

ADDRESS = "14 Lê Lợi, phường Đức Phổ"
CONTENT = (
    "Tôi là Lê Thị Hoa, nhà ở 14 Lê Lợi, số điện thoại 0914777888. Tố cáo bác sĩ Trần Văn "
    "Hùng nhận tiền của bệnh nhân."
)
SHOWN = (
    "Tôi là [đã ẩn], nhà ở [đã ẩn], số điện thoại [đã ẩn]. Tố cáo bác sĩ Trần Văn Hùng nhận "
    "tiền của bệnh nhân."
)


def _identify(case, **values):
    reporter = case.reporter
    reporter.name, reporter.address = "Lê Thị Hoa", ADDRESS
    reporter.phone, reporter.id_number = "0914777888", "051190007777"
    reporter.email = "lethihoa1985@example.vn"
    for name, value in values.items():
        setattr(reporter, name, value)
    reporter.save()  # the identity saved: the case's search row is written again
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def world():
    department = FacilityFactory(code="SYT")
    hospital = FacilityFactory(code="BV-DTT", parent=department)
    case = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital, title="Tố cáo bác sĩ",
        content=CONTENT, accused_name="Trần Văn Hùng",
    )
    return {
        "case": _identify(case),
        "director": UserFactory(perms=DIRECTOR, facility=hospital, admin_access=True),
        "leader": UserFactory(perms=LEADER, facility=department, admin_access=True),
    }


def page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def api(user, path):
    _token, token = ApiToken.issue(user=user, name="t")
    response = Client(headers={"Authorization": f"Token {token}"}).get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_director_reads_the_house_and_street_redacted(world):
    case, director = world["case"], world["director"]
    html = page(director, f"/admin/ho-so/{case.tracking_code}/")
    assert "nhà ở [đã ẩn]" in html and "14 Lê Lợi" not in html
    assert api(director, f"/api/v1/cases/{case.tracking_code}")["content"] == SHOWN


def test_the_director_does_not_find_the_case_by_the_street_address(world):
    case, director = world["case"], world["director"]
    assert case.tracking_code in page(director, "/admin/ho-so/")  # the case is in his list
    assert case.tracking_code not in page(director, "/admin/ho-so/?q=14 Lê Lợi")
    assert case.tracking_code not in page(director, "/admin/ho-so/?q=14 Le Loi")
    assert not case_search(Case.objects.all(), "14 Lê Lợi").exists()
    # The rest of her words still find it.
    assert case_search(Case.objects.all(), "bác sĩ nhận tiền").filter(pk=case.pk).exists()


def test_the_leader_who_may_see_the_identity_reads_it_and_finds_the_case(world):
    case, boss = world["case"], world["leader"]
    html = page(boss, f"/admin/ho-so/{case.tracking_code}/")
    assert "nhà ở 14 Lê Lợi" in html
    assert api(boss, f"/api/v1/cases/{case.tracking_code}")["content"] == CONTENT
    assert case.tracking_code in page(boss, "/admin/ho-so/?q=Trần Văn Hùng nhận tiền")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Tôi ở số 14 đường Lê Lợi.", "Tôi ở số [đã ẩn]."),
        ("Nha o so 14 duong Le Loi, P. Duc Pho", "Nha o so [đã ẩn], P. Duc Pho"),
        ("Gọi 0914 777 888 hoặc 0914.777.888", "Gọi [đã ẩn] hoặc [đã ẩn]"),
        ("CCCD 051 190 007 777", "CCCD [đã ẩn]"),
        ("Zalo: lethihoa1985", "Zalo: [đã ẩn]"),
    ],
)
def test_parts_of_the_identity_are_redacted(world, text, shown):
    assert redacted(text, case=world["case"]) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Bệnh viện ở phường Đức Phổ.",  # the ward alone
        "Đường Lê Lợi bị ngập.",  # the street without the number
        "Quyết định số 14 ngày 01/12/2026.",  # a number alone
        "Phòng 14, khoa Nội.",
        "Bà Hoa cho biết.",  # a given name alone
    ],
)
def test_ordinary_words_are_kept(world, text):
    assert redacted(text, case=world["case"]) == text
    assert identity_refusal(text, case=world["case"], writer=world["leader"]) is None


def test_a_leading_part_without_a_number_is_not_looked_for_alone():
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=FacilityFactory())
    case = _identify(case, address="Tổ 5, thôn An Hội, xã Phổ Cường, Đức Phổ")
    assert redacted("Ở thôn An Hội có 300 hộ.", case=case) == "Ở thôn An Hội có 300 hộ."
    assert redacted("Tổ 5 họp dân.", case=case) == "Tổ 5 họp dân."
    assert redacted("Nhà ở tổ 5, thôn An Hội.", case=case) == "Nhà ở [đã ẩn]."


def test_staff_text_with_the_street_address_is_refused(world):
    refusal = identity_refusal(
        "Xác minh tại nhà số 14 Lê Lợi.", case=world["case"], writer=world["leader"]
    )
    assert refusal and "địa chỉ" in refusal and "Điều 47 Luật Tố cáo" in refusal


def test_a_document_to_the_accused_holding_the_street_address_is_refused():
    _department, hospital = province()
    boss = documents_leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital)
    case = _identify(step_taken(case, "accept"))
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_bi_to_cao",
                            actor=boss, origin="test")
    assert notice.audience == "accused"
    document_update(document_id=notice.pk, actor=boss, origin="test",
                    body=notice.body + "\nĐề nghị làm việc tại số 14 đường Lê Lợi.")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=notice.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "địa chỉ" in refused.value.message and "Điều 47 Luật Tố cáo" in refused.value.message
    assert not Document.objects.filter(case=case, status=DocumentStatus.ISSUED).exists()
