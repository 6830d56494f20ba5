"""Whoever acts on a case has seen it: a workflow step, the approval (or return) of a draft,
an assignment, a note mark the case seen for that officer in the write path itself, and the
unit's alert, running after the commit, does not mark it new again for someone who acted or
opened it since it reached the unit."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.approvals.services import draft_approve, draft_propose, draft_return
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseAlert
from complaints.notifications.staff import alerts_mark_new, unit_alert_deliver
from complaints.services.notes import case_note_add
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in, valid_data

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
NEW_PILL = 'class="cw-pill cw-pill--new"'


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-DP", name="Bệnh viện Đa khoa Đức Phổ", email="bv@example.vn")


@pytest.fixture
def director(unit):
    return UserFactory(perms=LEADER, facility=unit, last_name="Phạm", first_name="Đạo")


@pytest.fixture
def officer(unit):
    return UserFactory(perms=HANDLER, facility=unit, last_name="Lê Văn", first_name="Cơ")


def new_for(user, case) -> bool:
    return CaseAlert.objects.filter(case=case, user=user, seen_at__isnull=True).exists()


def routed(unit, *people, status=CaseStatus.RECEIVED, kind=CaseKind.PHAN_ANH):
    case = case_in(kind, status, facility=unit)
    alerts_mark_new(case=case, users=people)
    return case


def test_a_step_taken_marks_the_case_seen_for_its_actor_only(unit, director, officer):
    case = routed(unit, director, officer)
    act(case, "accept", director)
    assert not new_for(director, case)
    assert new_for(officer, case)  # the colleague has not seen it


def test_the_list_no_longer_shows_new_after_the_leader_acted(unit, director):
    case = routed(unit, director)
    client = Client()
    client.force_login(director)
    assert NEW_PILL in client.get("/admin/ho-so/").content.decode()
    act(case, "accept", director)
    assert NEW_PILL not in client.get("/admin/ho-so/").content.decode()


def test_approving_a_draft_marks_it_seen_for_the_leader(unit, director, officer):
    case = routed(unit, director, officer, status=CaseStatus.VERIFYING)
    draft = draft_propose(
        case_id=case.pk, action="conclude", actor=officer, origin="test",
        data=valid_data("conclude", facility_code=unit.code, kind="phan_anh"),
    )
    assert not new_for(officer, case)  # proposing is acting
    assert new_for(director, case)
    draft_approve(draft_id=draft.pk, actor=director, origin="test")
    assert not new_for(director, case)


def test_returning_a_draft_marks_it_seen_for_the_leader(unit, director, officer):
    case = routed(unit, director, officer, status=CaseStatus.VERIFYING)
    draft = draft_propose(
        case_id=case.pk, action="conclude", actor=officer, origin="test",
        data=valid_data("conclude", facility_code=unit.code, kind="phan_anh"),
    )
    draft_return(draft_id=draft.pk, actor=director, comment="Bổ sung biên bản.", origin="test")
    assert not new_for(director, case)


def test_a_note_marks_it_seen_for_its_author(unit, director, officer):
    case = routed(unit, director, officer)
    case_note_add(case_id=case.pk, actor=officer, text="Đã gọi điện cho khoa Khám bệnh.")
    assert not new_for(officer, case)
    assert new_for(director, case)


def test_the_alert_after_an_assignment_to_his_own_unit_leaves_the_case_seen_for_him(
    unit, director, officer, django_capture_on_commit_callbacks
):
    """The director gives a case of another unit to his own: the unit's alert, run after
    the commit, marks it new for his officer, not for him (he acted on it)."""
    other = FacilityFactory(code="TTYT-MD")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=other)
    superuser = UserFactory(superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "assign", superuser, facility=unit.code)
    assert new_for(director, case) and new_for(officer, case)
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "assign", director, facility=unit.code, user=officer.username)
    assert not new_for(director, case)
    assert new_for(officer, case)


def test_the_alert_does_not_mark_new_again_for_whoever_opened_or_acted_meanwhile(
    unit, director, officer, django_capture_on_commit_callbacks
):
    """The assignment commits, its alert waits for the worker; meanwhile one opens the case
    and the other takes a step: the alert, when it runs, leaves it seen for both."""
    case = routed(unit, director, officer)
    CaseAlert.objects.filter(case=case).update(seen_at="2026-09-01T10:00:00+07:00")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event = act(case, "assign", UserFactory(superuser=True), facility=unit.code)
    assert callbacks
    client = Client()
    client.force_login(officer)
    assert client.get(f"/admin/ho-so/{case.tracking_code}/").status_code == 200
    act(case, "accept", director)
    unit_alert_deliver.call(case_id=case.pk, event_id=event.pk)
    assert not new_for(officer, case)
    assert not new_for(director, case)


def test_the_alert_still_marks_new_whoever_has_not_seen_it_since(unit, director, officer):
    case = routed(unit, director, officer)
    CaseAlert.objects.filter(case=case).update(seen_at="2026-09-01T10:00:00+07:00")
    event = act(case, "assign", UserFactory(superuser=True), facility=unit.code)
    unit_alert_deliver.call(case_id=case.pk, event_id=event.pk)
    assert new_for(officer, case) and new_for(director, case)
