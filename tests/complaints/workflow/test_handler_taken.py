"""A case nobody was given to: the officer of its unit who takes a handling step on it (thụ
lý, xác minh, đối thoại, kết luận) becomes its handler, recorded as an internal assignment
(the case's history, an internal "Giao xử lý" event naming the step), without alerting the
unit again. A tố cáo's handler is named by a leader's own act only (he learns the
denouncer's identity: Điều 47 Luật Tố cáo): there the page says who took the steps."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from complaints.approvals.services import draft_approve, draft_propose
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, FacilityKind
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in, valid_data

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
INSPECTOR = [*LEADER, "complaints.view_all_cases"]


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-DP", name="Bệnh viện Đa khoa Đức Phổ", email="bv@example.vn")


@pytest.fixture
def director(unit):
    return UserFactory(perms=LEADER, facility=unit, last_name="Phạm", first_name="Đạo",
                       email="dao@example.vn")


def handler_line(user, case) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    start = page.index("Cán bộ xử lý</dt>")
    return page[start : page.index("</dd>", start)]


def test_the_director_who_verifies_an_unassigned_complaint_himself_becomes_its_handler(
    unit, director, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "accept", director)
    case.refresh_from_db()
    # thụ lý is the resolver's decision (Điều 27 Luật Khiếu nại), not the case's handling:
    # after it he assigns the verification (khoản 1 Điều 29), so nobody is taken on yet
    assert case.assigned_user is None
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()
    with django_capture_on_commit_callbacks(execute=True):
        started = act(case, "start_verification", director, verifier_no_conflict=True)
    case.refresh_from_db()
    assert case.assigned_user == director and case.assigned_unit == unit
    taken = CaseEvent.objects.get(case=case, action="assign")
    assert taken.is_public is False and taken.actor == director
    assert taken.data["user"] == director.username
    assert taken.data["taken_with"] == "start_verification"
    assert taken.data["facility"] == unit.code
    assert "Xác minh" in taken.note or "xác minh" in taken.note
    assert (taken.at, taken.pk) > (started.at, started.pk)  # after the step, in the timeline
    last = case.history.order_by("-history_id").first()
    assert last.assigned_user_id == director.pk and last.history_user_id == director.pk
    staff_mail = [m for m in mail.outbox if {"bv@example.vn", "dao@example.vn"} & set(m.to)]
    assert not staff_mail  # the unit is not alerted again, nor he of his own case
    line = handler_line(director, case)
    assert "Phạm Đạo" in line and "chưa giao" not in line


def test_an_officer_who_accepts_a_petition_becomes_its_handler(unit):
    officer = UserFactory(perms=HANDLER, facility=unit)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", officer)  # a phản ánh's acceptance is the unit's handling
    case.refresh_from_db()
    assert case.assigned_user == officer


def test_an_administrators_account_outside_the_unit_is_never_taken_on():
    # the Văn phòng Sở: its people include the province-wide staff of no unit, which an
    # administrator's account (all permissions, no unit) would otherwise count as
    office = FacilityFactory(code="VP-SYT", kind=FacilityKind.OFFICE)
    admin = UserFactory(perms=[*HANDLER, "complaints.view_all_cases"], superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=office)
    act(case, "accept", admin)
    case.refresh_from_db()
    assert case.assigned_user is None
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()


def test_a_draft_whose_author_is_gone_makes_nobody_the_handler(unit, director):
    officer = UserFactory(perms=HANDLER, facility=unit)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = draft_propose(
        case_id=case.pk, action="conclude", actor=officer, origin="test",
        data=valid_data("conclude", facility_code=unit.code, kind="phan_anh"),
    )
    officer.delete()  # the draft keeps no author (SET_NULL)
    draft_approve(draft_id=draft.pk, actor=director, origin="test")
    case.refresh_from_db()
    assert case.assigned_user is None  # the approving leader is not taken on in his place


def test_later_steps_keep_the_handler_he_took(unit, director):
    officer = UserFactory(perms=HANDLER, facility=unit)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    act(case, "assign", director, facility=unit.code, user=officer.username)
    act(case, "accept", director)
    case.refresh_from_db()
    assert case.assigned_user == officer  # a handler named stays
    assert CaseEvent.objects.filter(case=case, action="assign").count() == 1


def test_an_assignment_to_the_unit_only_takes_nobody(unit, director):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    act(case, "assign", director, facility=unit.code)
    act(case, "request_info", director, message="Đề nghị gửi bản có chữ ký.")
    case.refresh_from_db()
    assert case.assigned_user is None  # neither routing nor asking for papers is handling


def test_someone_outside_the_unit_does_not_become_its_handler(unit):
    inspector = UserFactory(perms=INSPECTOR, facility=FacilityFactory(code="SYT"))
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", inspector)
    case.refresh_from_db()
    assert case.assigned_user is None
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()


def test_an_approved_draft_makes_its_author_the_handler_not_the_approver(unit, director):
    officer = UserFactory(perms=HANDLER, facility=unit, last_name="Lê Văn", first_name="Cơ")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit)
    draft = draft_propose(
        case_id=case.pk, action="conclude", actor=officer, origin="test",
        data=valid_data("conclude", facility_code=unit.code, kind="phan_anh"),
    )
    draft_approve(draft_id=draft.pk, actor=director, origin="test")
    case.refresh_from_db()
    assert case.assigned_user == officer
    taken = CaseEvent.objects.get(case=case, action="assign")
    assert taken.actor == director and taken.data["user"] == officer.username


def test_a_denunciation_keeps_no_handler_but_the_page_says_who_took_the_steps(unit, director):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=unit)
    act(case, "accept", director)
    case.refresh_from_db()
    assert case.assigned_user is None  # naming the handler stays the leader's own act
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()
    line = handler_line(director, case)
    assert "chưa giao" in line and "Phạm Đạo" in line
    assert "các bước do Phạm Đạo thực hiện" in line


def test_an_unassigned_case_nobody_handled_reads_chua_giao(unit, director):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    line = handler_line(director, case)
    assert line.endswith("chưa giao")
