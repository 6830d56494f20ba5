"""A second-time complaint cites the first decision by its number and date (Điều 40 Luật
Khiếu nại), not the first case's tracking code, when the decision was issued in the portal."""

from __future__ import annotations

import pytest
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.services.workflow import case_transition
from tests.complaints.documents.helpers import leader, province

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
CONCLUDE = {"conclusion": "Giữ nguyên quyết định.", "public_answer": "Không có cơ sở."}


def test_the_second_complaint_cites_the_issued_decision():
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    draft = document_draft(case_id=first.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=boss, origin="test")  # fmt: skip
    case_transition(case_id=first.pk, action="conclude", actor=boss, data=CONCLUDE,
                    origin="test", document_id=draft.pk)  # fmt: skip
    draft.refresh_from_db()
    assert draft.symbol and "QĐ" in draft.symbol
    event = act(first, "escalate", boss, content="Không đồng ý với quyết định lần đầu.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert second.first_decision_ref == f"{draft.symbol} ngày {today}"
    assert first.tracking_code not in second.first_decision_ref


def test_without_an_issued_decision_the_first_case_is_named():
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    act(first, "conclude", boss, **CONCLUDE)
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
    act(first, "conclude", boss, **CONCLUDE)
    with pytest.raises(TransitionInvalid) as refused:
        act(first, "escalate", boss, content="Không đồng ý.", channel="api")
    assert "channel" in refused.value.errors
    assert not Case.objects.filter(second_time=True).exists()

    event = act(first, "escalate", boss, content="Không đồng ý.")  # no channel named
    assert Case.objects.get(tracking_code=event.data["second_time_case"]).channel == Channel.MAIL

    again = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    act(again, "conclude", boss, **CONCLUDE)
    event = act(again, "escalate", boss, content="Đến nộp đơn.", channel="in_person")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.channel == Channel.IN_PERSON
