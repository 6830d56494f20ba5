"""A second-time complaint that arrives after its window (khoản 1 Điều 33 Luật Khiếu nại:
30 days, 45 in a remote area, from receiving the first decision) is filed, never refused at
the door (the receiver decides: khoản 6 Điều 11, Điều 9 Luật Khiếu nại), but staff see it
flagged on the case page with the days counted, whether the citizen filed it on the portal
or staff recorded a paper letter with the day it arrived."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.utils import timezone

from complaints.kinds import CaseStatus
from complaints.models import Case
from complaints.rules.citizen_guidance import second_complaint_url
from complaints.services import intake
from complaints.services.second_time import second_time_check
from tests.complaints.admin.helpers import intake_user
from tests.complaints.documents.helpers import leader
from tests.complaints.intake_factories import REPORTER, submission
from tests.factories import DEFAULT_PIN

from .second_round_helpers import concluded_first, second_form

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _form(hospital, received_on: datetime.date, **overrides):
    """The form for the decision signed 50 days ago, received by the citizen `received_on`."""
    return second_form(hospital, signed_on=_days_ago(50), received_on=received_on,
                       form_token="token-late", **overrides)


def _window_due(received: datetime.date, *, remote: bool = False) -> datetime.date:
    """The window's last day as the deadline engine counts it (a last day that is a day off
    moves to the next working day): complaints/services/test_second_time.py pins it."""
    return second_time_check(
        first_decision_ref="15/QĐ-BVĐK", first_decision_received_on=received,
        first_deadline_passed=False, first_accepted_on=None, remote=remote, today=received,
    ).window_due


def _case_page(client, case, user) -> str:
    client.force_login(user)
    response = client.get(f"/admin/ho-so/{case.tracking_code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_late_second_complaint_from_the_form_is_filed_and_flagged_for_staff(client):
    first, hospital, boss = concluded_first(signed_days_ago=50, accepted_days_ago=55)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)
    received = _days_ago(40)  # the window ran out days ago
    due = _window_due(received)
    late = (timezone.localdate() - due).days

    asked = client.post(link, _form(hospital, received))
    assert asked.status_code == 200 and "Điều 33 Luật Khiếu nại" in asked.content.decode()
    assert not Case.objects.filter(second_time=True).exists()

    filed = client.post(link, _form(hospital, received, confirm_late="on"))
    assert filed.status_code == 302, filed.content.decode()[:2000]
    receipt = client.get(filed["Location"]).content.decode()
    assert "Điều 33 Luật Khiếu nại" in receipt  # the citizen is told on the receipt

    second = Case.objects.get(second_time=True)
    assert second.parent_case == first and second.status == CaseStatus.RECEIVED
    page = _case_page(client, second, boss)
    assert "Khiếu nại lần hai gửi quá thời hạn" in page
    assert "khoản 1 Điều 33 Luật Khiếu nại" in page
    assert f"đã hết ngày {_dmy(due)}" in page and f"quá {late} ngày" in page
    assert "Điều 9 Luật Khiếu nại" in page  # an objective obstacle is not counted
    assert "khoản 6 Điều 11 Luật Khiếu nại" in page


def test_a_second_complaint_in_time_is_not_flagged(client):
    first, hospital, boss = concluded_first(signed_days_ago=50, accepted_days_ago=55)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)
    filed = client.post(link, _form(hospital, _days_ago(20)))
    assert filed.status_code == 302
    page = _case_page(client, Case.objects.get(second_time=True), boss)
    assert "Khiếu nại lần hai gửi quá thời hạn" not in page


def _letter(received_on: datetime.date, decision_received_on: datetime.date):
    data = submission(
        "khieu_nai",
        facility="BV-DKT-QNG",
        decision_date=decision_received_on,
        incident_date=decision_received_on,
        reporter=dataclasses.replace(REPORTER, phone="0905111444"),
    )
    data = dataclasses.replace(
        data, second_time=True, first_decision_ref="15/QĐ-BVĐK",
        first_decision_received_on=decision_received_on,
    )
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
    return intake.case_submit(
        data=data, channel="mail", received_at=received_at, actor=intake_user()
    )


def test_a_paper_letter_counts_to_the_day_it_arrived(client, demo_reference_data):
    """A letter that reached the Sở on day 25 and was typed in on day 60 was made in time; one
    that arrived on day 40 is late by the days from the window's end to its arrival, not to
    the typing."""
    decision = _days_ago(60)
    in_time = _letter(decision + datetime.timedelta(days=25), decision)
    assert in_time.warnings == ()
    staff = leader(facility=None)
    assert "Khiếu nại lần hai gửi quá thời hạn" not in _case_page(client, in_time.case, staff)

    arrived = decision + datetime.timedelta(days=40)
    late = _letter(arrived, decision)
    assert "Điều 33 Luật Khiếu nại" in late.warnings[0]
    page = _case_page(client, late.case, staff)
    due = _window_due(decision)
    assert "Khiếu nại lần hai gửi quá thời hạn" in page
    assert f"quá {(arrived - due).days} ngày" in page
    assert f"đơn đến ngày {_dmy(arrived)}" in page and f"đã hết ngày {_dmy(due)}" in page


def test_a_remote_area_has_45_days(client, demo_reference_data):
    decision = _days_ago(60)
    arrived = decision + datetime.timedelta(days=40)
    assert _window_due(decision) < arrived <= _window_due(decision, remote=True)
    letter = _letter(arrived, decision)
    staff = leader(facility=None)
    assert "cho 30 ngày" in _case_page(client, letter.case, staff)
    Case.objects.filter(pk=letter.case.pk).update(is_remote=True)
    assert "Khiếu nại lần hai gửi quá thời hạn" not in _case_page(client, letter.case, staff)
