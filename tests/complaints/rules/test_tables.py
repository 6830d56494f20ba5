"""The procedure's tables (complaints.rules), row by row: every row cites its article the way
the interface shows it ("Điều 11 Luật Khiếu nại", never "Art 11"), and every refusal ground
works through the one service: stored, told to the citizen with its text and article, and
refused for a kind or an action it does not belong to."""

from __future__ import annotations

import re

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.rules.competence import COMPETENCE_RULES, STATUTORY_COMPETENCE_KINDS
from complaints.rules.dialogue import DIALOGUE_RULES, NOTICE_ARTICLE, NOTICE_DAYS
from complaints.rules.refusal_grounds import GROUNDS, REFUSAL_GROUNDS, grounds_for
from complaints.rules.review import REVIEW_ARTICLES
from complaints.rules.signature import SIGNATURE_ARTICLES
from complaints.rules.withdrawal import WITHDRAWAL_RULES
from complaints.services.workflow import TransitionInvalid, case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

ARTICLE = re.compile(r"Điều \d+")


def _cites(text: str) -> bool:
    return bool(ARTICLE.search(text)) and " Art " not in f" {text} "


ARTICLES = [
    *((f"ground {g.code}", g.article) for g in REFUSAL_GROUNDS),
    *((f"competence {r.code}", r.article) for r in COMPETENCE_RULES),
    *((f"dialogue {r.code}", r.article) for r in DIALOGUE_RULES),
    ("dialogue notice", NOTICE_ARTICLE),
    *((f"signature {kind}", article) for kind, article in SIGNATURE_ARTICLES.items()),
    *((f"review {kind}", article) for kind, article in REVIEW_ARTICLES.items()),
    *(
        (f"withdrawal {kind}", rule.article)
        for kind, rule in WITHDRAWAL_RULES.items()
        if kind in STATUTORY_COMPETENCE_KINDS
    ),
    *(
        (f"withdrawal goes on {kind}", rule.continue_article)
        for kind, rule in WITHDRAWAL_RULES.items()
        if rule.scopes_going_on
    ),
]


@pytest.mark.parametrize(("row", "article"), ARTICLES, ids=[row for row, _a in ARTICLES])
def test_every_row_cites_its_article_in_vietnamese(row, article):
    assert _cites(article), (row, article)


def test_the_grounds_cover_every_case_of_the_laws():
    codes = set(GROUNDS)
    # Luật Khiếu nại Điều 11: nine cases.
    assert {g.article for g in grounds_for(kind="khieu_nai", action="reject")} == {
        f"khoản {n} Điều 11 Luật Khiếu nại" for n in range(1, 10)
    }
    # Luật Tố cáo Điều 29(1)(a), (b), (d) (not competent: forwarded, not refused) and 24(3).
    assert {"tc_form", "tc_no_capacity", "tc_no_violator", "tc_sent_to_competent"} <= codes
    assert [g.code for g in grounds_for(kind="to_cao", action="file")] == ["tc_sent_to_competent"]
    # Petitions: NĐ 154/2026 applied by analogy, shown as unconfirmed.
    assert all(g.unconfirmed for g in grounds_for(kind="phan_anh", action="reject"))
    assert not any(g.unconfirmed for g in REFUSAL_GROUNDS if g.kinds & {"khieu_nai", "to_cao"})
    assert NOTICE_DAYS == 5


GROUND_CASES = [
    (ground.code, kind, action)
    for ground in REFUSAL_GROUNDS
    for kind in sorted(ground.kinds)
    for action in sorted(ground.actions)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "kind", "action"), GROUND_CASES)
def test_each_ground_refuses_through_the_service_and_tells_the_citizen(code, kind, action):
    ground = GROUNDS[code]
    leader = UserFactory(superuser=True)
    case = case_in(kind, CaseStatus.RECEIVED)
    data = {"legal_ground": code, "reason": "Chi tiết thêm của cán bộ"}
    if action == "file":
        data["reason"] = "ineligible"
    event = case_transition(
        case_id=case.pk, action=action, actor=leader, data=data, origin="test"
    )
    case.refresh_from_db()
    assert case.status == (CaseStatus.REJECTED if action == "reject" else CaseStatus.FILED)
    assert case.refusal_ground == code and case.rejection_legal_ground == ground.article
    assert event.is_public
    assert str(ground.text) in event.public_message and ground.article in event.public_message
    assert event.data["legal_ground"] == code


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["reject", "file"])
@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KHIEU_NAI, CaseKind.TO_CAO])
def test_a_ground_of_another_law_or_free_text_is_refused_and_nothing_saved(kind, action):
    leader = UserFactory(superuser=True)
    case = case_in(kind, CaseStatus.RECEIVED)
    foreign = next(g for g in REFUSAL_GROUNDS if kind not in g.kinds)
    for bad in (foreign.code, "Luật KN Art 11(4)"):
        data = {"legal_ground": bad, "reason": "ineligible" if action == "file" else "x"}
        with pytest.raises(TransitionInvalid) as invalid:
            case_transition(case_id=case.pk, action=action, actor=leader, data=data, origin="t")
        assert "legal_ground" in invalid.value.errors
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and not CaseEvent.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_filing_an_ineligible_petition_needs_a_ground_a_duplicate_does_not():
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with pytest.raises(TransitionInvalid) as invalid:
        case_transition(
            case_id=case.pk, action="file", actor=leader, data={"reason": "ineligible"},
            origin="test",
        )
    assert "Điều" not in " ".join(invalid.value.errors) and "legal_ground" in invalid.value.errors
    case_transition(
        case_id=case.pk, action="file", actor=leader, data={"reason": "duplicate"}, origin="test"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.FILED and case.refusal_ground == ""


def test_the_workflow_table_cites_articles_the_vietnamese_way():
    from complaints.transitions import TRANSITIONS

    for t in TRANSITIONS:
        assert " Art " not in f" {t.legal_basis} ", (t.action, t.legal_basis)
