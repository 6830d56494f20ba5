"""The receipt of a complaint or a denunciation names who resolves it (walk-round2 finding
12): a complaint against a hospital is received through the Sở's portal but resolved, and its
signed letter read, by the hospital's head (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19,
khoản 1 Điều 20 Luật Khiếu nại)."""

from __future__ import annotations

import pytest
from django.utils import translation

from complaints import emails
from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.citizen import receipt_context
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db


def test_the_complaint_receipt_names_the_hospital_resolving_it():
    hospital = FacilityFactory(name="Bệnh viện Đa khoa khu vực Đặng Thùy Trâm")
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    base = {"department": "Sở Y tế tỉnh Quảng Ngãi", "kind_label": "Khiếu nại",
            "title": "Thu tiền sai", "tracking_code": case.tracking_code}  # fmt: skip
    for language, words, article in (
        ("vi", "Người có thẩm quyền giải quyết", "Điều 20 Luật Khiếu nại"),
        ("en", "resolved by", "20"),
    ):
        with translation.override(language):
            context = {**base, **receipt_context(case, None)}
            _subject, body = emails.render("citizen_received", context, language=language)
        assert words in body
        assert "Bệnh viện Đa khoa khu vực Đặng Thùy Trâm" in body
        assert article in body


def test_a_feedback_receipt_names_no_resolver():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    assert not receipt_context(case, None).get("resolver")
