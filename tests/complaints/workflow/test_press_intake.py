"""The press office logs a published article as a `bao_chi` case, routed and timed like
the others (DOMAIN.md §3a rule 5, §6), and concludes it with a finding on the article."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import CaseDeadline, Facility
from complaints.services.press_intake import PressReportInvalid, case_log_press_report
from complaints.services.workflow import TransitionInvalid, case_transition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PRESS = ["complaints.view_case", "complaints.act_on_case", "complaints.view_press_cases"]


def log(actor, **overrides):
    values = {
        "actor": actor,
        "outlet": "Báo Quảng Ngãi",
        "article_title": "Bệnh nhân chờ khám 5 giờ tại Trung tâm Y tế",
        "article_url": "https://baoquangngai.vn/benh-nhan-cho-kham",
        "published_on": datetime.date(2026, 9, 1),
        "matter": "Thời gian chờ khám kéo dài",
        "article_text": "Sáng 31/8, nhiều bệnh nhân phải chờ khám hơn 5 giờ...",
        "facility": "TTYT-DP",
        "received_at": timezone.make_aware(datetime.datetime(2026, 9, 1, 10, 0)),
    }
    values.update(overrides)
    return case_log_press_report(**values)


def test_an_article_becomes_a_routed_case_with_the_press_deadlines(demo_reference_data):
    press = UserFactory(perms=PRESS)
    case = log(press).case
    assert (case.kind, case.channel, case.status) == (
        CaseKind.BAO_CHI,
        Channel.PRESS,
        CaseStatus.RECEIVED,
    )
    assert case.facility == Facility.objects.get(code="TTYT-DP")
    assert case.press_article_text.startswith("Sáng 31/8") and case.content
    assert case.tracking_code.startswith("YT-2026-")
    # Owned by the Văn phòng Sở (DOMAIN.md §3a rule 5).
    assert case.assigned_unit.kind == "office"
    steps = set(
        CaseDeadline.objects.filter(case=case, superseded_at__isnull=True).values_list(
            "step", flat=True
        )
    )
    assert "press_measures_notice" in steps
    # The 24-hour initial statement only for an article staff mark as needing one
    # (khoản 3–4 Điều 7 Nghị định 244/2026): tests/complaints/test_press_pending_steps.py.
    assert "press_initial_statement" not in steps
    # The 30-day answer runs from the outlet head's written request, recorded apart
    # (record_press_request, NĐ 237/2026 Art 18(1)), not from the article's receipt.
    assert "press_answer" not in steps
    assert case.accept_by is not None and case.resolve_by is None
    record = case.history.earliest("history_date")  # then routing and deadlines
    assert record.history_type == "+" and record.history_user == press
    assert record.history_change_reason.endswith("action=case_log_press_report")
    assert case.events.get().action == "received"


def test_the_press_office_then_concludes_it_with_its_finding(demo_reference_data):
    press = UserFactory(perms=PRESS)
    head = UserFactory(perms=[*PRESS, "complaints.approve_case"])
    case = log(press).case
    for action in ("accept", "start_verification"):
        case_transition(case_id=case.pk, action=action, actor=press, data={}, origin="test")
    with pytest.raises(TransitionInvalid):
        case_transition(
            case_id=case.pk,
            action="conclude",
            actor=head,
            data={"conclusion": "x", "public_answer": "y"},
            origin="test",
        )
    case_transition(
        case_id=case.pk,
        action="conclude",
        actor=head,
        data={
            "conclusion": "Thời gian chờ 3 giờ.",
            "public_answer": "...",
            "press_finding": "inaccurate",
        },
        origin="test",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.press_finding == "inaccurate"


def test_bad_fields_are_all_reported(demo_reference_data):
    press = UserFactory(perms=PRESS)
    with pytest.raises(PressReportInvalid) as invalid:
        log(
            press,
            outlet="",
            article_url="not a url",
            published_on=datetime.date(2026, 9, 5),
            facility="KHONG-CO",
        )
    assert set(invalid.value.errors) == {"outlet", "article_url", "published_on", "facility"}


def test_only_the_press_office_and_province_staff_log_articles(demo_reference_data):
    handler = UserFactory(
        perms=["complaints.act_on_case"], facility=Facility.objects.get(code="TTYT-DP")
    )
    with pytest.raises(PermissionDenied):
        log(handler)
