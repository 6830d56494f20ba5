"""The step forms cite the articles of the case's kind only: the "Thụ lý" / "Không thụ lý"
form of a khiếu nại names no Luật Tố cáo, a tố cáo's no Luật Khiếu nại (transitions'
`basis_by_kind`); the staff API's allowed actions say the same."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.transitions import TRANSITIONS, transition_for
from tests.complaints.admin.helpers import leader_user

from .helpers import case_in

pytestmark = pytest.mark.django_db
OTHER_LAWS = {
    CaseKind.KHIEU_NAI: ("Luật Tố cáo", "Luật Tiếp công dân", "237/2026"),
    CaseKind.TO_CAO: ("Luật Khiếu nại", "Luật Tiếp công dân", "237/2026"),
    CaseKind.PHAN_ANH: ("Luật Khiếu nại", "Luật Tố cáo", "237/2026"),
}


@pytest.mark.parametrize("kind", sorted(OTHER_LAWS))
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_the_form_cites_only_the_kinds_law(kind, action):
    case = case_in(kind, CaseStatus.RECEIVED)
    form = TransitionForm(transition=transition_for(case=case, action=action), case=case)
    assert form.legal_basis
    assert not any(law in form.legal_basis for law in OTHER_LAWS[kind]), form.legal_basis


def test_the_case_page_shows_the_kinds_articles(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    client.force_login(leader_user(facility=case.assigned_unit))  # its competent unit's
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    assert "Điều 27 Luật Khiếu nại" in html and "Điều 11 Luật Khiếu nại" in html
    assert "Điều 29 Luật Tố cáo" not in html


def test_every_kinds_basis_is_one_the_row_lists():
    for t in TRANSITIONS:
        for kind, basis in (t.basis_by_kind or {}).items():
            assert kind in (t.kinds or CaseKind.values)
            assert basis.split(" (")[0].split(", khoản")[0] in t.legal_basis, (t.action, kind)


# (action, kind) rows that cite another kind's law on purpose.
CITED_ON_PURPOSE = {
    # A denunciation's extension says why a complaint has none (Điều 28, 37 Luật Khiếu nại).
    ("extend", CaseKind.TO_CAO),
    # Information with a denunciation's content from an unknown author (Điều 25 Luật Tố cáo).
    ("mark_tip", CaseKind.PHAN_ANH),
    # The reception of every petition, a complaint's and a denunciation's included, is the
    # Luật Tiếp công dân's: a petition of several matters is split (khoản 3 Điều 25).
    ("split", CaseKind.KHIEU_NAI),
    ("split", CaseKind.TO_CAO),
}


@pytest.mark.parametrize("kind", [*sorted(OTHER_LAWS), CaseKind.KIEN_NGHI, CaseKind.BAO_CHI])
def test_no_step_cites_another_kinds_law(kind):
    other_laws = OTHER_LAWS.get(kind, ("Luật Khiếu nại", "Luật Tố cáo"))
    if kind == CaseKind.KIEN_NGHI:
        other_laws = OTHER_LAWS[CaseKind.PHAN_ANH]
    wrong = [
        (t.action, t.basis_for(kind))
        for t in TRANSITIONS
        if (t.kinds is None or kind in t.kinds)
        and (t.action, kind) not in CITED_ON_PURPOSE
        and any(law in t.basis_for(kind) for law in other_laws)
    ]
    assert wrong == []


def test_the_signature_step_cites_each_kinds_article():
    step = next(t for t in TRANSITIONS if t.action == "confirm_signature")
    assert step.basis_for(CaseKind.KHIEU_NAI) == "khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại"
    assert step.basis_for(CaseKind.TO_CAO) == "Điều 23, điểm a khoản 1 Điều 29 Luật Tố cáo"
