"""Every citation the rule tables and the routing defaults hold reads the Vietnamese way once
rendered (`citation_vi`): no "Art", no "(1)" or "(c)" left over, no ", (" of a list the
parser could not read, no short name of a law (review of the case page, item 3)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from complaints.calendar import vietnam_calendar
from complaints.citations import citation_vi
from complaints.deadlines import RULE_VERSIONS, RULES, extension_deadline
from complaints.routing_defaults import DEFAULT_RULES
from complaints.rules.competence import COMPETENCE_ARTICLES, COMPETENCE_RULES
from complaints.rules.dialogue import DIALOGUE_RULES, NOTICE_ARTICLE
from complaints.rules.documents import FORMS
from complaints.rules.notices import NOTICES
from complaints.rules.press_correction import CORRECTION_MEDIA, SINCE_2026, correction_basis
from complaints.rules.press_statement import GROUNDS as STATEMENT_GROUNDS
from complaints.rules.refusal_grounds import REFUSAL_GROUNDS
from complaints.rules.review import REVIEW_ARTICLES
from complaints.rules.signature import SIGNATURE_ARTICLES
from complaints.rules.withdrawal import WITHDRAWAL_RULES
from complaints.transitions import TRANSITIONS

LEFTOVER = re.compile(
    r"\bArts?\b|\(\d+\)|\([a-zđ]\)|,\s*\(|\b(?:Luật (?:TC|KN)|BLDS|BLLĐ)\b"
    r"|(?<![\w/-])(?:NĐ|TT)(?=\s+\d)"
    r"|\b(?:one|two) extensions?\b|\bin all\b|\bcriteria\b"
)


def _citations():
    yield from (("deadline rule", f"{r.kind}/{r.step}", r.legal_basis) for r in RULES)
    yield from (("notice", f"{n.kind}/{n.step}", n.legal_basis) for n in NOTICES)
    yield from (
        ("press correction", f"{m.code} {day}", correction_basis(m, day))
        for m in CORRECTION_MEDIA
        for day in (date(2026, 6, 30), SINCE_2026)
    )
    yield from (("press statement", g.ground, g.legal_basis) for g in STATEMENT_GROUNDS)
    yield from (("rule version", v.code, v.texts) for v in RULE_VERSIONS)
    yield from (("refusal ground", g.code, g.article) for g in REFUSAL_GROUNDS)
    yield ("competence", "articles", COMPETENCE_ARTICLES)
    yield from (("competence", r.code, r.article) for r in COMPETENCE_RULES)
    yield ("dialogue", "notice", NOTICE_ARTICLE)
    yield from (("dialogue", str(i), r.article) for i, r in enumerate(DIALOGUE_RULES))
    yield from (("review", k, v) for k, v in REVIEW_ARTICLES.items())
    yield from (("signature", k, v) for k, v in SIGNATURE_ARTICLES.items())
    for kind, rule in WITHDRAWAL_RULES.items():
        yield ("withdrawal", kind, rule.article)
        yield ("withdrawal", kind, rule.continue_article)
    yield from (("document", f.code if hasattr(f, "code") else str(i), f.legal_basis)
                for i, f in enumerate(FORMS))
    yield from (("routing default", r.name, r.legal_basis) for r in DEFAULT_RULES)
    yield from (("transition", t.action, t.legal_basis) for t in TRANSITIONS)


CITATIONS = [c for c in _citations() if c[2]]


@pytest.mark.parametrize(("table", "row", "text"), CITATIONS,
                         ids=[f"{t}:{r}" for t, r, _ in CITATIONS])
def test_every_table_citation_renders_without_leftovers(table, row, text):
    rendered = citation_vi(str(text))
    assert not LEFTOVER.search(rendered), rendered


@pytest.mark.parametrize(
    ("compact", "vietnamese"),
    [
        ("Luật TC Art 34(1), (4): quyết định tạm đình chỉ",
         "khoản 1 và khoản 4 Điều 34 Luật Tố cáo: quyết định tạm đình chỉ"),
        ("Luật TC Art 33(2), 34(3)(a), (4): quyết định đình chỉ",
         "khoản 2 Điều 33, điểm a khoản 3 và khoản 4 Điều 34 Luật Tố cáo: quyết định đình chỉ"),
        ("Luật TC Art 34(2), 9(1)(c) (thời hạn như Art 34(4); chưa xác nhận)",
         "khoản 2 Điều 34, điểm c khoản 1 Điều 9 Luật Tố cáo (thời hạn như khoản 4 Điều 34; "
         "chưa xác nhận)"),
        ("NĐ 154/2026 Art 4(1)(h), 4(3)", "điểm h khoản 1 và khoản 3 Điều 4 Nghị định 154/2026"),
        ("BLDS Arts 147–148", "Điều 147–148 Bộ luật Dân sự"),
        # A row stored while the table still wrote the note in English.
        ("Luật TC Art 30(2): one extension, 60 in all; complexity criteria NĐ 31/2019 Art 3",
         "khoản 2 Điều 30 Luật Tố cáo: vụ việc phức tạp, gia hạn một lần, tổng cộng không quá "
         "60 ngày; tiêu chí xác định tại Điều 3 Nghị định 31/2019"),
    ],
)  # fmt: skip
def test_lists_of_clauses_read_in_vietnamese(compact, vietnamese):
    assert citation_vi(compact) == vietnamese


def test_an_especially_complex_case_extended_once_cites_the_60_day_clause():
    calendar = vietnam_calendar()
    first = extension_deadline(
        kind="to_cao", accepted=date(2026, 11, 5), extensions_used=0, calendar=calendar,
        complex=True, very_complex=True,
    )
    second = extension_deadline(
        kind="to_cao", accepted=date(2026, 11, 5), extensions_used=1, calendar=calendar,
        complex=True, very_complex=True,
    )
    assert first.legal_basis.startswith("Luật TC Art 30(2)") and "60 ngày" in first.legal_basis
    assert second.legal_basis.startswith("Luật TC Art 30(3)") and "90 ngày" in second.legal_basis
