"""The tố cáo acceptance notice states the case's own resolution period and its basis (30,
or 60 / 90 days after extensions), never a fixed 30 days; no developer's note in the form's
reference staff read (review of the case page, items 4 and 5)."""

from __future__ import annotations

import datetime

import pytest

from complaints.documents.context import AT_ISSUE, issue_fill
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from complaints.rules.documents import FORMS
from tests.complaints.workflow.helpers import case_in

pytestmark = pytest.mark.django_db


def test_the_acceptance_notice_states_the_period_after_two_extensions():
    form = next(f for f in FORMS if f.code == "tc_thong_bao_thu_ly_nguoi_to_cao")
    assert "30 ngày" not in form.body
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, resolve_by=datetime.date(2027, 3, 5))
    CaseDeadline.objects.create(
        case=case, step="resolve", due=datetime.date(2027, 3, 5), counted_in="calendar_days",
        amount=90, counted_from=datetime.date(2026, 12, 5), rule_version="2026-07-01",
        legal_basis="Luật TC Art 30(3): vụ việc đặc biệt phức tạp, gia hạn hai lần, tổng cộng "
        "không quá 90 ngày; tiêu chí xác định tại NĐ 31/2019 Art 3",
    )
    draft = form.body
    for name, mark in AT_ISSUE.items():  # what the draft shows before issue
        draft = draft.replace("{{ " + name + " }}", mark)
    text = issue_fill(draft, case=case)
    assert "không quá 90 ngày kể từ ngày thụ lý (khoản 3 Điều 30 Luật Tố cáo" in text
    assert "đến hết ngày 05/03/2027" in text


def test_no_developer_note_in_the_forms_references():
    for form in FORMS:
        assert "bản sao của dự án" not in form.form_ref, form.code
        assert form.form_ref == form.form_ref.strip()
