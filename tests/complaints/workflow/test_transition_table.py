"""The transition table, edge by edge: every allowed edge works through the one
service, every other (action, state, kind) is refused with a message (409)."""

from __future__ import annotations

import pytest

from complaints.kinds import PUBLIC_STATUSES, CaseKind, CaseStatus, public_status
from complaints.models import CaseEvent
from complaints.services.workflow import TransitionNotAllowed, UnknownAction, case_transition
from complaints.transitions import ACTIONS, TRANSITIONS, transition_for, transitions_for
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in, valid_data

CONTRACT_ACTIONS = {
    "accept", "reject", "forward", "request_info", "assign", "start_verification", "extend",
    "suspend", "resume", "conclude", "close", "file", "split",
}  # fmt: skip


def test_the_table_covers_every_action_of_the_contract():
    assert CONTRACT_ACTIONS <= set(ACTIONS)


def test_every_edge_cites_its_legal_basis_and_reason():
    for t in TRANSITIONS:
        assert t.legal_basis.strip() and t.reason.strip(), t.action
        assert str(t.label).strip()
        assert t.permission in {
            "complaints.act_on_case", "complaints.approve_case", "complaints.record_withdrawal",
            "complaints.hold_personal_data",  # retention: a legal hold (Điều 16 Luật BVDLCN)
        }


def test_staff_only_states_are_never_shown_as_such():
    # The citizen sees verifying as "accepted" and filed as "closed"; a suspension as it
    # is, its clock paused (khoản 1 Điều 28b Nghị định 124/2020; khoản 4 Điều 34 Luật Tố cáo).
    assert public_status(CaseStatus.SUSPENDED) == CaseStatus.SUSPENDED
    for t in TRANSITIONS:
        if t.target in {CaseStatus.VERIFYING, CaseStatus.FILED}:
            assert t.target not in PUBLIC_STATUSES
            assert public_status(t.target) in PUBLIC_STATUSES
        # Suspension and resumption are told to the parties (NĐ 124/2020 Art 28b; Luật TC
        # Art 34): public events.
        if t.target in {CaseStatus.VERIFYING, CaseStatus.SUSPENDED} and t.action not in {
            "reopen", "suspend", "resume",
        }:
            assert not t.public, t.action


def test_refusals_and_conclusions_require_their_legal_fields():
    by_action = {}
    for t in TRANSITIONS:
        by_action.setdefault(t.action, []).append(t)
    assert all({"reason", "legal_ground"} <= set(t.required_fields) for t in by_action["reject"])
    for t in by_action["conclude"]:
        assert {"conclusion", "public_answer"} <= set(t.required_fields)
        if t.kinds == {CaseKind.BAO_CHI}:
            assert "press_finding" in t.required_fields
    assert all(t.permission == "complaints.approve_case" for t in by_action["extend"])
    assert all(t.deadline_effect == "start_resolution_clock" for t in by_action["accept"])


@pytest.mark.django_db
@pytest.mark.parametrize("status", CaseStatus.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_cross_product_of_actions_states_and_kinds(action, status):
    admin = UserFactory(superuser=True)
    target_unit = FacilityFactory()
    for kind in CaseKind.values:
        # A unit above the one the case is about handles it: a denunciation's letter is
        # then its own to record (the superuser is no handler to see a denouncer).
        above = FacilityFactory()
        case = case_in(kind, status, is_complex=(action == "extend"),
                       facility=FacilityFactory(parent=above), assigned_unit=above)
        edge = transition_for(case=case, action=action)
        open_now = edge is not None and edge.refusal(case) is None
        assert (edge in transitions_for(case=case)) == open_now
        data = valid_data(action, facility_code=target_unit.code, kind=kind)
        before = CaseEvent.objects.filter(case=case).count()
        # `resume` reads its state from the case (the one it was suspended from; a case made
        # suspended without a suspension on record resumes as accepted).
        target = edge.target_for(case) if edge is not None else None
        if open_now:
            event = case_transition(
                case_id=case.pk, action=action, actor=admin, data=data, origin="test"
            )
            case.refresh_from_db()
            expected = target or status
            assert case.status == expected, (action, status, kind)
            assert (event.action, event.from_status, event.to_status) == (action, status, expected)
            assert event.is_public == edge.public_for(kind)
            # Every transition writes its history row, with the user and the reason.
            assert case.history.filter(
                history_user=admin, history_change_reason=f"origin=test action=case_{action}"
            ).exists(), (action, status, kind)
            if edge.public_for(kind):
                assert event.public_message.strip(), (action, kind)
        else:
            with pytest.raises(TransitionNotAllowed) as refused:
                case_transition(
                    case_id=case.pk, action=action, actor=admin, data=data, origin="test"
                )
            assert refused.value.message.strip()
            case.refresh_from_db()
            assert case.status == status
            assert CaseEvent.objects.filter(case=case).count() == before


@pytest.mark.django_db
def test_an_unknown_action_is_refused():
    admin = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with pytest.raises(UnknownAction):
        case_transition(case_id=case.pk, action="approve", actor=admin, data={}, origin="test")
