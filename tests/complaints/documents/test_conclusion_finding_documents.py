"""The decision's template variables expose the finding (`finding`: điểm g khoản 2 Điều 31,
điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo), and the shipped
complaint decision and denunciation conclusion print it where their heading asks for it; an
installed template nobody edited takes the new text."""

from __future__ import annotations

import pytest

from complaints.documents.models import DocumentTemplate
from complaints.documents.services import document_draft, templates_sync
from complaints.kinds import CaseKind, CaseStatus
from complaints.rules.documents import FORMS
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db

SHIPPED = {form.code: form for form in FORMS}
STEP = {"conclusion": "Qua xác minh, việc thu tiền là không đúng quy định.",
        "public_answer": "Yêu cầu hoàn trả tiền đã thu."}  # fmt: skip


def test_the_complaint_decision_prints_the_finding_under_its_heading():
    _department, hospital = province()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=leader(), origin="test",
                           step={**STEP, "finding": "partly_correct"})  # fmt: skip
    assert "Kết luận nội dung khiếu nại\nKhiếu nại đúng một phần. Qua xác minh" in draft.body
    assert "Yêu cầu hoàn trả" not in draft.body  # the public answer is not the decision


def test_the_denunciation_conclusion_prints_the_finding():
    _department, hospital = province()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=leader(),
                           origin="test", step={**STEP, "finding": "wrong"})  # fmt: skip
    assert "Kết luận về nội dung tố cáo: Tố cáo sai sự thật. Qua xác minh" in draft.body
    assert "Yêu cầu hoàn trả" not in draft.body  # the public answer is not the conclusion


def test_the_recorded_finding_is_read_when_the_step_has_none():
    _department, hospital = province()
    case = case_in(CaseKind.TO_CAO, CaseStatus.CONCLUDED, facility=hospital, finding="correct")
    draft = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=leader(),
                           origin="test", step=STEP)  # fmt: skip
    assert "Kết luận về nội dung tố cáo: Tố cáo đúng. " in draft.body


def test_an_unedited_installed_template_takes_the_text_with_the_finding():
    templates_sync()
    decision = DocumentTemplate.objects.get(code="kn_quyet_dinh_giai_quyet")
    # As the earlier release shipped it, saved by the sync itself (nobody's edit).
    finding = "{% if finding %}{{ finding }}.{% else %}…{% endif %}"
    decision.body = decision.body.replace(finding, "")
    decision._change_reason = "origin=rules action=document_templates_sync"
    decision.save()
    assert templates_sync() == 1
    decision.refresh_from_db()
    assert decision.body == SHIPPED["kn_quyet_dinh_giai_quyet"].body
    assert "{{ finding }}" in SHIPPED["tc_ket_luan"].body
