"""The e-mail and the partner's webhook about an event say what the tracking page says: a
suspended case is "Tạm đình chỉ" with no running resolution date; a phản ánh accepted is
"Đang xử lý" (tiếp nhận, xử lý: Nghị định 154/2026/NĐ-CP)."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.citizen import event_context
from complaints.partners.webhooks import webhook_payload
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def test_a_suspension_mail_shows_no_running_deadline(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    event = act(case, "suspend", leader, reason="Chờ giám định", decided_on="2026-09-11")
    case.refresh_from_db()
    context = event_context(case, event)
    assert context["status_label"] == "Tạm đình chỉ"
    assert case.resolve_by and context["resolve_by"] == ""


def test_a_reports_acceptance_speaks_of_handling(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "accept", leader)
    case.refresh_from_db()
    assert event_context(case, event)["status_label"] == "Đang xử lý"
    payload = webhook_payload(case=case, event=event, delivery_id=1)
    assert payload["event"]["status_label"] == "Đang xử lý"
    assert payload["status"] == "accepted"
