"""Who may act: the scope (one queryset method), the permission of each edge, and
the checks that leave nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.signals import case_event_recorded
from complaints.transitions import allowed_actions
from tests.complaints.workflow.helpers import act
from tests.factories import FacilityFactory, UserFactory, paper_decision

from .helpers import case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INTAKE = [*HANDLER, "complaints.view_all_cases"]
LEADER = [*INTAKE, "complaints.approve_case", "complaints.view_denouncer_identity"]
PRESS = [*HANDLER, "complaints.view_press_cases"]


@pytest.fixture
def tree():
    department = FacilityFactory(code="SYT", name="Sở Y tế")
    centre = FacilityFactory(code="TTYT-A", parent=department)
    station = FacilityFactory(code="TYT-A1", parent=centre)
    other = FacilityFactory(code="TTYT-B", parent=department)
    return department, centre, station, other


def test_a_handler_acts_on_cases_of_their_unit_and_below(tree):
    _dep, centre, station, _other = tree
    handler = UserFactory(perms=HANDLER, facility=centre)
    own = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=centre)
    below = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=station)
    act(own, "accept", handler)
    act(below, "request_info", handler, message="Đề nghị bổ sung hóa đơn.")
    assert Case.objects.get(pk=own.pk).status == CaseStatus.ACCEPTED
    assert Case.objects.get(pk=below.pk).status == CaseStatus.NEEDS_INFO


def test_a_handler_cannot_act_on_another_facilitys_case_even_by_guessing_its_id(tree):
    _dep, centre, _station, other = tree
    handler = UserFactory(perms=HANDLER, facility=centre)
    foreign = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=other)
    assert allowed_actions(case=foreign, user=handler) == []
    for action in ("accept", "assign", "reject"):
        with pytest.raises(Case.DoesNotExist):
            act(foreign, action, handler, facility=centre.code, reason="x", legal_ground="y")
    foreign.refresh_from_db()
    assert foreign.status == CaseStatus.RECEIVED and foreign.assigned_unit == other
    assert not CaseEvent.objects.filter(case=foreign).exists()


def test_a_unit_above_does_not_see_a_sibling_units_cases(tree):
    _dep, centre, station, other = tree
    station_handler = UserFactory(perms=HANDLER, facility=station)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=centre)
    with pytest.raises(Case.DoesNotExist):
        act(case, "accept", station_handler)


def test_a_user_without_roles_sees_and_does_nothing(tree):
    nobody = UserFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[1])
    with pytest.raises(Case.DoesNotExist):
        act(case, "accept", nobody)


def test_conclusions_extensions_and_suspensions_need_the_leaders_permission(tree):
    centre = tree[1]
    handler = UserFactory(perms=HANDLER, facility=centre)
    intake = UserFactory(perms=INTAKE)
    leader = UserFactory(perms=LEADER, facility=centre)  # the competent unit's leader
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=centre, is_complex=True)
    fields = {"conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý kỷ luật.",
              **paper_decision()}
    for user in (handler, intake):
        for action, data in (("conclude", fields), ("extend", {"reason": "x"})):
            with pytest.raises(PermissionDenied):
                act(case, action, user, **data)
        actions = {t.action for t in allowed_actions(case=case, user=user)}
        assert "conclude" not in actions and "extend" not in actions
        assert "assign" in actions
    assert {"conclude", "extend", "suspend"} <= {
        t.action for t in allowed_actions(case=case, user=leader)
    }
    act(case, "conclude", leader, **fields)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


def test_the_press_office_acts_on_press_reports_only(tree):
    press = UserFactory(perms=PRESS)
    report = case_in(CaseKind.BAO_CHI, CaseStatus.RECEIVED, facility=tree[1])
    citizen_case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[1])
    act(report, "accept", press)
    with pytest.raises(Case.DoesNotExist):
        act(citizen_case, "accept", press)


def test_permission_is_checked_before_the_state(tree):
    # A handler asking to conclude a case still waiting for acceptance gets 403, not 409.
    handler = UserFactory(perms=HANDLER, facility=tree[1])
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[1])
    with pytest.raises(PermissionDenied):
        act(case, "conclude", handler, conclusion="x", public_answer="y")


def test_a_stale_form_is_refused_with_the_current_state(tree):
    leader = UserFactory(perms=LEADER)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[1])
    act(case, "accept", leader, expected_status=CaseStatus.RECEIVED)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(
            case,
            "reject",
            leader,
            expected_status=CaseStatus.RECEIVED,
            reason="x",
            legal_ground="y",
        )
    assert "Đã thụ lý" in refused.value.message
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_missing_fields_are_all_reported_and_nothing_is_saved(tree):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=tree[1])
    leader = UserFactory(perms=LEADER, facility=tree[1])  # the competent unit's
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "reject", leader, reason="  ")
    assert set(invalid.value.errors) == {"reason", "legal_ground"}
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "forward", leader, to="x" * 300)
    assert set(invalid.value.errors) == {"to", "reason"}
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.history.count() == 1
    assert not CaseEvent.objects.filter(case=case).exists()


def test_assignment_checks_the_unit_and_the_handler(tree):
    _dep, centre, _station, other = tree
    intake = UserFactory(perms=INTAKE)
    handler_b = UserFactory(perms=HANDLER, facility=other)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=centre)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "assign", intake, facility="KHONG-CO")
    assert "facility" in invalid.value.errors
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "assign", intake, facility=centre.code, user=handler_b.username)
    assert "user" in invalid.value.errors
    event = act(case, "assign", intake, facility=other.code, user=handler_b.pk)
    case.refresh_from_db()
    assert (case.assigned_unit, case.assigned_user) == (other, handler_b)
    assert event.data["previous_facility"] == centre.code and not event.is_public
    decision = case.routings.first()
    assert decision.unit == other and decision.decided_by == intake
    # The case followed the unit: its handlers may act, the former unit's may not.
    act(case, "accept", handler_b)
    with pytest.raises(Case.DoesNotExist):
        act(case, "start_verification", UserFactory(perms=HANDLER, facility=centre))


def test_the_signal_goes_out_after_commit_only(tree, django_capture_on_commit_callbacks):
    leader = UserFactory(perms=LEADER)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=tree[1])
    received = []

    def listener(sender, case, event, **kwargs):
        received.append((case.pk, event.action, event.to_status))

    case_event_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    act(case, "accept", leader)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
        assert received == []
        assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
        with django_capture_on_commit_callbacks(execute=True):
            act(case, "accept", leader)
            assert received == []  # not before the commit
        assert received == [(case.pk, "accept", CaseStatus.ACCEPTED)]
    finally:
        case_event_recorded.disconnect(listener)


def test_a_duplicate_is_looked_up_within_the_actors_scope(tree):
    # Regression: `duplicate_of` was resolved in every case of the province, so a
    # handler could confirm that a code outside their scope exists.
    _dep, centre, _station, other = tree
    handler = UserFactory(perms=HANDLER, facility=centre)
    mine = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=centre)
    earlier = case_in(CaseKind.PHAN_ANH, CaseStatus.CLOSED, facility=centre)
    foreign = case_in(CaseKind.PHAN_ANH, CaseStatus.CLOSED, facility=other)
    errors = {}
    for code in (foreign.tracking_code, "TN-2026-999999"):
        with pytest.raises(TransitionInvalid) as invalid:
            act(mine, "file", handler, reason="duplicate", duplicate_of=code)
        errors[code] = invalid.value.errors
    assert errors[foreign.tracking_code] == errors["TN-2026-999999"]
    assert list(errors["TN-2026-999999"]) == ["duplicate_of"]
    act(mine, "file", handler, reason="duplicate", duplicate_of=earlier.tracking_code.lower())
    mine.refresh_from_db()
    assert mine.status == CaseStatus.FILED and mine.possible_duplicate_of == earlier


def test_one_definition_of_a_users_facility_subtree_and_of_the_citizen_kinds(tree):
    from complaints import kinds, transitions
    from complaints.querysets import facility_scope_of
    from complaints.selectors.identity import can_see_identity

    department, centre, station, other = tree
    handler = UserFactory(perms=HANDLER, facility=centre)
    assert facility_scope_of(handler) == {centre.pk, station.pk}
    assert facility_scope_of(handler) is facility_scope_of(handler)  # kept per user
    assert transitions.CITIZEN_KINDS is kinds.CITIZEN_KINDS
    assert CaseKind.BAO_CHI not in kinds.CITIZEN_KINDS
    # The identity guard reads the same (cached) subtree: no membership query of its own.
    denunciation = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=station)
    with CaptureQueriesContext(connection) as queries:
        can_see_identity(case=denunciation, user=handler)
    assert not any("facilitymembership" in q["sql"].lower() for q in queries.captured_queries)
