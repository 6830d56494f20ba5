"""Propose, then approve: drafts reach the competent unit's leaders, are approved (the
transition happens then), returned with comments or edited; nobody approves their own."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from complaints.approvals.models import Draft, DraftStatus
from complaints.approvals.selectors import approval_queue, case_drafts, draft_due, own_drafts
from complaints.approvals.services import (
    draft_approve,
    draft_edit,
    draft_propose,
    draft_return,
    draft_withdraw,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.selectors.history import case_timeline
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = valid_data("conclude", facility_code="x")


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ")


@pytest.fixture
def people(unit):
    handler = UserFactory(perms=HANDLER, facility=unit, last_name="Lê Văn", first_name="Cơ")
    leader = UserFactory(perms=LEADER, facility=unit, last_name="Phạm", first_name="Đạo")
    other_unit = FacilityFactory(code="TTYT-MD")
    stranger = UserFactory(perms=LEADER, facility=other_unit)
    return handler, leader, stranger


def propose(case, action, actor, **data):
    return draft_propose(case_id=case.pk, action=action, data=data, actor=actor, origin="test")


def test_a_handler_proposes_a_conclusion_that_a_leader_approves(unit, people):
    handler, leader, _stranger = people
    case = case_in(
        CaseKind.PHAN_ANH,
        CaseStatus.VERIFYING,
        facility=unit,
        resolve_by=datetime.date(2026, 10, 1),
    )
    draft = propose(case, "conclude", handler, **CONCLUSION)

    assert draft.status == DraftStatus.PENDING and draft.unit == unit
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING  # nothing decided yet
    assert [d.pk for d in approval_queue(user=leader)] == [draft.pk]
    assert draft_due(approval_queue(user=leader)[0]) == datetime.date(2026, 10, 1)

    event = draft_approve(draft_id=draft.pk, actor=leader, origin="test")

    case.refresh_from_db()
    draft.refresh_from_db()
    assert event.action == "conclude" and event.actor == leader
    assert case.status == CaseStatus.CONCLUDED
    assert case.public_answer == CONCLUSION["public_answer"]
    assert draft.status == DraftStatus.APPROVED and draft.decided_by == leader
    assert draft.event == event
    assert approval_queue(user=leader) == []
    history = [h.history_change_reason for h in draft.history.order_by("history_id")]
    assert history == ["origin=test action=draft_propose", "origin=test action=draft_approve"]


def test_a_handler_cannot_conclude_directly_but_can_propose(unit, people):
    handler, _leader, _ = people
    from complaints.services.workflow import case_transition

    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    with pytest.raises(PermissionDenied):
        case_transition(
            case_id=case.pk, action="conclude", actor=handler, data=CONCLUSION, origin="test"
        )
    assert propose(case, "conclude", handler, **CONCLUSION).pk


def test_nobody_approves_their_own_draft(unit, people):
    _handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", leader, **CONCLUSION)
    assert approval_queue(user=leader) == []  # not in their own queue
    with pytest.raises(PermissionDenied, match="chính mình"):
        draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.PENDING


def test_the_database_refuses_a_self_approved_draft(unit, people):
    handler, _leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Draft.objects.filter(pk=draft.pk).update(status="approved", decided_by=handler)


def test_a_leader_outside_the_unit_neither_sees_nor_approves(unit, people):
    handler, _leader, stranger = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    assert approval_queue(user=stranger) == []
    with pytest.raises(Draft.DoesNotExist):
        draft_approve(draft_id=draft.pk, actor=stranger, origin="test")
    with pytest.raises(Draft.DoesNotExist):
        draft_return(draft_id=draft.pk, actor=stranger, comment="Không", origin="test")


def test_a_leader_above_is_not_asked_to_approve_a_facilitys_decision(unit, people):
    # A complaint's decision is its competent unit's leader's (khoản 2 Điều 3 Nghị định
    # 124/2020/NĐ-CP; complaints/rules/resolver.py): the Sở's leader, who sees every case,
    # neither finds it in "Chờ phê duyệt" nor approves it; a phản ánh's stays open to them.
    handler, leader, _stranger = people
    so_leader = UserFactory(perms=[*LEADER, "complaints.view_all_cases"],
                            facility=FacilityFactory(code="SYT-X"))
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit)
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(complaint, "conclude", handler, **CONCLUSION)
    answer = propose(report, "conclude", handler, **CONCLUSION)
    assert [d.pk for d in approval_queue(user=so_leader)] == [answer.pk]
    assert {d.pk for d in approval_queue(user=leader)} == {draft.pk, answer.pk}
    with pytest.raises(PermissionDenied, match="Trung tâm Y tế Đức Phổ"):
        draft_approve(draft_id=draft.pk, actor=so_leader, origin="test")
    assert Case.objects.get(pk=complaint.pk).status == CaseStatus.VERIFYING


def test_a_handler_may_not_approve_someone_elses_draft(unit, people):
    handler, leader, _ = people
    colleague = UserFactory(perms=HANDLER, facility=unit)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    assert approval_queue(user=colleague) == []
    with pytest.raises(PermissionDenied):
        draft_approve(draft_id=draft.pk, actor=colleague, origin="test")


def test_returned_with_comments_edited_by_the_author_then_approved(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    with pytest.raises(TransitionInvalid):
        draft_return(draft_id=draft.pk, actor=leader, comment="  ", origin="test")
    draft_return(draft_id=draft.pk, actor=leader, comment="Bổ sung biên bản.", origin="test")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.RETURNED
    assert [d.pk for d in own_drafts(user=handler)] == [draft.pk]
    assert approval_queue(user=leader) == []
    with pytest.raises(TransitionNotAllowed):
        draft_approve(draft_id=draft.pk, actor=leader, origin="test")

    better = {**CONCLUSION, "conclusion": "Đúng một phần, có biên bản kèm theo."}
    draft_edit(draft_id=draft.pk, actor=handler, data=better, origin="test", comment="Đã bổ sung.")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING
    draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    assert Case.objects.get(pk=case.pk).conclusion == better["conclusion"]
    comments = [c.text for c in draft.comments.all()]
    assert comments == ["Bổ sung biên bản.", "Đã bổ sung."]


def test_a_leader_edits_then_approves(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    edited = {**CONCLUSION, "public_answer": "Sở Y tế đã chỉ đạo chấn chỉnh."}
    draft_edit(draft_id=draft.pk, actor=leader, data=edited, origin="test")
    draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    assert Case.objects.get(pk=case.pk).public_answer == "Sở Y tế đã chỉ đạo chấn chỉnh."
    assert Draft.objects.get(pk=draft.pk).author == handler


def test_the_fields_are_checked_when_proposed(unit, people):
    handler, _leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    with pytest.raises(TransitionInvalid) as error:
        propose(case, "conclude", handler, conclusion="Chỉ có kết luận")
    assert "public_answer" in error.value.errors
    assert not Draft.objects.exists()


def test_a_proposal_is_refused_when_the_law_closes_the_step(unit, people):
    handler, _leader, _ = people
    # A tố cáo is extended only once marked complex (Điều 30 Luật Tố cáo).
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=unit)
    with pytest.raises(TransitionNotAllowed, match="Điều 30"):
        propose(case, "extend", handler, reason="Cần thêm thời gian")
    with pytest.raises(TransitionNotAllowed):
        propose(case, "start_verification", handler)  # not a leader's decision


def test_one_open_draft_per_case_and_action(unit, people):
    handler, _leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    propose(case, "conclude", handler, **CONCLUSION)
    with pytest.raises(TransitionNotAllowed, match="đang chờ"):
        propose(case, "conclude", handler, **CONCLUSION)
    assert Draft.objects.count() == 1


def test_a_refused_transition_leaves_the_draft_pending(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    with pytest.raises(TransitionNotAllowed):
        draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING and draft.event is None


def test_a_second_approval_is_refused(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    with pytest.raises(TransitionNotAllowed, match="Đã phê duyệt"):
        draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    assert CaseEvent.objects.filter(case=case, action="conclude").count() == 1


def test_only_the_author_withdraws(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    with pytest.raises(PermissionDenied):
        draft_withdraw(draft_id=draft.pk, actor=leader, origin="test")
    draft_withdraw(draft_id=draft.pk, actor=handler, origin="test")
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.WITHDRAWN
    assert propose(case, "conclude", handler, **CONCLUSION).pk != draft.pk


def test_drafts_and_their_fate_are_on_the_case_timeline(unit, people):
    handler, leader, _ = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = propose(case, "conclude", handler, **CONCLUSION)
    draft_return(draft_id=draft.pk, actor=leader, comment="Sửa lời văn.", origin="test")
    draft_edit(draft_id=draft.pk, actor=handler, data=CONCLUSION, origin="test")
    draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    titles = [e.title for e in case_timeline(case=case, user=leader) if e.source == "event"]
    assert titles[-6:] == [
        "Trình dự thảo chờ phê duyệt",
        "Trả lại dự thảo",
        "Sửa dự thảo",
        "Kết luận",
        # the case had no handler: the draft's author took it on with the conclusion
        "Giao xử lý",
        "Phê duyệt dự thảo",
    ]
    events = CaseEvent.objects.filter(case=case, action__startswith="draft_")
    assert all(not e.is_public for e in events)
    assert events.get(action="draft_return").note == "Sửa lời văn."


def test_a_cases_drafts_point_at_the_case_in_hand_without_reading_it_again(
    unit, people, django_assert_num_queries
):
    """The case page lists the drafts of the case it holds: one query for the drafts
    (their author, unit and decider joined, not the case), one for their comments."""
    handler, _leader, _stranger = people
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    propose(case, "conclude", handler, **CONCLUSION)
    case.refresh_from_db()
    with django_assert_num_queries(2) as queries:
        (draft,) = case_drafts(case=case)
        assert draft.case is case
        assert draft.author == handler
    assert "complaints_case" not in queries.captured_queries[0]["sql"]
