"""A corrected shipped form reaches a portal already installed (`templates_sync`, run after
every migration): a template nobody edited takes the shipped text; one an administrator
edited keeps theirs."""

from __future__ import annotations

import pytest

from complaints.documents.models import DocumentTemplate
from complaints.documents.services import templates_sync
from complaints.rules.documents import FORMS

pytestmark = pytest.mark.django_db

SHIPPED = {form.code: form for form in FORMS}


def test_an_unedited_template_takes_the_corrected_form_an_edited_one_is_kept():
    templates_sync()
    notice = DocumentTemplate.objects.get(code="kn_thong_bao_thu_ly")
    decision = DocumentTemplate.objects.get(code="kn_quyet_dinh_giai_quyet")
    # As an earlier release shipped them (saved by the sync itself, nobody's edit).
    for template in (notice, decision):
        template.recipients = "- Như trên;\n- Lưu: VT, hồ sơ."
        template._change_reason = "origin=rules action=document_templates_sync"
        template.save()
    decision.recipients = "- Như Điều 3;\n- Lưu: VT."  # then an administrator's edit
    decision._change_reason = None
    decision.save()

    assert templates_sync() == 1
    notice.refresh_from_db()
    decision.refresh_from_db()
    assert notice.recipients == SHIPPED["kn_thong_bao_thu_ly"].recipients
    assert "Cơ quan thanh tra nhà nước cùng cấp" in notice.recipients  # Điều 27 Luật Khiếu nại
    assert notice.history.first().history_change_reason == (
        "origin=rules action=document_templates_update")
    assert decision.recipients == "- Như Điều 3;\n- Lưu: VT."
    assert templates_sync() == 0  # nothing left to bring up


def test_the_complaint_decision_carries_what_the_law_requires():
    body = SHIPPED["kn_quyet_dinh_giai_quyet"].body
    # khoản 2 Điều 31 Luật Khiếu nại: the dialogue's result, the legal basis, the finding,
    # and khoản 1 Điều 33: 30 days (45 in remote areas) for a second complaint.
    assert "{{ dialogue_result }}" in body
    assert "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011" in body
    assert "Căn cứ pháp luật để giải quyết khiếu nại" in body
    assert "Kết luận nội dung khiếu nại\n{% if finding %}{{ finding }}" in body
    assert "Trong thời hạn 30 ngày" in body and "45 ngày" in body
    assert "Trong thời hạn theo quy định của Luật Khiếu nại" not in body
