"""A resolution period lengthened after it ran out: an extension of a denunciation
(Điều 30 Luật Tố cáo) or a complaint found complex or remote (Điều 28 Luật Khiếu nại). The law
does not forbid the late decision, but the case was late: it stays counted late in every
figure, and the staff page says why. Before, a denunciation 12 days overdue was marked
complex, extended to 60 days and concluded, and the dashboard counted it on time."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.reports.figures import steering_figures
from complaints.reports.periods import LATE, ON_TIME, with_concluded_on
from complaints.selectors.public_figures import public_figures
from tests.complaints.admin.helpers import intake_user
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def _today() -> datetime.date:
    return timezone.localdate()


def _counted(case) -> tuple[bool, bool]:
    cases = with_concluded_on(Case.objects.filter(pk=case.pk))
    return cases.filter(ON_TIME).exists(), cases.filter(LATE).exists()


def _concluded(case, leader) -> None:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CONCLUDED,
                                           concluded_at=timezone.now())  # fmt: skip


def test_a_denunciation_extended_after_its_deadline_stays_late(leader, client):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    accepted = _today() - datetime.timedelta(days=45)  # 30 days: ran out about 15 days ago
    act(case, "accept", leader, decided_on=accepted.isoformat())
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    case.refresh_from_db()
    expired = case.resolve_by
    assert expired < _today() and case.resolution_expired_on is None

    event = act(case, "extend", leader, reason="Cần xác minh thêm")
    case.refresh_from_db()
    assert case.resolve_by > _today()  # the new date has not come
    assert case.resolution_expired_on == expired
    assert event.data["expired_on"] == expired.isoformat()
    assert case.history.first().resolution_expired_on == expired  # recorded with the step

    _concluded(case, leader)
    assert _counted(case) == (False, True)
    figures = steering_figures(user=intake_user(), today=_today())
    assert (figures.on_time_rate, sum(row.late for row in figures.on_time_by_unit)) == (0, 1)
    assert public_figures(days=30).resolved_on_time == 0

    client.force_login(leader)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "data-lengthened-after-expiry" in page
    assert f"Thời hạn giải quyết đã hết ngày {expired:%d/%m/%Y} rồi mới được kéo dài" in page


def test_an_extension_within_the_period_keeps_the_case_on_time(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on=(_today() - datetime.timedelta(days=10)).isoformat())
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    event = act(case, "extend", leader, reason="Cần xác minh thêm")
    case.refresh_from_db()
    assert case.resolution_expired_on is None and "expired_on" not in event.data
    _concluded(case, leader)
    assert _counted(case) == (True, False)


@pytest.mark.parametrize("action", ["mark_complex", "mark_remote"])
def test_a_complaint_found_complex_or_remote_after_its_deadline_stays_late(leader, action):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on=(_today() - datetime.timedelta(days=35)).isoformat())
    case.refresh_from_db()
    assert case.resolve_by < _today()
    act(case, action, leader, reason="Phát sinh tình tiết mới")
    case.refresh_from_db()
    assert case.resolve_by >= _today() and case.resolution_expired_on is not None
    _concluded(case, leader)
    assert _counted(case) == (False, True)


def test_a_denunciation_marked_complex_late_is_not_flagged_its_date_does_not_move(leader):
    """Marking a denunciation complex moves no date (only an extension does)."""
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on=(_today() - datetime.timedelta(days=45)).isoformat())
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    case.refresh_from_db()
    assert case.resolution_expired_on is None
