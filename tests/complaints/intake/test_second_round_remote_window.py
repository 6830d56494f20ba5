"""The citizen's second-complaint form cannot know whether the case will be flagged as in a
remote area, so its guidance gives both windows of khoản 1 Điều 33 Luật Khiếu nại: 30 days,
45 in a remote area where travel is difficult (vùng sâu, vùng xa đi lại khó khăn); staff
see the one the flag gives. A citizen past 30 days is asked to confirm, then filed: never
refused at the door (khoản 6 Điều 11, Điều 9 Luật Khiếu nại: the one who accepts decides)."""

from __future__ import annotations

import datetime

import pytest

from complaints.kinds import CaseStatus
from complaints.models import Case
from complaints.rules.citizen_guidance import second_complaint_url
from complaints.services.second_time import second_time_check
from tests.factories import DEFAULT_PIN

from .second_round_helpers import concluded_first, days_ago, second_form

pytestmark = pytest.mark.django_db
D = datetime.date
BOTH = "ở vùng sâu, vùng xa đi lại khó khăn thì có thể kéo dài nhưng không quá 45 ngày"


def test_the_late_warning_gives_both_windows_with_their_days():
    # received 1/9: 30 days to Thu 1/10, 45 days to Fri 16/10 (the engine's count)
    check = second_time_check(
        first_decision_ref="12/QĐ-BV", first_decision_received_on=D(2026, 9, 1),
        first_deadline_passed=False, first_accepted_on=None, today=D(2026, 10, 2),
    )
    assert check.status == "late" and check.window_due == D(2026, 10, 1)
    assert "30 ngày" in check.message and BOTH in check.message
    assert "01/10/2026" in check.message and "16/10/2026" in check.message
    assert "Điều 33 Luật Khiếu nại" in check.message


def test_past_both_windows_it_says_both_ran_out():
    check = second_time_check(
        first_decision_ref="12/QĐ-BV", first_decision_received_on=D(2026, 9, 1),
        first_deadline_passed=False, first_accepted_on=None, today=D(2026, 11, 2),
    )
    assert check.status == "late" and BOTH in check.message
    assert "16/10/2026" in check.message and "Điều 11" in check.message


def test_without_a_decision_both_windows_too():
    check = second_time_check(
        first_decision_ref="", first_decision_received_on=None, first_deadline_passed=True,
        first_accepted_on=D(2026, 8, 3), today=D(2026, 10, 6),
    )
    assert check.status == "late" and BOTH in check.message
    assert "05/10/2026" in check.message


def test_the_form_says_both_before_anything_is_typed(client):
    first, _hospital, _boss = concluded_first(signed_days_ago=10, accepted_days_ago=15)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    page = client.get(second_complaint_url(first.tracking_code)).content.decode()
    assert "30 ngày" in page and BOTH in page and "khoản 1 Điều 33 Luật Khiếu nại" in page


def test_a_citizen_past_30_days_is_filed_not_refused(client):
    first, hospital, _boss = concluded_first(signed_days_ago=50, accepted_days_ago=55)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)
    received = days_ago(35)  # past 30 days, within 45
    asked = client.post(link, second_form(hospital, signed_on=days_ago(50), received_on=received,
                                          form_token="token-35"))  # fmt: skip
    assert asked.status_code == 200 and BOTH in asked.content.decode()
    assert not Case.objects.filter(second_time=True).exists()
    filed = client.post(link, second_form(hospital, signed_on=days_ago(50), received_on=received,
                                          form_token="token-35", confirm_late="on"))  # fmt: skip
    assert filed.status_code == 302, filed.content.decode()[:2000]
    second = Case.objects.get(second_time=True)
    assert second.status == CaseStatus.RECEIVED and second.parent_case == first
