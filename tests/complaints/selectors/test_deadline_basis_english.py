"""A deadline's legal basis reads in the reader's language: on an English tracking page (and
receipt) and in the staff API asked in English, "Article 30(1) of the Law on Denunciations"
with the deadline table's notes in English; the Vietnamese page and answer as before."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client

from complaints import deadlines
from complaints.citations import citation_en
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken
from complaints.rules import press_correction, press_statement
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN, UserFactory

pytestmark = pytest.mark.django_db

VIETNAMESE_CITATION = re.compile(r"Điều|khoản|Luật")
# Any Vietnamese letter (the en dash of a range of clauses is English typography).
VIETNAMESE_LETTER = re.compile(r"[^\x00-\x7f–]")


def _page(case, *, lang: str = "") -> str:
    client = Client()
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 302
    suffix = f"?lang={lang}" if lang else ""
    return client.get(f"/tra-cuu/{case.tracking_code}/{suffix}").content.decode()


def _bases(html: str, label: str) -> list[str]:
    deadlines_list = html[html.index('<ul class="deadlines">'):]
    deadlines_list = deadlines_list[: deadlines_list.index("</ul>")]
    return re.findall(rf"{label}: ([^<]+)</span>", deadlines_list)


def _received(kind):
    """A case received with its deadlines stored, as intake stores them."""
    from complaints.services.deadlines import case_deadlines_refresh

    case = case_in(kind, CaseStatus.RECEIVED)
    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    return case


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


@pytest.mark.parametrize(
    ("kind", "accepted", "english"),
    [
        (CaseKind.TO_CAO, False, "Article 24(1) of the Law on Denunciations"),
        (CaseKind.TO_CAO, True, "Article 30(1) of the Law on Denunciations"),
        (CaseKind.KHIEU_NAI, True, "Article 28 of the Law on Complaints (first-time complaint)"),
        (CaseKind.PHAN_ANH, False, "Article 28(1) of the Law on Citizen Reception"),
    ],
)
def test_the_english_tracking_page_cites_the_deadlines_basis_in_english(
    leader, kind, accepted, english
):
    case = _received(kind)
    if accepted:
        act(case, "accept", leader)
    bases = _bases(_page(case, lang="en"), "Legal basis")
    assert bases, "the case shows its deadlines"
    assert any(english in basis for basis in bases), bases
    for basis in bases:
        assert not VIETNAMESE_CITATION.search(basis), basis
        assert not VIETNAMESE_LETTER.search(basis), basis

    vietnamese = _bases(_page(case), "Căn cứ")
    assert len(vietnamese) == len(bases)
    assert all(VIETNAMESE_CITATION.search(basis) for basis in vietnamese), vietnamese
    assert not any("Article" in basis for basis in vietnamese), vietnamese


def test_the_staff_api_gives_the_basis_in_the_clients_language(leader):
    case = _received(CaseKind.TO_CAO)
    act(case, "accept", leader)
    _token, key = ApiToken.issue(user=leader, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}"

    def resolve_basis(**headers) -> str:
        body = client.get(url, **headers).json()
        return next(d["legal_basis"] for d in body["deadlines"] if d["step"] == "resolve")

    assert resolve_basis(HTTP_ACCEPT_LANGUAGE="en") == "Article 30(1) of the Law on Denunciations"
    assert resolve_basis() == "khoản 1 Điều 30 Luật Tố cáo"


def _every_basis():
    """Every legal basis the deadline tables store in a CaseDeadline row."""
    for rule in deadlines.RULES:
        yield rule.legal_basis
        if (rule.kind, rule.step) == ("khieu_nai", "resolve"):  # resumed after a suspension
            yield f"{rule.legal_basis}; NĐ 124/2020 Art 28b(2) (NĐ 155/2026)"
    yield from (
        press_correction.correction_basis(medium, day)
        for medium in press_correction.CORRECTION_MEDIA
        for day in (datetime.date(2026, 6, 30), press_correction.SINCE_2026)
    )
    yield from (ground.legal_basis for ground in press_statement.GROUNDS)


def test_every_basis_of_the_deadline_tables_reads_in_english():
    for basis in set(_every_basis()):
        english = citation_en(basis)
        assert not VIETNAMESE_LETTER.search(english), (basis, english)
        assert "Article" in english or "Circular" in english, (basis, english)


def test_the_api_answer_in_english_is_json_with_no_vietnamese_basis(leader):
    case = _received(CaseKind.KHIEU_NAI)
    act(case, "accept", leader)
    _token, key = ApiToken.issue(user=leader, name="test")
    body = Client(headers={"Authorization": f"Token {key}"}).get(
        f"/api/v1/cases/{case.tracking_code}", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    text = json.dumps([d["legal_basis"] for d in body["deadlines"]], ensure_ascii=False)
    assert body["deadlines"] and not VIETNAMESE_CITATION.search(text), text


@pytest.mark.parametrize("lang", ["", "en"])
def test_the_citizen_is_not_shown_the_staffs_note_on_a_figure(lang):
    """"(10 ngày xử lý đơn; chưa xác nhận là ngày làm việc)" is the staff's note on a figure
    they configure: a citizen read it as "we do not know your deadline" (walk-english F11).
    The deadline tables (the staff's) keep it."""
    html = _page(_received(CaseKind.PHAN_ANH), lang=lang)
    for note in ("chưa xác nhận là ngày làm việc", "not confirmed as working days"):
        assert note not in html
    assert ("10 days to process the petition" if lang else "10 ngày xử lý đơn") in html
    assert any("chưa xác nhận là ngày làm việc" in r.legal_basis for r in deadlines.RULES)
