"""Property: whatever actions staff try, in whatever order, no case reaches `concluded`
without what its kind requires (issue 9): acceptance, the signature of an online complaint or
denunciation, and the dialogue of a second-time complaint or of a first-time one whose request
and verification results differ."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import CaseEvent, DialogueMeeting
from complaints.rules.dialogue import SETTLING, dialogue_rule
from complaints.rules.signature import ONLINE_CHANNELS, SIGNATURE_ARTICLES
from complaints.services.decision import decision_recorded
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition
from tests.factories import UserFactory, paper_decision

from .helpers import case_in, valid_data, verified

STEPS = [
    "accept", "confirm_signature", "start_verification", "mark_verification_differs",
    "schedule_dialogue", "record_dialogue", "record_dialogue_absent", "days_pass", "conclude",
    "suspend", "resume", "record_withdrawal", "reopen", "close", "request_info", "complete_info",
]  # fmt: skip


def _data(step: str) -> tuple[str, dict]:
    if step == "record_dialogue_absent":
        return "record_dialogue", {"outcome": "complainant_absent", "led_by": "Giám đốc Sở"}
    data = valid_data(step, facility_code="", kind="khieu_nai")
    if step == "conclude":
        # The dialogue's notice and minutes, and the notices owed to the parties, on paper
        # (rules/dialogue_documents.py, rules/owed_notices.py).
        data = {"conclusion": "Kết luận.", "public_answer": "Trả lời công khai.",
                "without_dialogue_documents": True, "notices_given_outside": True,
                **paper_decision()}
    return step, data


def _assert_concluded_lawfully(case) -> None:
    assert case.accepted_at is not None
    assert CaseEvent.objects.filter(case=case, action="accept").exists()
    if case.kind in SIGNATURE_ARTICLES and case.channel in ONLINE_CHANNELS:
        assert case.signature_method, "concluded without the signature"
    if dialogue_rule(case) is not None:
        assert DialogueMeeting.objects.filter(case=case, status__in=SETTLING).exists(), (
            "concluded without the dialogue the law requires"
        )
    # khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo.
    assert decision_recorded(case) is not None, "concluded without its written decision"


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from([CaseKind.KHIEU_NAI, CaseKind.TO_CAO]),
    second_time=st.booleans(),
    channel=st.sampled_from([Channel.WEB, Channel.API, Channel.IN_PERSON, Channel.MAIL]),
    signed=st.booleans(),
    steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=14),
)
def test_no_case_is_concluded_without_what_its_kind_requires(
    kind, second_time, channel, signed, steps
):
    admin = UserFactory(username="property-admin", superuser=True)
    case = case_in(
        kind,
        CaseStatus.RECEIVED,
        channel=channel,
        second_time=second_time and kind == CaseKind.KHIEU_NAI,
        signature_method="signed_copy" if signed else "",
    )
    for step in steps:
        if step == "days_pass":  # the day of a scheduled dialogue comes
            DialogueMeeting.objects.filter(case=case).update(
                scheduled_at=timezone.now() - datetime.timedelta(hours=1)
            )
            verified(case)  # the dialogue is held on the verification's result
            continue
        action, data = _data(step)
        try:
            case_transition(case_id=case.pk, action=action, actor=admin, data=data, origin="prop")
        except (TransitionNotAllowed, TransitionInvalid, PermissionDenied):
            pass
        case.refresh_from_db()
        if case.status == CaseStatus.CONCLUDED:
            _assert_concluded_lawfully(case)


@pytest.mark.django_db
def test_the_property_can_be_reached_lawfully():
    """The sequence a lawful second-time complaint filed online takes does conclude: the
    property above is not satisfied by a workflow that concludes nothing."""
    admin = UserFactory(superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, second_time=True, signature_method="")
    for step in ["confirm_signature", "accept", "start_verification", "schedule_dialogue",
                 "days_pass", "record_dialogue", "conclude"]:  # fmt: skip
        if step == "days_pass":
            DialogueMeeting.objects.filter(case=case).update(
                scheduled_at=timezone.now() - datetime.timedelta(hours=1)
            )
            verified(case)  # the dialogue is held on the verification's result
            continue
        action, data = _data(step)
        case_transition(case_id=case.pk, action=action, actor=admin, data=data, origin="prop")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    _assert_concluded_lawfully(case)
