"""The extension of a complaint's verification period, "Gia hạn thời gian xác minh" (khoản 3
Điều 7 Thông tư 07/2013/TT-TTCP, Mẫu số 04A-KN; complaints/rules/verification_extension.py):
the resolver's decision, taken by a leader of the competent unit, a handler proposing it; it
moves `Case.verification_until` (with history) by a positive number of days, never past the
resolution deadline, and is refused, saving nothing, when there is no period to extend or
it is too early; a denunciation has no such step."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.rules.verification_extension import OPENS_DAYS_BEFORE_END
from complaints.selectors.history import case_timeline
from complaints.services.verification import verification_end
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import allowed_actions, transition_for
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

ARTICLE = "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP"
REASON = "Chờ Bệnh viện tuyến trên gửi hồ sơ bệnh án"
HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]


def _today():
    return timezone.localdate()


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-DP", name="Bệnh viện đa khoa khu vực Đức Phổ")


@pytest.fixture
def leader(unit):
    return UserFactory(perms=LEADER, facility=unit, username="giamdoc")


def verifying(unit, *, until_in=2, days=20, resolve_in=30, **extra):
    """A complaint being verified whose period ends `until_in` days from today."""
    return case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
        resolve_by=_today() + datetime.timedelta(days=resolve_in),
        verification_days=days if until_in is not None else None,
        verification_until=(_today() + datetime.timedelta(days=until_in)
                            if until_in is not None else None),
        **extra,
    )  # fmt: skip


def _nothing_saved(case):
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.verification_days, fresh.verification_until) == (
        case.verification_days, case.verification_until)
    assert not CaseEvent.objects.filter(case=case, action="extend_verification").exists()


def test_the_leader_extends_the_period_with_history_event_and_timeline(unit, leader):
    case = verifying(unit, until_in=2)
    old_until = case.verification_until
    event = act(case, "extend_verification", leader, verification_extra_days="7", reason=REASON)
    case.refresh_from_db()
    new_until = verification_end(old_until, 7)  # from the day after the old end
    assert old_until + datetime.timedelta(days=7) <= new_until <= case.resolve_by
    assert (case.status, case.verification_days, case.verification_until) == (
        CaseStatus.VERIFYING, 27, new_until)
    assert not event.is_public  # verification stays internal
    assert event.data["verification_extra_days"] == 7
    assert event.data["reason"] == REASON
    assert event.data["previous_until"] == old_until.isoformat()
    assert event.data["verification_until"] == new_until.isoformat()
    assert (event.data["previous_days"], event.data["verification_days"]) == (20, 27)
    assert event.data["extension_article"] == ARTICLE
    row = case.history.first()
    assert (row.verification_days, row.verification_until) == (27, new_until)
    assert row.history_change_reason.endswith("action=case_extend_verification")
    assert row.history_user == leader
    entry = next(e for e in case_timeline(case=case, user=leader)
                 if e.action == "extend_verification")
    assert entry.title == "Gia hạn thời gian xác minh"
    assert (f"Gia hạn thời gian xác minh thêm 7 ngày: từ hết ngày {old_until:%d/%m/%Y} đến hết "
            f"ngày {new_until:%d/%m/%Y} ({ARTICLE}). Lý do: {REASON}") in entry.detail
    assert {c.field for c in entry.changes} >= {"verification_days", "verification_until"}


def test_after_the_period_ran_out_the_days_count_from_today(unit, leader):
    # khoản 3 Điều 7: "Khi thời hạn xác minh ... đã hết": still open, never backdated.
    case = verifying(unit, until_in=-4)
    act(case, "extend_verification", leader, verification_extra_days=5, reason=REASON)
    case.refresh_from_db()
    assert case.verification_until == verification_end(_today(), 5)


def test_no_period_to_extend_is_refused_with_the_article(unit, leader):
    case = verifying(unit, until_in=None)
    assert transition_for(case=case, action="extend_verification").refusal(case)
    assert "extend_verification" not in {t.action for t in allowed_actions(case=case,
                                                                          user=leader)}
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend_verification", leader, verification_extra_days=5, reason=REASON)
    assert "chưa có thời hạn xác minh" in refused.value.message
    assert ARTICLE in refused.value.message
    _nothing_saved(case)


def test_too_early_is_refused_naming_the_first_day_it_opens(unit, leader):
    case = verifying(unit, until_in=OPENS_DAYS_BEFORE_END + 3)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend_verification", leader, verification_extra_days=5, reason=REASON)
    opens = case.verification_until - datetime.timedelta(days=OPENS_DAYS_BEFORE_END)
    assert f"từ ngày {opens:%d/%m/%Y}" in refused.value.message
    assert ARTICLE in refused.value.message
    _nothing_saved(case)
    # From that day on it opens.
    opening = verifying(unit, until_in=OPENS_DAYS_BEFORE_END)
    assert act(opening, "extend_verification", leader, verification_extra_days=3,
               reason=REASON).action == "extend_verification"


@pytest.mark.parametrize("days", ["0", -3, "năm", 2.5, True])
def test_days_that_are_no_positive_whole_number_are_refused(unit, leader, days):
    case = verifying(unit)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "extend_verification", leader, verification_extra_days=days, reason=REASON)
    (message,) = invalid.value.errors["verification_extra_days"]
    assert "số nguyên lớn hơn 0" in message and ARTICLE in message
    _nothing_saved(case)


def test_days_and_reason_are_required(unit, leader):
    case = verifying(unit)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "extend_verification", leader)
    assert set(invalid.value.errors) == {"verification_extra_days", "reason"}
    _nothing_saved(case)


def test_an_end_after_the_resolution_deadline_is_refused_with_the_longest_allowed(unit, leader):
    case = verifying(unit, until_in=2, resolve_in=12)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "extend_verification", leader, verification_extra_days=20, reason=REASON)
    (message,) = invalid.value.errors["verification_extra_days"]
    assert case.resolve_by.strftime("%d/%m/%Y") in message
    assert ARTICLE in message and "không làm cho thời gian giải quyết vượt quá" in message
    _nothing_saved(case)
    most = int(message.split("tối đa ")[1].split(" ngày")[0])
    assert 0 < most < 20
    assert verification_end(case.verification_until, most) <= case.resolve_by
    assert verification_end(case.verification_until, most + 1) > case.resolve_by
    act(case, "extend_verification", leader, verification_extra_days=most, reason=REASON)
    assert Case.objects.get(pk=case.pk).verification_until <= case.resolve_by


def test_a_period_already_at_the_resolution_deadline_is_not_extended(unit, leader):
    case = verifying(unit, until_in=3, resolve_in=3)
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend_verification", leader, verification_extra_days=1, reason=REASON)
    assert "Không gia hạn thời gian xác minh được nữa" in refused.value.message
    assert ARTICLE in refused.value.message
    _nothing_saved(case)


def test_a_handler_is_refused_with_the_unit_and_the_article_and_may_propose_it(unit):
    from complaints.approvals.services import draft_approve, draft_propose

    handler = UserFactory(perms=HANDLER, facility=unit)
    case = verifying(unit)
    assert "extend_verification" not in {t.action for t in allowed_actions(case=case,
                                                                          user=handler)}
    with pytest.raises(PermissionDenied) as refused:
        act(case, "extend_verification", handler, verification_extra_days=5, reason=REASON)
    message = str(refused.value)
    assert unit.name in message and "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP" in message
    assert ARTICLE in message and "trình lãnh đạo phê duyệt" in message.lower()
    _nothing_saved(case)
    # The approvals path: the handler proposes, the unit's leader approves.
    draft = draft_propose(case_id=case.pk, action="extend_verification", actor=handler,
                          data={"verification_extra_days": 5, "reason": REASON},
                          origin="test")
    leader = UserFactory(perms=LEADER, facility=unit, username="truongkhoa")
    draft_approve(draft_id=draft.pk, actor=leader, origin="test")
    case.refresh_from_db()
    assert case.verification_days == 25


def test_a_leader_of_the_unit_above_is_refused(unit):
    above = FacilityFactory(code="SYT-X", name="Sở Y tế")
    unit.parent = above
    unit.save()
    boss = UserFactory(perms=[*LEADER, "complaints.view_all_cases"], facility=above)
    case = verifying(unit)
    with pytest.raises(PermissionDenied) as refused:
        act(case, "extend_verification", boss, verification_extra_days=5, reason=REASON)
    assert unit.name in str(refused.value)
    _nothing_saved(case)


def test_a_denunciation_has_no_such_step():
    # The law copies give a denunciation's verification no extension (the module's docstring).
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING,
                   resolve_by=_today() + datetime.timedelta(days=30), verification_days=10,
                   verification_until=_today() + datetime.timedelta(days=1))
    assert transition_for(case=case, action="extend_verification") is None
    with pytest.raises(TransitionNotAllowed) as refused:
        act(case, "extend_verification", UserFactory(superuser=True),
            verification_extra_days=5, reason=REASON)
    assert "không áp dụng cho hồ sơ loại" in refused.value.message


def test_an_absurd_number_of_days_is_refused_not_crashed(unit, leader):
    case = verifying(unit)
    for days in (400, 10**9):
        with pytest.raises(TransitionInvalid) as invalid:
            act(case, "extend_verification", leader, verification_extra_days=days,
                reason=REASON)
        assert "tối đa" in invalid.value.errors["verification_extra_days"][0]
    _nothing_saved(case)
