"""The procedure's actions through the admin forms and the staff API: the forms offer the
kind's grounds, a dialogue is scheduled from the browser's date-time field, and the API
refuses a review by the deciding unit with 409 and a withdrawal without the permission 403."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, DialogueMeeting, FacilityKind
from complaints.selectors.tracking import case_public_view
from complaints.transitions import transition_for
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]


def api_for(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def test_the_reject_form_offers_only_the_grounds_of_the_kind():
    for kind, expected, foreign in [
        (CaseKind.KHIEU_NAI, "kn_unsigned", "tc_no_violator"),
        (CaseKind.TO_CAO, "tc_no_violator", "kn_unsigned"),
        (CaseKind.PHAN_ANH, "pa_outside_scope", "kn_unsigned"),
    ]:
        case = case_in(kind, CaseStatus.RECEIVED)
        form = TransitionForm(transition=transition_for(case=case, action="reject"), case=case)
        choices = dict(form.fields["legal_ground"].choices)
        assert expected in choices and foreign not in choices
        # A reading the law copies do not confirm says so to the officer.
        assert ("chưa xác nhận" in str(choices[expected])) == (kind == CaseKind.PHAN_ANH)


def test_a_refusal_through_the_admin_tells_the_citizen_the_ground_and_its_article(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    # A complaint's refusal is its competent unit's leader's (complaints/rules/resolver.py).
    leader = UserFactory(
        perms=[*STAFF, "complaints.view_all_cases", "complaints.approve_case"],
        facility=case.assigned_unit,
    )
    client.force_login(leader)
    response = client.post(
        reverse("complaints_admin:action", args=[case.tracking_code, "reject"]),
        {"reject-expected_status": "received", "reject-reason": "Nộp đơn sau 5 tháng",
         "reject-legal_ground": "kn_time_expired"},
    )  # fmt: skip
    assert response.status_code == 302
    last = case_public_view(case=case).timeline[-1]
    assert "Thời hiệu, thời hạn khiếu nại đã hết" in last.message
    assert "khoản 6 Điều 11 Luật Khiếu nại" in last.message
    assert "Nộp đơn sau 5 tháng" in last.message


def test_a_dialogue_is_scheduled_from_the_admin_form(client):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    # Of the unit resolving it: its staff organize the dialogue (rules/dialogue.py).
    user = UserFactory(perms=[*STAFF, "complaints.view_all_cases"], facility=case.assigned_unit)
    client.force_login(user)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "Chưa thực hiện: chưa kết luận được." in page.content.decode()
    day = timezone.localdate() + datetime.timedelta(days=7)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "schedule_dialogue"])
    too_soon = client.post(url, {
        "schedule_dialogue-expected_status": "verifying",
        "schedule_dialogue-scheduled_at": f"{timezone.localdate().isoformat()}T15:00",
        "schedule_dialogue-place": "Sở Y tế", "schedule_dialogue-participants": "Các bên",
    })  # fmt: skip
    assert too_soon.status_code == 400 and "ít nhất 05 ngày" in too_soon.content.decode()
    response = client.post(url, {
        "schedule_dialogue-expected_status": "verifying",
        "schedule_dialogue-scheduled_at": f"{day.isoformat()}T09:30",
        "schedule_dialogue-place": "Phòng tiếp công dân Sở Y tế",
        "schedule_dialogue-participants": "Người khiếu nại; Giám đốc Sở; Bệnh viện A",
    })  # fmt: skip
    assert response.status_code == 302
    meeting = DialogueMeeting.objects.get(case=case)
    assert timezone.localtime(meeting.scheduled_at).strftime("%Y-%m-%d %H:%M") == (
        f"{day.isoformat()} 09:30"
    )
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "Phòng tiếp công dân Sở Y tế" in page.content.decode()


def test_the_api_refuses_a_review_by_the_deciding_unit_and_a_withdrawal_without_permission():
    so = FacilityFactory(code="SYT", kind=FacilityKind.DEPARTMENT, name="Sở Y tế")
    hospital = FacilityFactory(code="BV-A", parent=so)
    own = UserFactory(perms=[*STAFF, "complaints.approve_case"], facility=hospital)
    case = case_in(CaseKind.TO_CAO, CaseStatus.CONCLUDED, facility=hospital)
    body = {"reason": "Sai", "review_decision": "QĐ 1"}
    response = api_for(own).post(
        f"/api/v1/cases/{case.tracking_code}/actions/reopen", data=json.dumps(body),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 409 and "Điều 37 Luật Tố cáo" in response.json()["detail"]
    open_case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    body = {"form": "written", "document_ref": "Đơn rút"}
    response = api_for(own).post(
        f"/api/v1/cases/{open_case.tracking_code}/actions/withdraw", data=json.dumps(body),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    case.refresh_from_db()
    open_case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and open_case.status == CaseStatus.ACCEPTED
