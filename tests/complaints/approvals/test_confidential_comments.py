"""A draft's fields, its note and the leaders' comments are on a denunciation's timeline:
like every text on the case, they never carry the denouncer's identity (khoản 3 Điều 8,
Điều 47 Luật Tố cáo; complaints/services/confidential_text.py)."""

from __future__ import annotations

import pytest

from complaints.approvals.models import DraftComment, DraftStatus
from complaints.approvals.services import draft_approve, draft_propose, draft_return
from complaints.kinds import CaseKind, CaseStatus
from complaints.services.workflow import TransitionInvalid
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory, paper_decision

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = {
    "conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý theo quy định.",
    **paper_decision(),
}


def test_drafts_and_comments_naming_the_denouncer_are_refused():
    unit = FacilityFactory(code="TTYT-TC")
    handler = UserFactory(perms=HANDLER, facility=unit)
    leader = UserFactory(perms=LEADER, facility=unit)
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=unit)

    def propose(**extra):
        return draft_propose(case_id=case.pk, action="conclude", actor=handler, origin="test",
                             **extra)

    with pytest.raises(TransitionInvalid) as in_field:
        propose(data={**CONCLUSION, "conclusion": "Bà Nguyễn Thị Dân tố cáo đúng."})
    assert "họ tên" in in_field.value.errors["conclusion"][0]
    with pytest.raises(TransitionInvalid) as in_note:
        propose(data=CONCLUSION, note="Đã gọi 0905 123 456 để xác minh.")
    assert "số điện thoại" in in_note.value.errors["comment"][0]

    draft = propose(data=CONCLUSION, note="Đã xác minh với người tố cáo.")
    with pytest.raises(TransitionInvalid) as returned:
        draft_return(draft_id=draft.pk, actor=leader, origin="test",
                     comment="Ghi rõ CCCD 051190000123 của người tố cáo.")
    assert "số định danh cá nhân/CCCD" in returned.value.errors["comment"][0]
    with pytest.raises(TransitionInvalid):
        draft_approve(draft_id=draft.pk, actor=leader, origin="test",
                      comment="Đồng ý, đã báo Nguyễn Thị Dân.")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING
    assert not DraftComment.objects.filter(author=leader).exists()
    draft_approve(draft_id=draft.pk, actor=leader, origin="test", comment="Đồng ý.")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.APPROVED
