"""Citations as an English reader reads them (`citation_en`): "Article 29(1)(a) of the Law
on Denunciations", as the interface's English cites them (tools/en.tsv)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from complaints.citations import citation_en, citation_read

VIETNAMESE = re.compile(r"\b(?:Điều|khoản|điểm|đoạn|Luật|Bộ luật|Nghị định|Thông tư)\b|NĐ-CP")


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("khoản 5 Điều 11 Luật Khiếu nại", "Article 11(5) of the Law on Complaints"),
        ("điểm a khoản 1 Điều 29, Điều 23 Luật Tố cáo",
         "Article 29(1)(a) and Article 23 of the Law on Denunciations"),
        ("đoạn cuối khoản 1 Điều 29 Luật Tố cáo",
         "the last paragraph of Article 29(1) of the Law on Denunciations"),
        ("điểm g khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP",
         "Article 4(1)(g) of Decree 154/2026/ND-CP"),
        ("khoản 3, khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP",
         "Article 7(3) and (4) of Decree 244/2026/ND-CP"),
        ("khoản 1 Điều 7, khoản 1 và khoản 2 Điều 33 Luật Khiếu nại",
         "Article 7(1) and Article 33(1) and (2) of the Law on Complaints"),
        ("Điều 31, Điều 40 Luật Khiếu nại", "Article 31 and Article 40 of the Law on Complaints"),
        ("Điều 147, 148 Bộ luật Dân sự 2015",
         "Article 147 and Article 148 of the Civil Code 2015"),
        ("Điều 7a Nghị định 124/2020/NĐ-CP (bổ sung bởi Nghị định 155/2026/NĐ-CP)",
         "Article 7a of Decree 124/2020/ND-CP (as added by Decree 155/2026/ND-CP)"),
        ("khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP",
         "Article 28(4) of Decree 124/2020/ND-CP, as replaced by Article 11 of Decree "
         "155/2026/ND-CP"),
        ("khoản 2–3 Điều 30 Luật Tố cáo", "Article 30(2)–(3) of the Law on Denunciations"),
        ("Luật TC Art 30(2)–(3)", "Article 30(2)–(3) of the Law on Denunciations"),
        ("(Điều 47 Luật Tố cáo).", "(Article 47 of the Law on Denunciations)."),
        ("Điều 28 Luật Tiếp công dân", "Article 28 of the Law on Citizen Reception"),
        ("", ""),
    ],
)
def test_vietnamese_citations_read_in_english(vietnamese, english):
    assert citation_en(vietnamese) == english


def test_the_catalogue_s_english_citations_read_as_citation_en_writes_them():
    """The signature articles, translated in the catalogue, read as `citation_en` writes
    them: one convention for both."""
    from complaints.rules.signature import SIGNATURE_ARTICLES

    with translation.override("en"):
        for article in SIGNATURE_ARTICLES.values():
            assert gettext(article) == citation_en(article)


def test_every_article_a_citizen_reads_from_a_table_has_an_english_citation():
    from complaints.rules.citizen_guidance import NEXT_STEP_ARTICLES, WITHDRAWAL_ARTICLES
    from complaints.rules.refusal_grounds import REFUSAL_GROUNDS
    from complaints.rules.withdrawal import WITHDRAWAL_RULES

    articles = [ground.article for ground in REFUSAL_GROUNDS]
    articles += [rule.continue_article for rule in WITHDRAWAL_RULES.values()
                 if rule.continue_article]
    articles += [*NEXT_STEP_ARTICLES.values(), *WITHDRAWAL_ARTICLES.values()]
    for article in articles:
        english = citation_en(article)
        assert english.startswith(("Article", "the last paragraph")), article
        assert not VIETNAMESE.search(english), (article, english)


def test_the_reader_s_language_decides():
    with translation.override("en"):
        assert citation_read("Luật KN Art 11(5)") == "Article 11(5) of the Law on Complaints"
    with translation.override("vi"):
        assert citation_read("Luật KN Art 11(5)") == "khoản 5 Điều 11 Luật Khiếu nại"


@pytest.mark.django_db
def test_an_english_complainant_reads_the_next_steps_and_withdrawal_citations_in_english(
    client,
):
    from django.utils import timezone

    from complaints.kinds import CaseStatus
    from tests.factories import DEFAULT_PIN, CaseFactory

    concluded = CaseFactory(
        khieu_nai=True, status=CaseStatus.CONCLUDED, concluded_at=timezone.now(),
        public_answer="Giữ nguyên quyết định thu viện phí.",
    )
    handled = CaseFactory(to_cao=True, status=CaseStatus.ACCEPTED)
    for case, article in (
        (concluded, "(Article 7 and Article 33(1) of the Law on Complaints)"),
        (handled, "(Article 33(1), (2) and (3) of the Law on Denunciations)"),
    ):
        client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
        page = client.get(f"/tra-cuu/{case.tracking_code}/?lang=en").content.decode()
        assert article in page, case.kind
        assert "Luật Khiếu nại" not in page and "Luật Tố cáo" not in page


def test_the_info_reply_basis_cites_in_the_reader_s_language():
    from complaints.kinds import CaseKind
    from complaints.services.citizen_reply import info_reply_basis

    with translation.override("en"):
        assert "Article 8 of the Law on Complaints" in info_reply_basis(CaseKind.KHIEU_NAI)
    with translation.override("vi"):
        assert "(Điều 23 Luật Tố cáo về nội dung đơn" in info_reply_basis(CaseKind.TO_CAO)
