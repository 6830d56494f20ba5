"""Staff's "Khiếu nại lần hai" on a first case that already has a second-time complaint is
refused, naming it, unless the officer confirms it is a different complaint (khoản 7 Điều
11 Luật Khiếu nại: a complaint already decided the second time is not accepted again)."""

from __future__ import annotations

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.services.workflow import TransitionInvalid
from tests.complaints.documents.helpers import leader, province
from tests.factories import paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db


def _concluded_first():
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    act(first, "conclude", boss, conclusion="Giữ nguyên quyết định.",
        public_answer="Không có cơ sở.", **paper_decision(symbol="15/QĐ-BVĐK"))
    return first, boss


def test_a_second_escalation_is_refused_naming_the_existing_second_time_case():
    first, boss = _concluded_first()
    existing = act(first, "escalate", boss, content="Không đồng ý.").data["second_time_case"]
    with pytest.raises(TransitionInvalid) as refused:
        act(first, "escalate", boss, content="Đến nộp đơn lần nữa.")
    message = " ".join(refused.value.errors["different_complaint"])
    assert f"Đã có hồ sơ khiếu nại lần hai {existing} cho quyết định này" in message
    assert "(đang giải quyết)" in message
    assert Case.objects.filter(parent_case=first, second_time=True).count() == 1


def test_a_concluded_second_time_case_is_named_as_resolved():
    first, boss = _concluded_first()
    code = act(first, "escalate", boss, content="Không đồng ý.").data["second_time_case"]
    second = Case.objects.get(tracking_code=code)
    Case.objects.filter(pk=second.pk).update(status=CaseStatus.CONCLUDED,
                                             concluded_at=second.received_at)
    with pytest.raises(TransitionInvalid) as refused:
        act(first, "escalate", boss, content="Đến nộp đơn lần nữa.")
    assert "(đã giải quyết)" in " ".join(refused.value.errors["different_complaint"])


def test_the_officer_confirms_a_different_complaint():
    first, boss = _concluded_first()
    existing = act(first, "escalate", boss, content="Không đồng ý.").data["second_time_case"]
    event = act(first, "escalate", boss, content="Khiếu nại khác về cùng quyết định.",
                different_complaint=True)
    other = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert other.tracking_code != existing and other.parent_case_id == first.pk


def test_the_action_form_offers_the_confirmation_only_when_one_exists():
    from complaints.admin.forms import TransitionForm
    from complaints.transitions import transition_for

    first, boss = _concluded_first()
    first = Case.objects.get(pk=first.pk)
    row = transition_for(case=first, action="escalate")
    assert "different_complaint" not in TransitionForm(transition=row, case=first, user=boss).fields
    act(first, "escalate", boss, content="Không đồng ý.")
    form = TransitionForm(transition=row, case=first, user=boss)
    assert form.fields["different_complaint"].label == "Đây là một khiếu nại khác"
