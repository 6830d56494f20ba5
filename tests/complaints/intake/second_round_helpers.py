"""A first complaint concluded with its decision, and the citizen's second-time complaint
form about it: shared by the second round's intake tests (link, late, race)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from tests.complaints.documents.helpers import leader, province
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import paper_decision


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def concluded_first(*, signed_days_ago: int = 2, accepted_days_ago: int = 5):
    """(first case, its hospital, the leader who decided it): a khiếu nại accepted
    `accepted_days_ago`, decided by decision 15/QĐ-BVĐK signed `signed_days_ago`."""
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                    accepted_at=timezone.now() - datetime.timedelta(days=accepted_days_ago))
    act(first, "conclude", boss, conclusion="Giữ nguyên quyết định thu viện phí.",
        public_answer="Không có cơ sở.",
        **paper_decision(symbol="15/QĐ-BVĐK", on=days_ago(signed_days_ago), finding="wrong"))
    return Case.objects.get(pk=first.pk), hospital, boss


def second_form(hospital, *, signed_on: datetime.date, received_on: datetime.date | None = None,
                form_token: str = "token-2", **overrides) -> dict:
    """The public form's fields for a second-time complaint about decision 15/QĐ-BVĐK signed
    `signed_on`, received by the citizen `received_on` (today by default)."""
    data = {
        "form_token": form_token,
        "kind": "khieu_nai",
        "second_time": "1",
        "facility": hospital.code,
        "title": "Không đồng ý với quyết định giải quyết lần đầu",
        "content": "Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu về viện phí.",
        "reporter_name": "Nguyễn Thị Lan",
        "reporter_phone": "0905123456",
        "reporter_email": "lan.nguyen@example.vn",
        "reporter_address": "Phổ Cường, Quảng Ngãi",
        "reporter_id_number": "051190000123",
        "decision_complained": "Quyết định giải quyết khiếu nại lần đầu",
        "decision_maker": "Giám đốc Bệnh viện",
        "decision_date": signed_on.isoformat(),
        "first_decision_ref": f"15/QĐ-BVĐK ngày {signed_on.strftime('%d/%m/%Y')}",
        "first_decision_received_on": (received_on or timezone.localdate()).isoformat(),
        "truth_declaration": "on",
        "consent": "on",
        "consent_contact": "on",
    }
    data.update(overrides)
    return data
