"""A date the description of the decision complained against already gives is printed once
("… phiếu thu số 1234 ngày 20/11/2026 của Phòng Tài chính - Kế toán", not "… ngày
20/11/2026" again after it); the acceptance notice (Mẫu số 03) keeps no "(nếu có)" hint of
the form in "Nơi nhận" for a party the case does not have."""

from __future__ import annotations

import datetime

import pytest

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


def _draft(case, code):
    return document_draft(case_id=case.pk, template_code=code, actor=leader(), origin="test")


@pytest.mark.parametrize("code", ["kn_quyet_dinh_giao_xac_minh", "kn_quyet_dinh_giai_quyet"])
def test_a_date_the_description_gives_is_printed_once(code):
    hospital = province()[1]
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   decision_complained="phiếu thu số 1234 ngày 20/11/2026 của Phòng Tài "
                   "chính - Kế toán", decision_maker="Bệnh viện", decision_date=DAY)
    body = _draft(case, code).body
    assert "20/11/2026" in body
    for line in body.splitlines():
        assert line.count("20/11/2026") <= 1, line


def test_a_date_the_description_lacks_is_still_printed():
    hospital = province()[1]
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   decision_complained="phiếu thu số 1234", decision_date=DAY)
    body = _draft(case, "kn_quyet_dinh_giao_xac_minh").body
    line = next(line for line in body.splitlines() if "phiếu thu số 1234" in line)
    assert "ngày 20/11/2026" in line


def test_the_acceptance_notice_names_no_forwarder_the_case_does_not_have():
    hospital = province()[1]
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    recipients = _draft(case, "kn_thong_bao_thu_ly").recipients
    assert "(nếu có)" not in recipients
    assert "Cơ quan thanh tra nhà nước cùng cấp" in recipients  # Điều 27 Luật Khiếu nại
