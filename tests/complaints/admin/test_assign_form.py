"""The case page's "Giao xử lý" offers only what the workflow accepts: on a tố cáo only a
leader names the handler (khoản 1 Điều 31, Điều 47 Luật Tố cáo), so to an officer the form
lists no officer and says the unit's leader assigns; a leader, and anyone on a phản ánh,
chooses the officer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

from .helpers import STAFF, handler_user

pytestmark = pytest.mark.django_db

USER_SELECT = 'name="assign-user"'
NOTICE = "lãnh đạo đơn vị sẽ giao người xác minh"


@pytest.fixture
def hospital():
    return FacilityFactory(code="BV-SAN", name="Bệnh viện Sản")


@pytest.fixture
def officer(hospital):
    return handler_user(hospital, username="can-bo", first_name="Cán bộ", last_name="Một")


@pytest.fixture
def colleague(hospital):
    return handler_user(hospital, username="dong-nghiep", first_name="Đồng nghiệp",
                        last_name="Hai")


@pytest.fixture
def leader(hospital):
    return UserFactory(
        perms=[*STAFF, "complaints.approve_case"], admin_access=True, facility=hospital,
        username="lanh-dao",
    )


def _case(kind, hospital):
    return case_in(kind, CaseStatus.RECEIVED, facility=hospital)


def _assign_form(response):
    return next(f for f in response.context["action_forms"] if f.transition.action == "assign")


def _page(case):
    return reverse("complaints_admin:detail", args=[case.tracking_code])


def _action(case):
    return reverse("complaints_admin:action", args=[case.tracking_code, "assign"])


def test_an_officer_is_offered_no_handler_on_a_denunciation_and_told_who_assigns(
    client, hospital, officer, colleague
):
    case = _case(CaseKind.TO_CAO, hospital)
    client.force_login(officer)
    for url in (_page(case), _action(case)):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert USER_SELECT not in html and "dong-nghiep" not in html
        assert NOTICE in html and "khoản 1 Điều 31, Điều 47 Luật Tố cáo" in html
    form = _assign_form(client.get(_page(case)))
    assert "user" not in form.fields and "facility" in form.fields

    # The unit alone is theirs to give.
    response = client.post(
        _action(case),
        {"assign-expected_status": case.status, "assign-facility": hospital.code},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_unit == hospital and case.assigned_user is None


def test_an_officer_naming_a_colleague_on_a_denunciation_by_hand_is_refused(
    client, hospital, officer, colleague
):
    case = _case(CaseKind.TO_CAO, hospital)
    client.force_login(officer)
    response = client.post(
        _action(case),
        {
            "assign-expected_status": case.status,
            "assign-facility": hospital.code,
            "assign-user": colleague.username,
        },
    )
    assert response.status_code == 400
    assert NOTICE in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()
    case.refresh_from_db()
    assert case.assigned_user is None


def test_a_leader_chooses_the_handler_of_a_denunciation(client, hospital, leader, colleague):
    case = _case(CaseKind.TO_CAO, hospital)
    client.force_login(leader)
    html = client.get(_page(case)).content.decode()
    assert USER_SELECT in html and "dong-nghiep" in html and NOTICE not in html
    response = client.post(
        _action(case),
        {
            "assign-expected_status": case.status,
            "assign-facility": hospital.code,
            "assign-user": colleague.username,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_user == colleague


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_anyone_chooses_the_handler_of_a_report(client, request, hospital, colleague, who):
    case = _case(CaseKind.PHAN_ANH, hospital)
    client.force_login(request.getfixturevalue(who))
    html = client.get(_page(case)).content.decode()
    assert USER_SELECT in html and "dong-nghiep" in html and NOTICE not in html
    response = client.post(
        _action(case),
        {
            "assign-expected_status": case.status,
            "assign-facility": hospital.code,
            "assign-user": colleague.username,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_user == colleague
