"""The second decision's "Nơi nhận" names the first-round resolver, the head of the unit
that held the first round (khoản 1 Điều 41 Luật Khiếu nại: the second decision is sent to
"người giải quyết khiếu nại lần đầu"), when the portal holds that round; the generic line
otherwise."""

from __future__ import annotations

import pytest

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.documents.helpers import leader, province
from tests.complaints.workflow.helpers import case_in

pytestmark = pytest.mark.django_db


def _recipients(case, department) -> str:
    boss = leader(facility=department, username="gd-so")
    return document_draft(
        case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet", actor=boss, origin="test"
    ).recipients


def test_the_first_round_resolver_is_named():
    department, hospital = province()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, facility=hospital)
    second = case_in(
        CaseKind.KHIEU_NAI,
        CaseStatus.VERIFYING,
        facility=department,
        second_time=True,
        parent_case=first,
    )
    assert (
        "- Giám đốc Bệnh viện đa khoa khu vực Đức Phổ (người giải quyết khiếu nại lần đầu);"
        in _recipients(second, department)
    )


def test_a_first_round_outside_the_portal_keeps_the_generic_line():
    department, _hospital = province()
    second = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=department, second_time=True
    )
    assert "- Người giải quyết khiếu nại lần đầu;" in _recipients(second, department)
