"""Who may be named handler by `assign` (README "Actions"): one of the people of the unit
given the case, and on a tố cáo only by a leader (the approve permission), neither oneself
nor a colleague by an officer, since the resolver assigns the verification (khoản 1 Điều 31
Luật Tố cáo) and the handler sees the denouncer's identity (Điều 47, khoản 3 Điều 8)."""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent, FacilityKind, IdentityAccessLog
from complaints.selectors.identity import can_see_identity, handles_case
from complaints.services.workflow import TransitionInvalid
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INSPECTOR = [*HANDLER, "complaints.view_all_cases", "complaints.view_denouncer_identity"]
LEADER = [*INSPECTOR, "complaints.approve_case"]
ADMIN = "wagtailadmin.access_admin"


@pytest.fixture
def units():
    department = FacilityFactory(code="SYT", name="Sở Y tế", kind=FacilityKind.DEPARTMENT)
    inspectorate = FacilityFactory(
        code="TTRA", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE, parent=department
    )
    hospital = FacilityFactory(code="BV-SAN", kind=FacilityKind.HOSPITAL, parent=department)
    return department, inspectorate, hospital


def test_an_inspector_of_no_unit_cannot_name_themselves_on_a_hospital_denunciation(units):
    """The reviewer's steps: `inspector` (every case in scope, no unit) assigns a tố cáo
    to the hospital naming themselves, then reads the case: refused, nothing shown."""
    _department, _inspectorate, hospital = units
    inspector = UserFactory(perms=INSPECTOR)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    _token, key = ApiToken.issue(user=inspector, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    response = client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/assign",
        data=json.dumps({"facility": hospital.code, "user": inspector.username}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không thuộc đơn vị được giao" in json.dumps(response.json(), ensure_ascii=False)
    case.refresh_from_db()
    assert case.assigned_user is None
    body = client.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert body["reporter"]["visible"] is False
    assert "Nguyễn Thị Dân" not in json.dumps(body, ensure_ascii=False)
    assert not IdentityAccessLog.objects.exists()


def test_nobody_of_another_unit_is_named_handler_whatever_they_may_see(units):
    department, _inspectorate, hospital = units
    leader = UserFactory(perms=LEADER, facility=department)
    province_wide = UserFactory(perms=INSPECTOR)
    of_the_department = UserFactory(perms=HANDLER, facility=department)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    for user in (province_wide, of_the_department):
        with pytest.raises(TransitionInvalid) as invalid:
            act(case, "assign", leader, facility=hospital.code, user=user.username)
        assert invalid.value.errors["user"] == ["Cán bộ này không thuộc đơn vị được giao."]
    of_the_hospital = UserFactory(perms=HANDLER, facility=hospital)
    act(case, "assign", leader, facility=hospital.code, user=of_the_hospital.username)
    case.refresh_from_db()
    assert case.assigned_user == of_the_hospital


def test_naming_oneself_on_a_denunciation_takes_a_leader(units):
    department, inspectorate, hospital = units
    inspector = UserFactory(perms=INSPECTOR)  # one of the Sở inspectorate's people
    # About a hospital: a denunciation of the inspectorate is never its people's to read.
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "assign", inspector, facility=inspectorate.code, user=inspector.username)
    (message,) = invalid.value.errors["user"]
    assert "Không tự giao cho mình giải quyết tố cáo" in message
    assert "Điều 47 Luật Tố cáo" in message
    case.refresh_from_db()
    assert case.assigned_user is None
    assert not can_see_identity(case=case, user=inspector)

    # The unit alone, or another kind of case, is the inspector's to take.
    act(case, "assign", inspector, facility=inspectorate.code)
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=inspectorate)
    act(report, "assign", inspector, facility=inspectorate.code, user=inspector.pk)
    report.refresh_from_db()
    assert report.assigned_user == inspector

    # A leader gives the denunciation to the inspector, who then handles it.
    leader = UserFactory(perms=LEADER, facility=department)
    act(case, "assign", leader, facility=inspectorate.code, user=inspector.username)
    case.refresh_from_db()
    assert case.assigned_user == inspector
    assert can_see_identity(case=case, user=inspector)

    # A leader may name themselves (they supervise it anyway: Điều 56 Luật Tố cáo).
    act(case, "assign", leader, facility=department.code, user=leader.username)
    case.refresh_from_db()
    assert (case.assigned_unit, case.assigned_user) == (department, leader)


def test_the_bulk_assignment_refuses_naming_oneself_on_a_denunciation(client, units):
    _department, inspectorate, _hospital = units
    inspector = UserFactory(perms=[*INSPECTOR, ADMIN])
    denunciation = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=inspectorate)
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=inspectorate)
    client.force_login(inspector)
    response = client.post(
        "/admin/ho-so/giao-xu-ly/",
        {
            "case_ids": [denunciation.pk, report.pk],
            "facility": inspectorate.code,
            "user": inspector.username,
        },
    )
    assert response.status_code == 302
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Chưa giao hồ sơ nào." in text and "Điều 47 Luật Tố cáo" in text
    assert not CaseEvent.objects.filter(action="assign").exists()
    denunciation.refresh_from_db()
    assert denunciation.assigned_user is None


def test_an_officer_does_not_name_a_colleague_to_verify_a_denunciation(units):
    """The resolver (a leader) assigns who verifies a tố cáo (khoản 1 Điều 31 Luật Tố cáo):
    an officer of the unit gives the case to the unit, not to a colleague of their choice,
    who would then read the denouncer's identity (Điều 47)."""
    _department, _inspectorate, hospital = units
    officer = UserFactory(perms=[*HANDLER, "complaints.view_denouncer_identity"],
                          facility=hospital)
    colleague = UserFactory(perms=[*HANDLER, "complaints.view_denouncer_identity"],
                            facility=hospital)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital,
                   assigned_unit=hospital)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "assign", officer, facility=hospital.code, user=colleague.username)
    (message,) = invalid.value.errors["user"]
    assert "Chỉ lãnh đạo giao cán bộ xác minh tố cáo" in message
    assert "khoản 1 Điều 31, Điều 47 Luật Tố cáo" in message
    case.refresh_from_db()
    assert case.assigned_user is None
    assert not CaseEvent.objects.filter(case=case, action="assign").exists()

    # The unit alone is the officer's to give; a report's handler is theirs to name.
    act(case, "assign", officer, facility=hospital.code)
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    act(report, "assign", officer, facility=hospital.code, user=colleague.username)
    report.refresh_from_db()
    assert report.assigned_user == colleague

    # The hospital's leader names the colleague to verify it.
    head = UserFactory(perms=[*HANDLER, "complaints.approve_case"], facility=hospital)
    act(case, "assign", head, facility=hospital.code, user=colleague.username)
    case.refresh_from_db()
    assert case.assigned_user == colleague


def test_the_api_refuses_an_officer_naming_a_colleague_on_a_denunciation(units):
    _department, _inspectorate, hospital = units
    officer = UserFactory(perms=HANDLER, facility=hospital)
    colleague = UserFactory(perms=HANDLER, facility=hospital)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    _token, key = ApiToken.issue(user=officer, name="test")
    response = Client(headers={"Authorization": f"Token {key}"}).post(
        f"/api/v1/cases/{case.tracking_code}/actions/assign",
        data=json.dumps({"facility": hospital.code, "user": colleague.username}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "khoản 1 Điều 31" in json.dumps(response.json(), ensure_ascii=False)
    case.refresh_from_db()
    assert case.assigned_user is None


def test_an_officer_of_the_inspectorate_handles_a_case_the_giam_doc_so_resolves(units):
    """A second-time complaint is the Sở's (khoản 2 Điều 20 Luật Khiếu nại) and its
    inspectorate verifies it (Điều 38): an inspector who is a member of Thanh tra Sở is one
    of the Sở's people, named handler of a case given to the Sở, offered in its group of the
    chooser, and sees the denouncer of a tố cáo given to the Sở once named; the reverse does
    not hold (an officer of the Sở itself is not one of the inspectorate's people)."""
    from complaints.selectors.unit_staff import handler_choices_by_unit, is_unit_staff

    department, inspectorate, hospital = units
    leader = UserFactory(perms=LEADER, facility=department)
    inspector = UserFactory(username="thanhtra", perms=INSPECTOR, facility=inspectorate)
    of_the_department = UserFactory(perms=HANDLER, facility=department)
    assert is_unit_staff(facility=department, user=inspector)
    assert not is_unit_staff(facility=inspectorate, user=of_the_department)
    groups = dict(handler_choices_by_unit())
    assert "thanhtra" in [name for name, _label in groups[f"{department.name} (SYT)"]]

    # a tố cáo against the hospital's head: the Sở above resolves it (khoản 1 Điều 12 Luật
    # Tố cáo)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital,
                   assigned_unit=department)
    act(case, "assign", leader, facility=department.code, user=inspector.username)
    case.refresh_from_db()
    assert case.assigned_user == inspector
    assert can_see_identity(case=case, user=inspector)


PRESS = [*HANDLER, "complaints.view_press_cases"]


@pytest.fixture
def office(units):
    department, _inspectorate, _hospital = units
    return FacilityFactory(
        code="VP", name="Văn phòng Sở", kind=FacilityKind.OFFICE, parent=department
    )


def test_a_press_officer_is_named_handler_of_a_press_case_given_to_the_office(units, office):
    """presswalk F7: the press office (bộ phận truyền thông) is part of Văn phòng Sở, which
    answers the press (routing rule 10): its officers, who belong to no unit, are people of
    the office for the press cases, offered under it in "Giao xử lý" and named there."""
    from complaints.selectors.unit_staff import handler_choices_by_unit

    _department, _inspectorate, hospital = units
    press_head = UserFactory(perms=[*PRESS, "complaints.approve_case"])
    press = UserFactory(username="baochi", perms=PRESS)
    groups = dict(handler_choices_by_unit(case_kind=CaseKind.BAO_CHI))
    assert "baochi" in [name for name, _label in groups[f"{office.name} (VP)"]]
    assert "baochi" not in [
        name for name, _label in groups.get(f"{hospital.name} ({hospital.code})", [])
    ]
    case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, facility=office)
    act(case, "assign", press_head, facility=office.code, user=press.username)
    case.refresh_from_db()
    assert case.assigned_user == press
    # the identity rules read the same rule (`_works_for_unit`): the office's handler
    assert handles_case(case, user=press)


def test_a_press_officer_is_not_named_handler_outside_the_office_nor_of_its_other_cases(
    units, office
):
    """The press office's officers handle press cases only (`in_scope_of`): never a
    hospital's case, nor a complaint given to the office, which they could not open."""
    _department, _inspectorate, hospital = units
    leader = UserFactory(perms=LEADER)
    press = UserFactory(perms=PRESS)
    for case, unit in (
        (case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, facility=hospital), hospital),
        (case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=office), office),
    ):
        with pytest.raises(TransitionInvalid) as invalid:
            act(case, "assign", leader, facility=unit.code, user=press.username)
        assert invalid.value.errors["user"] == ["Cán bộ này không thuộc đơn vị được giao."]
    # named before this rule, the press officer is not the handler of the office's
    # complaint for the identity rules either
    complaint = case_in(CaseKind.PHAN_ANH, CaseStatus.ACCEPTED, facility=office,
                        assigned_user=press)
    assert not handles_case(complaint, user=press)


def test_the_chooser_lists_the_press_officers_only_for_a_press_case(client, units, office):
    """The press office's officers handle press cases only (`press_office_counts`): the
    "Cán bộ xử lý" select of the office lists them on a press case's "Giao xử lý", never
    on a complaint given to the office, nor on the list's bulk form unless every case it
    may carry is a press case — the server would refuse them there."""
    from django.urls import reverse

    from complaints.admin.forms import BulkAssignForm
    from complaints.selectors.unit_staff import handler_choices_by_unit

    UserFactory(username="baochi", perms=PRESS)
    label = f"{office.name} (VP)"
    leader = UserFactory(perms=[*LEADER, "complaints.view_press_cases"], admin_access=True)

    def offered(groups) -> list[str]:
        return [name for name, _label in dict(groups).get(label, [])]

    assert "baochi" not in offered(handler_choices_by_unit())
    assert "baochi" in offered(handler_choices_by_unit(case_kind=CaseKind.BAO_CHI))

    client.force_login(leader)
    for kind, listed in ((CaseKind.BAO_CHI, True), (CaseKind.PHAN_ANH, False)):
        case = case_in(kind, CaseStatus.ACCEPTED, facility=office)
        page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
        form = next(f for f in page.context["action_forms"] if f.transition.action == "assign")
        assert ("baochi" in offered(form.fields["user"].choices)) is listed, kind

    press_case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, facility=office)
    complaint = case_in(CaseKind.PHAN_ANH, CaseStatus.ACCEPTED, facility=office)
    press_only = BulkAssignForm(kinds={press_case.pk: CaseKind.BAO_CHI}, user=leader)
    mixed = BulkAssignForm(
        kinds={press_case.pk: CaseKind.BAO_CHI, complaint.pk: CaseKind.PHAN_ANH}, user=leader
    )
    assert "baochi" in offered(press_only.fields["user"].choices)
    assert "baochi" not in offered(mixed.fields["user"].choices)
    # posted on a form of press cases only, the press officer is accepted by the form
    posted = BulkAssignForm(
        {"case_ids": [press_case.pk], "facility": "VP", "user": "baochi"},
        kinds={press_case.pk: CaseKind.BAO_CHI},
        user=leader,
    )
    assert posted.is_valid(), posted.errors
