"""A second-time complaint cites the first decision by its number and date (Điều 40 Luật
Khiếu nại), not the first case's tracking code: the decision issued in the portal with the
conclusion, or the one signed on paper recorded with it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.services.workflow import case_transition
from tests.complaints.documents.helpers import leader, province, resolver_writes
from tests.factories import conclusion_finding, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
CONCLUDE = {"conclusion": "Giữ nguyên quyết định.", "public_answer": "Không có cơ sở.",
    **conclusion_finding()}


def test_the_second_complaint_cites_the_issued_decision():
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    draft = document_draft(case_id=first.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=boss, origin="test")  # fmt: skip
    draft = resolver_writes(draft, boss)  # the legal basis, the order's terms
    case_transition(case_id=first.pk, action="conclude", actor=boss, data=CONCLUDE,
                    origin="test", document_id=draft.pk, signed_confirmed=True)  # fmt: skip
    draft.refresh_from_db()
    assert draft.symbol and "QĐ" in draft.symbol
    event = act(first, "escalate", boss, content="Không đồng ý với quyết định lần đầu.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert second.first_decision_ref == f"{draft.symbol} ngày {today}"
    assert first.tracking_code not in second.first_decision_ref


def test_a_decision_signed_on_paper_is_cited_by_its_number_and_date():
    # The decision recorded with the conclusion (complaints/rules/decision.py), not the code.
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    signed = first.accepted_at.date() + datetime.timedelta(days=3)
    act(first, "conclude", boss, **CONCLUDE | paper_decision(symbol="15/QĐ-BVĐK", on=signed))
    event = act(first, "escalate", boss, content="Không đồng ý.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.first_decision_ref == f"15/QĐ-BVĐK ngày {signed.strftime('%d/%m/%Y')}"
    # The decision complained of is dated as signed, not as recorded in the portal.
    assert second.decision_date == signed


def test_a_case_concluded_before_its_decision_was_recorded_is_named_by_its_code():
    # Cases concluded before the decision was recorded with the step (no decision in their
    # event, none issued in the portal): the first case's tracking code stays the reference.
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, facility=hospital,
                    concluded_at=timezone.now())  # fmt: skip
    event = act(first, "escalate", boss, content="Không đồng ý.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.first_decision_ref == first.tracking_code


def test_the_second_complaint_has_its_own_channel_not_the_partners():
    # The chief inspector: a second complaint recorded by staff was counted under
    # "Ứng dụng, cổng đối tác" because the first case came through a partner's API.
    from complaints.kinds import Channel
    from complaints.services.workflow import TransitionInvalid

    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                    channel=Channel.API)
    act(first, "conclude", boss, **CONCLUDE | paper_decision())
    with pytest.raises(TransitionInvalid) as refused:
        act(first, "escalate", boss, content="Không đồng ý.", channel="api")
    assert "channel" in refused.value.errors
    assert not Case.objects.filter(second_time=True).exists()

    event = act(first, "escalate", boss, content="Không đồng ý.")  # no channel named
    assert Case.objects.get(tracking_code=event.data["second_time_case"]).channel == Channel.MAIL

    again = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    act(again, "conclude", boss, **CONCLUDE | paper_decision())
    event = act(again, "escalate", boss, content="Đến nộp đơn.", channel="in_person")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.channel == Channel.IN_PERSON
