"""The Sở determines after logging an article that the spokesperson owes an initial statement
within 24 hours (action ``mark_press_statement``, khoản 3–4 Điều 7 Nghị định 244/2026/NĐ-CP):
under khoản 4 the 24 hours run from that determination, not from the receipt; the step is
then the intake mark's (pending on the page and in the counters, closed when the statement is
recorded as given or at the conclusion). Refused for a case already marked, concluded, or not
a press case, and to anyone outside the press office; a second click changes nothing."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from complaints.models import ApiToken, Case, CaseDeadline, CaseEvent, Facility
from complaints.services.press_intake import case_log_press_report
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.factories import UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

STEP = "press_initial_statement"
ACTION = "mark_press_statement"
PRESS = ["complaints.view_case", "complaints.act_on_case", "complaints.view_press_cases"]
HANDLER = ["complaints.view_case", "complaints.act_on_case"]
HOURS_24 = datetime.timedelta(hours=24)


@pytest.fixture
def press():
    return UserFactory(perms=PRESS, admin_access=True, username="press")


@pytest.fixture
def leader():
    return UserFactory(superuser=True, admin_access=True, username="leader")


def log(actor, *, days_ago=2, **extra):
    """An article logged `days_ago` days before now (its other deadlines still ahead)."""
    received = timezone.now() - datetime.timedelta(days=days_ago)
    return case_log_press_report(
        actor=actor,
        outlet="Báo Quảng Ngãi",
        article_title="Tranh cãi quanh ca tai biến sản khoa",
        published_on=timezone.localtime(received).date(),
        matter="Ý kiến trái chiều về ca tai biến",
        facility="TTYT-DP",
        received_at=received,
        **extra,
    ).case


def current(case) -> CaseDeadline | None:
    return CaseDeadline.objects.filter(case=case, step=STEP, superseded_at__isnull=True).first()


def mark(case, actor, ground="divided_opinion", **data):
    return act(case, ACTION, actor, statement_ground=ground, **data)


def test_khoan_4_opens_24_hours_from_the_mark_not_from_the_receipt(demo_reference_data, press):
    case = log(press)
    assert current(case) is None  # not marked at intake: no statement owed yet

    before = timezone.now()
    event = mark(case, press, note="Mạng xã hội chia sẻ nhiều ý kiến trái chiều")
    after = timezone.now()

    row = current(case)
    assert before + HOURS_24 <= row.due_at <= after + HOURS_24
    assert row.due_at == event.at + HOURS_24  # from the determination...
    assert row.due_at > case.received_at + HOURS_24 + datetime.timedelta(days=1)  # ...not receipt
    assert row.counted_from == timezone.localtime(event.at).date()
    assert row.counted_in == "hours" and row.amount == 24
    assert row.legal_basis.startswith("khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP")
    assert row.settled_at is None

    case.refresh_from_db()
    assert case.press_statement_needed
    assert case.press_statement_ground == "divided_opinion"
    assert case.press_statement_determined_at == event.at
    # Who decided and when: the staff timeline's event and the case's history row.
    assert (event.actor, event.is_public) == (press, False)
    assert event.data["statement_ground"] == "divided_opinion"
    assert event.note == "Mạng xã hội chia sẻ nhiều ý kiến trái chiều"
    assert case.history.filter(
        history_user=press,
        history_change_reason=f"origin=test action=case_{ACTION}",
        press_statement_needed=True,
    ).exists()

    # Counted like the intake mark: due soon today, overdue once the 24 hours have passed.
    today = timezone.localdate()
    due_day = timezone.localtime(row.due_at).date()
    assert not Case.objects.overdue(at=due_day).filter(pk=case.pk).exists()
    assert Case.objects.overdue(at=due_day + datetime.timedelta(days=1)).filter(pk=case.pk).exists()
    assert Case.objects.due_within(days=1, at=today).filter(pk=case.pk).exists()


def test_khoan_3_counts_from_the_receipt(demo_reference_data, press):
    case = log(press)
    event = mark(case, press, ground="wide_impact")
    row = current(case)
    assert row.due_at == case.received_at + HOURS_24
    assert row.legal_basis.startswith("khoản 3 Điều 7 Nghị định 244/2026/NĐ-CP")
    assert event.data["overdue"] is True  # determined two days after the receipt


def test_the_mark_stands_through_later_steps_and_closes_as_the_intake_mark(
    demo_reference_data, press, leader
):
    case = log(press)
    mark(case, press)
    row = current(case)
    act(case, "accept", leader)  # refreshes the deadlines: the mark's step is left alone
    act(case, "record_press_request", leader, requested_on=timezone.localdate().isoformat())
    assert current(case) == row and row.due_at == current(case).due_at

    act(
        case,
        "record_notice",
        press,
        notice=STEP,
        sent_on=timezone.localdate().isoformat(),
        sent_via="email",
        recipients=["outlet"],
    )
    row.refresh_from_db()
    assert row.settled_at is not None


def test_a_statement_never_given_is_closed_at_the_conclusion(demo_reference_data, press, leader):
    case = log(press)
    mark(case, press)
    act(case, "accept", leader)
    act(case, "start_verification", leader)
    act(
        case,
        "conclude",
        leader,
        conclusion="Đúng một phần.",
        public_answer="Đã chấn chỉnh.",
        press_finding="partly_accurate",
    )
    assert current(case) is None
    assert not CaseDeadline.objects.filter(
        case=case, step=STEP, superseded_at__isnull=True, settled_at__isnull=True
    ).exists()


def _refused(case, actor, match: str, **data):
    events = CaseEvent.objects.filter(case=case).count()
    rows = CaseDeadline.objects.filter(case=case).count()
    with pytest.raises(TransitionNotAllowed, match=match):
        mark(case, actor, **data)
    assert CaseEvent.objects.filter(case=case).count() == events
    assert CaseDeadline.objects.filter(case=case).count() == rows


def test_refused_for_a_case_already_marked_concluded_or_not_a_press_case(
    demo_reference_data, press, leader
):
    marked_here = log(press)
    mark(marked_here, press)
    _refused(marked_here, press, "đã được xác định cần phát ngôn trong 24 giờ lúc")

    marked_at_intake = log(press, statement_needed=True)
    _refused(marked_at_intake, press, "đánh dấu cần cung cấp thông tin ban đầu .* khi ghi nhận")

    concluded = case_in("bao_chi", "concluded")
    _refused(concluded, leader, "khi hồ sơ đang ở trạng thái “Đã có kết luận”")

    complaint = case_in("phan_anh", "received")
    _refused(complaint, leader, "không áp dụng cho hồ sơ loại")


def test_an_unknown_ground_is_refused_with_what_each_code_means(demo_reference_data, press):
    from complaints.services.workflow import TransitionInvalid

    case = log(press)
    with pytest.raises(TransitionInvalid) as invalid:
        mark(case, press, ground="khoan_5")
    assert "divided_opinion (Dư luận có nhiều ý kiến không thống nhất" in str(
        invalid.value.errors["statement_ground"]
    )
    with pytest.raises(TransitionInvalid):
        act(case, ACTION, press)  # the ground is required
    assert current(case) is None


def test_only_the_press_office_decides(demo_reference_data, press, leader):
    case = log(press)
    act(case, "assign", press, facility="TTYT-DP")  # given to the facility to verify
    unit = Facility.objects.get(code="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=unit, admin_access=True)
    assert Case.objects.in_scope_of(handler).filter(pk=case.pk).exists()
    _refused(case, handler, "Chỉ bộ phận báo chí của Sở Y tế")

    other_unit = UserFactory(perms=HANDLER, facility=Facility.objects.exclude(pk=unit.pk).first())
    with pytest.raises(Case.DoesNotExist):  # outside their scope
        mark(case, other_unit)
    no_action = UserFactory(perms=["complaints.view_case", "complaints.view_press_cases"])
    with pytest.raises(PermissionDenied):
        mark(case, no_action)
    case.refresh_from_db()
    assert not case.press_statement_needed and current(case) is None


def test_the_case_page_offers_it_and_a_second_click_changes_nothing(
    client, demo_reference_data, press
):
    case = log(press)
    client.force_login(press)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    # A plain form (no script needed): the two grounds as radio buttons.
    assert f'action="/admin/ho-so/{case.tracking_code}/thao-tac/{ACTION}/"' in page
    assert page.count(f'name="{ACTION}-statement_ground"') == 2

    form = {
        f"{ACTION}-expected_status": case.status,
        f"{ACTION}-statement_ground": "divided_opinion",
    }
    url = f"/admin/ho-so/{case.tracking_code}/thao-tac/{ACTION}/"
    first = client.post(url, form)
    assert first.status_code == 302, first.content.decode()[:2000]
    second = client.post(url, form)
    assert second.status_code == 409
    assert "đã được xác định cần phát ngôn trong 24 giờ lúc" in second.content.decode()
    assert CaseEvent.objects.filter(case=case, action=ACTION).count() == 1
    assert CaseDeadline.objects.filter(case=case, step=STEP).count() == 1

    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "Phát ngôn trong 24 giờ" in page and "khoản 4 Điều 7" in page
    assert f'thao-tac/{ACTION}/"' not in page  # no longer offered
    due = timezone.localtime(current(case).due_at)
    assert due.strftime("%d/%m/%Y") in page


def test_the_case_page_of_a_facility_handler_does_not_offer_it(client, demo_reference_data, press):
    case = log(press)
    act(case, "assign", press, facility="TTYT-DP")
    handler = UserFactory(
        perms=HANDLER, facility=Facility.objects.get(code="TTYT-DP"), admin_access=True
    )
    client.force_login(handler)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/")
    assert page.status_code == 200
    assert f"thao-tac/{ACTION}/" not in page.content.decode()
    refused = client.post(
        f"/admin/ho-so/{case.tracking_code}/thao-tac/{ACTION}/",
        {f"{ACTION}-expected_status": case.status, f"{ACTION}-statement_ground": "wide_impact"},
    )
    assert refused.status_code == 409
    assert "Chỉ bộ phận báo chí của Sở Y tế" in refused.content.decode()
    assert current(case) is None


def test_the_staff_api(demo_reference_data, press):
    case = log(press)
    _token, key = ApiToken.issue(user=press, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/{ACTION}"
    body = json.dumps({"statement_ground": "divided_opinion"})

    listed = api.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert ACTION in {a["action"] for a in listed["allowed_actions"]}

    first = api.post(
        url, data=body, content_type="application/json", headers={"Idempotency-Key": "mark-1"}
    )
    assert first.status_code == 200, first.content
    assert first.json()["event"]["data"]["statement_ground"] == "divided_opinion"
    assert STEP in {row["step"] for row in first.json()["deadlines"]}
    retry = api.post(
        url, data=body, content_type="application/json", headers={"Idempotency-Key": "mark-1"}
    )
    assert retry.status_code == 200  # the same event, nothing done again
    again = api.post(url, data=body, content_type="application/json")
    assert again.status_code == 409
    assert "đã được xác định cần phát ngôn trong 24 giờ" in again.json()["detail"]
    assert CaseEvent.objects.filter(case=case, action=ACTION).count() == 1
    assert CaseDeadline.objects.filter(case=case, step=STEP).count() == 1


def test_the_staff_api_refuses_a_facility_handler(demo_reference_data, press):
    case = log(press)
    act(case, "assign", press, facility="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=Facility.objects.get(code="TTYT-DP"))
    _token, key = ApiToken.issue(user=handler, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    listed = api.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert ACTION not in {a["action"] for a in listed["allowed_actions"]}
    refused = api.post(
        f"/api/v1/cases/{case.tracking_code}/actions/{ACTION}",
        data=json.dumps({"statement_ground": "wide_impact"}),
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert "Chỉ bộ phận báo chí" in refused.json()["detail"]
    assert current(case) is None


def test_the_command_line_records_its_origin_on_the_deadline_history(demo_reference_data, press):
    # `case_action` calls the same service: the step's row keeps who and where it came from.
    case = log(press)
    event = case_transition(
        case_id=case.pk,
        action=ACTION,
        actor=press,
        data={"statement_ground": "wide_impact"},
        origin="command",
    )
    assert event.data["origin"] == "command"
    assert (
        current(case)
        .history.filter(
            history_user=press, history_change_reason=f"origin=command action=case_{ACTION}"
        )
        .exists()
    )


def test_the_deadline_table_says_when_the_statement_is_owed():
    from complaints.wagtail_hooks import deadline_rule_rows

    rows = [
        row
        for row in deadline_rule_rows()
        if str(row["step"]) == "Cung cấp thông tin ban đầu cho báo chí"
        and row["rule_version"] == "2026-07-01"
    ]
    assert len(rows) == 1
    assert "khoản 4: tính từ lúc xác định" in rows[0]["conditions"]
