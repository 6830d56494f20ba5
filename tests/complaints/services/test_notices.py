"""Notices to the parties through the one workflow service (issue 9 item 5): the decision
opens the notice step with its article, `record_notice` (when, how, to whom) settles it,
an unsent notice past its date is overdue like any deadline; and the press request
(item 9). Dates counted by hand on the 2026 calendar (no holidays in September or early
October 2026 after 2 Sep)."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseDeadline, CaseNotice, DialogueMeeting
from complaints.selectors.dashboard import dashboard_counters, forget_counters
from complaints.selectors.tracking import case_public_view
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from tests.complaints.workflow.helpers import act, case_in, verified
from tests.factories import FacilityFactory, UserFactory, paper_decision

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def open_row(case, step):
    return CaseDeadline.objects.get(case=case, step=step, superseded_at__isnull=True)


def concluded(kind, leader, **extra):
    case = case_in(kind, CaseStatus.RECEIVED, **extra)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "start_verification", leader, verifier_no_conflict=True)
    if extra.get("second_time"):
        # A second-time complaint is concluded after its dialogue (Điều 39 Luật Khiếu nại).
        day = timezone.localdate() + datetime.timedelta(days=6)
        act(case, "schedule_dialogue", leader, scheduled_at=f"{day.isoformat()}T09:00",
            place="Phòng họp Sở Y tế", participants="Người khiếu nại; Bệnh viện A")
        DialogueMeeting.objects.filter(case=case).update(  # the day has come
            scheduled_at=timezone.now() - datetime.timedelta(hours=1)
        )
        verified(case)  # the dialogue is held on the verification's result
        act(case, "record_dialogue", leader, outcome="held", led_by="Giám đốc Sở Y tế",
            led_by_head=True, minutes="Hai bên trình bày; người khiếu nại giữ yêu cầu.",
            result="Còn khác nhau về khoản viện phí.")
    # Its dialogue's notice and minutes, the notices owed to the parties, on paper
    # (complaints/rules/dialogue_documents.py, owed_notices.py).
    act(case, "conclude", leader, conclusion="Đúng một phần.", public_answer="Đã khắc phục.",
        without_dialogue_documents=True, notices_given_outside=True, **paper_decision())
    case.refresh_from_db()
    return case


# ---- each decision opens its notice, with its article ------------------------------------


def test_accepting_a_denunciation_opens_the_acceptance_notice(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    row = open_row(case, "notify_acceptance")
    # Tue 1/9 (2/9 Quốc khánh off) + 5 working days = Wed 9/9 — Luật TC Art 29(3).
    assert (row.due, row.counted_in, row.counted_from) == (D(2026, 9, 9), "working_days",
                                                           D(2026, 9, 1))
    assert "Luật TC Art 29(3)" in row.legal_basis and row.settled_at is None


def test_a_notice_is_never_estimated_before_its_decision(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "assign", leader, facility=case.facility.code)
    assert not CaseDeadline.objects.filter(case=case, step="notify_acceptance").exists()


@pytest.mark.parametrize(
    ("kind", "second", "steps"),
    [
        (CaseKind.KHIEU_NAI, False, {"decision_notice": (3, "working_days", "Luật KN Art 32")}),
        (CaseKind.KHIEU_NAI, True, {
            "decision_notice": (7, "calendar_days", "Luật KN Art 41(1)"),
            "decision_publication": (7, "calendar_days", "Luật KN Art 41(2)"),
        }),
        (CaseKind.TO_CAO, False, {
            "decision_notice": (5, "working_days", "Luật TC Art 35(3)"),
            "decision_publication": (7, "working_days", "Luật TC Art 40(1)"),
        }),
    ],
)
def test_a_conclusion_opens_the_decision_notices(leader, kind, second, steps):
    case = concluded(kind, leader, second_time=second)
    for step, (amount, counted_in, article) in steps.items():
        row = open_row(case, step)
        assert (row.amount, row.counted_in) == (amount, counted_in)
        assert article in row.legal_basis
        assert row.settled_at is None


def test_suspension_resumption_and_extension_of_a_denunciation(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, is_complex=True)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ giám định lại", decided_on="2026-09-14")
    row = open_row(case, "suspension_notice")
    assert row.due == D(2026, 9, 21) and "Luật TC Art 34(1), (4)" in row.legal_basis  # 5 wd
    act(case, "resume", leader, decided_on="2026-09-21")
    row = open_row(case, "resumption_notice")
    assert row.due == D(2026, 9, 28) and row.unconfirmed  # Art 34(2): no time in the law
    act(case, "extend", leader, reason="Phức tạp")
    row = open_row(case, "extension_notice")
    assert "Luật TC Art 30(4)" in row.legal_basis and row.unconfirmed


def test_suspension_and_resumption_are_on_the_citizens_timeline(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "suspend", leader, reason="Chờ kết quả giám định (nội bộ)", decided_on="2026-09-14")
    assert open_row(case, "suspension_notice").due == D(2026, 9, 17)  # 3 wd, NĐ 124 Art 28b(1)
    act(case, "resume", leader, decided_on="2026-09-21")
    assert open_row(case, "resumption_notice").due == D(2026, 9, 24)  # Art 28b(2)
    case.refresh_from_db()
    view = case_public_view(case=case)
    by_action = {event.action: event for event in view.timeline}
    assert "14/09/2026" in by_action["suspend"].message
    assert "nội bộ" not in by_action["suspend"].message  # the internal reason stays inside
    assert "21/09/2026" in by_action["resume"].message
    assert view.status == "accepted"  # "suspended" is never shown as such


@pytest.mark.parametrize(("kind", "days"), [(CaseKind.KHIEU_NAI, 3), (CaseKind.TO_CAO, 5)])
def test_a_withdrawal_that_stops_the_case_opens_the_stop_notice(leader, kind, days):
    above = FacilityFactory()  # not the unit denounced: its withdrawal is its own to record
    case = case_in(kind, CaseStatus.RECEIVED, facility=FacilityFactory(parent=above),
                   assigned_unit=above)
    act(case, "accept", leader, decided_on="2026-09-01")
    # form/document_ref: what the withdrawal rows of the "procedure" branch also ask.
    act(case, "withdraw", leader, reason="Người gửi có đơn rút", form="written",
        document_ref="Đơn rút ngày 10/09/2026")
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    row = open_row(case, "stop_notice")
    assert row.amount == days and row.counted_in == "working_days"


# ---- recording a notice settles it; overdue until then -----------------------------------


def test_recording_the_notice_to_both_parties_settles_the_step(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    # Not sent by Wed 9/9: overdue on the 10th, although the resolution is far off.
    assert Case.objects.overdue(at=D(2026, 9, 9)).filter(pk=case.pk).exists() is False
    assert Case.objects.overdue(at=D(2026, 9, 10)).filter(pk=case.pk).exists()
    assert Case.objects.due_within(days=3, at=D(2026, 9, 7)).filter(pk=case.pk).exists()
    assert dashboard_counters(user=leader, today=D(2026, 9, 10)).overdue == 1

    event = act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-03",
                sent_via="post", recipients=["denouncer"], document_ref="12/TB-TTr")
    assert event.data["settled"] is False and event.data["missing"] == ["accused"]
    assert open_row(case, "notify_acceptance").settled_at is None
    assert Case.objects.overdue(at=D(2026, 9, 10)).filter(pk=case.pk).exists()

    event = act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-04",
                sent_via="hand", recipients="accused")
    assert event.data["settled"] is True and event.is_public is False
    row = open_row(case, "notify_acceptance")
    assert row.settled_at is not None
    assert not Case.objects.overdue(at=D(2026, 9, 10)).filter(pk=case.pk).exists()
    forget_counters()  # as the domain signal does once the step's transaction commits
    assert dashboard_counters(user=leader, today=D(2026, 9, 10)).overdue == 0
    sent = list(CaseNotice.objects.filter(case=case).values_list("recipients", "method"))
    assert sent == [(["denouncer"], "post"), (["accused"], "hand")]
    assert row.history.filter(
        history_change_reason="origin=test action=case_record_notice"
    ).exists()
    # A double click: nothing left to send.
    with pytest.raises(TransitionNotAllowed):
        act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-04",
            sent_via="hand", recipients=["accused"])
    assert CaseNotice.objects.filter(case=case).count() == 2


def test_a_concluded_case_with_an_unsent_decision_counts_as_overdue(leader):
    case = concluded(CaseKind.KHIEU_NAI, leader)
    # Its acceptance notice (Điều 27 Luật Khiếu nại) given in time: only the decision's is owed.
    act(case, "record_notice", leader, notice="complaint_acceptance_notice",
        sent_on="2026-09-02", sent_via="post", recipients=["complainant"])
    row = open_row(case, "decision_notice")
    after = row.due + datetime.timedelta(days=1)
    assert Case.objects.overdue(at=after).filter(pk=case.pk).exists()
    act(case, "record_notice", leader, notice="decision_notice",
        sent_on=str(row.counted_from), sent_via="email", recipients=["complainant"])
    assert not Case.objects.overdue(at=after).filter(pk=case.pk).exists()


def test_a_notice_sent_late_is_recorded_as_late(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    event = act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-15",
                sent_via="post", recipients=["denouncer", "accused"])
    assert event.data["late"] is True and CaseNotice.objects.get().late


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"recipients": ["complainant"]}, "recipients"),  # not a party of a denunciation
        ({"recipients": ["nobody"]}, "recipients"),
        ({"sent_on": "2026-08-31"}, "sent_on"),  # before the decision (and the receipt)
        ({"sent_on": "2999-01-01"}, "sent_on"),
        ({"sent_on": "02/09/2026"}, "sent_on"),
        ({"sent_via": "pigeon"}, "sent_via"),
        ({"notice": "decision_notice"}, "notice"),  # not pending for this case
        ({"sent_via": None}, "sent_via"),
    ],
)
def test_bad_notice_records_are_refused_and_nothing_is_saved(leader, data, field):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-02")
    body = {"notice": "notify_acceptance", "sent_on": "2026-09-03", "sent_via": "post",
            "recipients": ["denouncer", "accused"], **data}
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "record_notice", leader, **{k: v for k, v in body.items() if v is not None})
    assert field in invalid.value.errors
    assert not CaseNotice.objects.exists()
    assert open_row(case, "notify_acceptance").settled_at is None
    assert not case.events.filter(action="record_notice").exists()


def test_no_pending_notice_means_no_record_notice(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with pytest.raises(TransitionNotAllowed, match="không có thông báo"):
        act(case, "record_notice", leader, notice="filing_notice", sent_on="2026-09-03",
            sent_via="post", recipients=["reporter"])


def test_record_notice_through_the_api_and_the_command(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    _token, key = ApiToken.issue(user=leader, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/record_notice"
    bad = client.post(url, data=json.dumps({"notice": "notify_acceptance"}),
                      content_type="application/json")
    assert bad.status_code == 400
    assert {"sent_on", "sent_via", "recipients"} <= set(bad.json()["errors"])
    ok = client.post(url, data=json.dumps({
        "notice": "notify_acceptance", "sent_on": "2026-09-03", "sent_via": "post",
        "recipients": ["denouncer", "accused"],
    }), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["event"]["action"] == "record_notice"
    again = client.post(url, data=json.dumps({
        "notice": "notify_acceptance", "sent_on": "2026-09-03", "sent_via": "post",
        "recipients": ["denouncer"],
    }), content_type="application/json")
    assert again.status_code == 409

    other = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    with pytest.raises(CommandError, match="không có thông báo"):
        call_command("case_action", other.tracking_code, "record_notice", "--user", "leader",
                     "--data", json.dumps({"notice": "decision_notice", "sent_on": "2026-09-03",
                                           "sent_via": "post", "recipients": ["complainant"]}),
                     stdout=io.StringIO())


# ---- the press answer runs from the outlet head's request (NĐ 237/2026 Art 18(1)) ---------


def test_the_press_answer_runs_from_the_recorded_request(leader):
    case = case_in(CaseKind.BAO_CHI, CaseStatus.RECEIVED)
    from complaints.services.deadlines import case_deadlines_refresh

    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    assert case.resolve_by is None  # no request yet: no 30-day answer
    assert not CaseDeadline.objects.filter(case=case, step="press_answer").exists()
    event = act(case, "record_press_request", leader, requested_on="2026-09-10",
                document_ref="25/CV-BBT")
    case.refresh_from_db()
    row = open_row(case, "press_answer")
    # Thu 10/9 + 30 days = Sat 10/10 → Mon 12/10 (BLDS Art 148(5)).
    assert (row.due, row.counted_from) == (D(2026, 10, 12), D(2026, 9, 10))
    assert "NĐ 237/2026 Art 18(1)" in row.legal_basis
    assert case.resolve_by == D(2026, 10, 12) and case.press_requested_on == D(2026, 9, 10)
    assert event.data["resolve_by"] == "2026-10-12"
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "record_press_request", leader, requested_on="2026-08-01")
    assert "requested_on" in invalid.value.errors
    with pytest.raises(TransitionNotAllowed):
        act(case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED), "record_press_request", leader,
            requested_on="2026-09-10")


def test_record_notice_through_the_admin_workspace(client):
    from django.urls import reverse

    from tests.complaints.admin.helpers import intake_user

    staff = intake_user()
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", UserFactory(superuser=True), decided_on="2026-09-01")
    client.force_login(staff)
    url = reverse("complaints_admin:action", args=[case.tracking_code, "record_notice"])
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "record_notice" in [f.transition.action for f in page.context["action_forms"]]
    missing = client.post(url, {"record_notice-expected_status": "accepted",
                                "record_notice-notice": "notify_acceptance"})
    assert missing.status_code == 400
    assert missing.context["form"].errors["recipients"]
    wrong = client.post(url, {
        "record_notice-expected_status": "accepted", "record_notice-notice": "notify_acceptance",
        "record_notice-sent_on": "2026-09-03", "record_notice-sent_via": "post",
        "record_notice-recipients": ["complainant"],
    })
    assert wrong.status_code == 400 and not CaseNotice.objects.exists()
    done = client.post(url, {
        "record_notice-expected_status": "accepted", "record_notice-notice": "notify_acceptance",
        "record_notice-sent_on": "2026-09-03", "record_notice-sent_via": "post",
        "record_notice-recipients": ["denouncer", "accused"],
        "record_notice-document_ref": "15/TB-TTr",
    })
    assert done.status_code in (200, 302)
    sent = CaseNotice.objects.get()
    assert (sent.recipients, sent.reference, sent.recorded_by) == (
        ["denouncer", "accused"], "15/TB-TTr", staff)
    assert open_row(case, "notify_acceptance").settled_at is not None
