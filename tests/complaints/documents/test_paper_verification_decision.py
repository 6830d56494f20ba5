"""The decision giving the verification signed on paper (điểm b khoản 1 Điều 29 Luật Khiếu nại;
khoản 1, khoản 2 Điều 31 Luật Tố cáo): the step records its số, ký hiệu and ngày ban hành, and
the extension of the verification period (Mẫu số 04A-KN) cites it where it printed "số … ngày …"
for the officer to fill by hand. A decision issued in the portal still wins; a step taken
without them prints the blank as before."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.documents.context import verifier_view
from complaints.documents.services import document_draft, document_issue
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

from .helpers import leader, province, resolve_row

pytestmark = pytest.mark.django_db

EXTENSION = "kn_quyet_dinh_gia_han_xac_minh"


def _today():
    return timezone.localdate()


def _signed_on():
    return _today() - datetime.timedelta(days=2)


STEP = {"verification_extra_days": 3, "reason": "Chờ kết quả giám định"}


@pytest.fixture
def hospital():
    return province()[1]


def _accepted(hospital):
    verifier = UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                           facility=hospital)
    return resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital, assigned_user=verifier,
        resolve_by=_today() + datetime.timedelta(days=40),
        decision_complained="Quyết định thu viện phí số 12/QĐ-BV",
    ))


def _extension(case, boss) -> str:
    return document_draft(case_id=case.pk, template_code=EXTENSION, actor=boss, origin="test",
                          step=STEP).body


def test_the_extension_cites_the_paper_decisions_number_and_date(hospital):
    boss = leader()
    case = _accepted(hospital)
    act(case, "start_verification", boss, verification_days=5,
        paper_decision_symbol="12/QĐ-SYT", paper_decision_date=_signed_on().isoformat())
    body = _extension(case, boss)
    cited = f"Quyết định số 12/QĐ-SYT ngày {_signed_on():%d/%m/%Y}"
    assert f"Căn cứ {cited} của" in body
    assert f"đã giao tại {cited}." in body
    assert f"theo {cited} và báo cáo" in body
    assert "số … ngày …" not in body


def test_without_it_the_extension_still_leaves_the_blank(hospital):
    boss = leader()
    case = _accepted(hospital)
    act(case, "start_verification", boss, verification_days=5)
    assert "Căn cứ Quyết định số … ngày … của" in _extension(case, boss)
    assert verifier_view(case).decision == "số … ngày …"


def test_the_decision_issued_in_the_portal_wins_over_the_paper_one(hospital):
    boss = leader()
    case = _accepted(hospital)
    act(case, "start_verification", boss, verification_days=5,
        paper_decision_symbol="12/QĐ-SYT", paper_decision_date=_signed_on().isoformat())
    issued = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                            actor=boss, origin="test")
    issued = document_issue(document_id=issued.pk, actor=boss, origin="test", signed_confirmed=True)
    body = _extension(case, boss)
    assert f"Căn cứ Quyết định số {issued.symbol} ngày {_today():%d/%m/%Y} của" in body
    assert "12/QĐ-SYT" not in body

