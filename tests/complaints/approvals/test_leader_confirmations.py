"""A proposed conclusion of a denunciation whose notices owed to the parties are not in the
portal (complaints/rules/owed_notices.py): the leader who approves confirms that they were
given outside it, on the approval itself (the page, the API); the proposer's tick is not
the leader's confirmation, and the conclusion's event keeps it with what was missing."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.approvals.models import Draft, DraftStatus
from complaints.approvals.services import draft_approve, draft_propose
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent
from complaints.services.workflow import TransitionInvalid
from tests.factories import FacilityFactory, UserFactory, paper_decision

from ..workflow.helpers import act, case_in

pytestmark = pytest.mark.django_db
FIELD = "notices_given_outside"
HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = {"conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý.",
              **paper_decision()}  # fmt: skip


@pytest.fixture
def proposed():
    """A denunciation accepted and verified with no notice recorded, its conclusion
    proposed by the handler, who ticked the confirmation."""
    unit = FacilityFactory()
    handler = UserFactory(perms=HANDLER, facility=unit)
    leader = UserFactory(perms=LEADER, facility=unit)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit)
    admin = UserFactory(superuser=True)
    act(case, "accept", admin, decided_on="2026-09-01")
    act(case, "start_verification", admin, verifier_no_conflict=True)
    draft = draft_propose(case_id=case.pk, action="conclude", data={**CONCLUSION, FIELD: True},
                          actor=handler, origin="test")  # fmt: skip
    return case, draft, leader


def test_the_proposers_tick_is_not_kept_and_the_approval_asks_the_leader(proposed):
    case, draft, leader = proposed
    assert FIELD not in draft.data
    with pytest.raises(TransitionInvalid) as asked:
        draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    assert "khoản 3 Điều 29 Luật Tố cáo" in str(asked.value.errors[FIELD][0])
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.PENDING

    event = draft_approve(draft_id=draft.pk, actor=leader, origin="test", confirmations=[FIELD])
    assert event.action == "conclude" and event.actor == leader
    assert event.data[FIELD] is True
    assert event.data["notices_missing"][0]["notice"] == "notify_acceptance"
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED


def test_the_draft_page_shows_the_confirmation_with_the_warning_and_takes_it(proposed):
    case, draft, leader = proposed
    client = Client()
    client.force_login(leader)
    page = client.get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert 'name="approve-notices_given_outside"' in page
    assert "khoản 3 Điều 29 Luật Tố cáo" in page

    refused = client.post(f"/admin/phe-duyet/{draft.pk}/approve/",
                          {"approve-version": draft.version})  # fmt: skip
    assert refused.status_code == 400
    confirmed = {"approve-version": draft.version, f"approve-{FIELD}": "on"}
    approved = client.post(f"/admin/phe-duyet/{draft.pk}/approve/", confirmed)
    assert approved.status_code == 302
    assert CaseEvent.objects.get(case=case, action="conclude").data[FIELD] is True


def test_the_propose_form_leaves_the_confirmation_to_the_leader(proposed):
    case, draft, leader = proposed
    Draft.objects.filter(pk=draft.pk).update(status=DraftStatus.WITHDRAWN)
    client = Client()
    client.force_login(UserFactory(perms=HANDLER, facility=case.facility))
    page = client.get(f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/")
    assert page.status_code == 200 and FIELD not in page.content.decode()


def test_the_api_approval_takes_the_confirmation(proposed):
    case, draft, leader = proposed
    _token, key = ApiToken.issue(user=leader, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/drafts/{draft.pk}/approve"
    refused = client.post(url, {"version": draft.version}, content_type="application/json")
    assert refused.status_code == 400 and FIELD in refused.json()["errors"]
    approved = client.post(url, {"version": draft.version, FIELD: True},
                           content_type="application/json")  # fmt: skip
    assert approved.status_code == 200, approved.content
    assert CaseEvent.objects.get(case=case, action="conclude").data[FIELD] is True
