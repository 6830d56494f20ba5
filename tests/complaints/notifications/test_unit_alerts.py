"""Alerts (issue 11, item 2): a unit is e-mailed at once when a case is routed or assigned
to it (a background task after commit; never the denouncer's identity), the case is new
in its staff's list until opened, the unit sets who is notified, and "Giao xử lý"
offers and accepts only the chosen unit's people."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from complaints.admin.forms import BulkAssignForm, TransitionForm
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import CaseAlert, FacilityKind, FacilityMembership
from complaints.notifications.unit_settings import unit_notified_set, units_managed_by
from complaints.services.intake import case_submit
from complaints.services.workflow import case_transition
from complaints.transitions import transition_for
from tests.complaints.intake_factories import submission
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, RoutingRuleFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
DENOUNCER = ("Nguyễn Thị Lan", "0905123456", "lan.nguyen@example.vn", "051190000123", "Phổ Cường")


@pytest.fixture
def unit():
    unit = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ", email="ttyt@example.vn")
    notified = UserFactory(
        perms=HANDLER, facility=unit, email="co@example.vn", last_name="Lê Văn", first_name="Cơ"
    )
    silent = UserFactory(perms=HANDLER, facility=unit, email="im@example.vn")
    FacilityMembership.objects.filter(user=silent).update(receives_notifications=False)
    return unit, notified, silent


def staff_mails(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_routed_tố_cáo_alerts_the_unit_without_the_denouncer(
    unit, django_capture_on_commit_callbacks
):
    unit, notified, silent = unit
    RoutingRuleFactory(kind="to_cao")  # to the facility itself (Điều 12 Luật Tố cáo)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_submit(
            data=submission(
                kind="to_cao",
                facility=unit.code,
                title="Nguyễn Thị Lan tố cáo bác sĩ nhận tiền",
                accused_name="Trần Văn Bình",
                accused_position="Bác sĩ",
                truth_declaration=True,
            ),
            channel=Channel.WEB,
        ).case
    case.refresh_from_db()
    assert case.assigned_unit == unit
    sent = staff_mails("co@example.vn")
    assert len(sent) == 1
    message = sent[0]
    assert sorted(message.to) == ["co@example.vn", "ttyt@example.vn"]
    assert case.tracking_code in message.subject and "Trung tâm Y tế Đức Phổ" in message.subject
    assert f"/admin/ho-so/{case.tracking_code}/" in message.body
    text = message.subject + message.body
    for secret in DENOUNCER:
        assert secret not in text  # not even through the title the denouncer wrote
    assert case.content not in text
    assert not staff_mails("im@example.vn")
    # New for the notified member only.
    assert set(CaseAlert.objects.values_list("user_id", flat=True)) == {notified.pk}


def test_an_assignment_alerts_the_new_unit_and_the_handler(
    unit, django_capture_on_commit_callbacks
):
    unit, notified, _silent = unit
    other = FacilityFactory(code="TTYT-MD", email="md@example.vn")
    handler = UserFactory(perms=HANDLER, facility=other, email="xl@example.vn")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    mail.outbox.clear()
    intake = UserFactory(superuser=True, last_name="Trần Thị", first_name="Tiếp")
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=intake,
            data={"facility": other.code, "user": handler.username},
            origin="test",
        )
    [message] = staff_mails("md@example.vn")
    assert sorted(message.to) == ["md@example.vn", "xl@example.vn"]
    assert "Trần Thị Tiếp" in message.body  # who assigned it, family name first
    assert CaseAlert.objects.filter(user=handler, case=case, seen_at__isnull=True).exists()


def test_the_mail_is_sent_only_after_commit(unit, django_capture_on_commit_callbacks):
    unit, _notified, _silent = unit
    other = FacilityFactory(code="TTYT-MD", email="md@example.vn")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=UserFactory(superuser=True),
            data={"facility": other.code},
            origin="test",
        )
    assert not staff_mails("md@example.vn")  # nothing inside the officer's transaction
    with django_capture_on_commit_callbacks(execute=True):  # the commit, then the task
        for callback in callbacks:
            callback()
    assert len(staff_mails("md@example.vn")) == 1


def test_the_case_is_new_in_the_list_until_opened(unit, django_capture_on_commit_callbacks):
    unit, notified, _silent = unit
    other = FacilityFactory(code="TTYT-MD")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=other)
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="assign",
            actor=UserFactory(superuser=True),
            data={"facility": unit.code},
            origin="test",
        )
    client = Client()
    client.force_login(notified)
    listing = client.get("/admin/ho-so/").content.decode()
    assert 'class="cw-pill cw-pill--new"' in listing
    assert client.get(f"/admin/ho-so/{case.tracking_code}/").status_code == 200
    assert 'class="cw-pill cw-pill--new"' not in client.get("/admin/ho-so/").content.decode()


def test_a_unit_leader_sets_who_is_notified(unit):
    unit, notified, silent = unit
    leader = UserFactory(perms=LEADER, facility=unit)
    assert list(units_managed_by(leader)) == [unit]
    assert not units_managed_by(notified).exists()  # a handler does not
    province_leader = UserFactory(perms=[*LEADER, "complaints.view_all_cases"])
    assert unit in units_managed_by(province_leader)  # the Sở's leaders: every unit
    with pytest.raises(PermissionDenied):
        unit_notified_set(facility=unit, user_ids=[], actor=notified)
    outsider = UserFactory(perms=HANDLER)
    with pytest.raises(ValueError):
        unit_notified_set(facility=unit, user_ids=[outsider.pk], actor=leader)

    client = Client()
    client.force_login(leader)
    page = client.get("/admin/thong-bao-don-vi/")
    assert page.status_code == 200 and "Lê Văn Cơ" in page.content.decode()
    response = client.post(f"/admin/thong-bao-don-vi/{unit.code}/", {"notified": [silent.pk]})
    assert response.status_code == 302
    receives = dict(
        FacilityMembership.objects.filter(facility=unit).values_list(
            "user_id", "receives_notifications"
        )
    )
    assert receives[silent.pk] is True and receives[notified.pk] is False
    other = FacilityFactory(code="TTYT-MD")
    assert client.get(f"/admin/thong-bao-don-vi/{other.code}/").status_code == 404


def test_giao_xu_ly_offers_and_accepts_only_the_units_people(unit):
    unit, notified, _silent = unit
    other = FacilityFactory(code="TTYT-MD", name="Trung tâm Y tế Mộ Đức")
    elsewhere = UserFactory(perms=HANDLER, facility=other)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    transition = transition_for(case=case, action="assign")

    form = TransitionForm(transition=transition, case=case)
    groups = dict(
        (label, [value for value, _ in options])
        for label, options in form.fields["user"].choices
        if isinstance(options, list)
    )
    assert (
        groups["Trung tâm Y tế Đức Phổ (TTYT-DP)"]
        == sorted(groups["Trung tâm Y tế Đức Phổ (TTYT-DP)"])
        or notified.username in groups["Trung tâm Y tế Đức Phổ (TTYT-DP)"]
    )
    assert notified.username in groups["Trung tâm Y tế Đức Phổ (TTYT-DP)"]
    assert elsewhere.username not in groups["Trung tâm Y tế Đức Phổ (TTYT-DP)"]
    assert groups["Trung tâm Y tế Mộ Đức (TTYT-MD)"] == [elsewhere.username]

    # Posted without the script: someone of another unit is refused beside the field.
    data = {
        "assign-expected_status": case.status,
        "assign-facility": unit.code,
        "assign-user": elsewhere.username,
    }
    bound = TransitionForm(data, transition=transition, case=case)
    assert not bound.is_valid()
    assert "không thuộc đơn vị" in str(bound.errors["user"])
    data["assign-user"] = notified.username
    assert TransitionForm(data, transition=transition, case=case).is_valid()

    bulk = BulkAssignForm(
        {"case_ids": [case.pk], "facility": other.code, "user": notified.username},
        case_ids=[case.pk],
    )
    assert not bulk.is_valid() and "user" in bulk.errors


def test_province_wide_inspectors_are_people_of_the_sở_units():
    inspectorate = FacilityFactory(code="TTRA", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE)
    hospital = FacilityFactory(code="BV-X")
    inspector = UserFactory(perms=[*HANDLER, "complaints.view_all_cases"])
    from complaints.selectors.unit_staff import handler_of_unit

    assert handler_of_unit(facility_code=inspectorate.code, username=inspector.username)
    assert not handler_of_unit(facility_code=hospital.code, username=inspector.username)


def test_an_accepted_press_case_mail_names_its_dates_for_what_they_are(
    unit, django_capture_on_commit_callbacks
):
    # The reviewer: assigned after thụ lý, the press case's mail still said "Hạn thụ lý"
    # for the notice of measures owed to the outlet (khoản 3 Điều 18 Nghị định 237/2026).
    unit, _notified, _silent = unit
    other = FacilityFactory(code="TTYT-MD", email="md@example.vn")
    case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, facility=unit)
    case.accept_by = case.received_at.date()
    case.save(update_fields=["accept_by"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk, action="assign", actor=UserFactory(superuser=True),
            data={"facility": other.code}, origin="test",
        )
    [message] = staff_mails("md@example.vn")
    assert "Hạn thụ lý" not in message.body
    assert "Hạn thông báo biện pháp xử lý cho cơ quan báo chí:" in message.body
