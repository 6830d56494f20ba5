"""An issued document holds no blank left for the officer ("…", "....."), and states the
resolution period of its own step: the acceptance of a denunciation its 30 days (khoản 1
Điều 30 Luật Tố cáo) even when issued after an extension, the extension decision the
extended period (khoản 2 Điều 30). Exploratory report of the chief inspector, finding 3."""

from __future__ import annotations

import datetime

import pytest

from complaints.documents.models import DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import act, case_in

from .helpers import leader, pdf_text, province, read

pytestmark = pytest.mark.django_db

CONTENT = "Nội dung tố cáo được thụ lý: bác sĩ nhận tiền của người bệnh ngày 20/8/2026."


@pytest.fixture
def hospital():
    return province()[1]


def _accepted_then_extended(hospital, boss):
    """A denunciation accepted on 01/09/2026 (30 days: 01/10/2026), marked complex and
    extended once (60 days: 02/11/2026, 31/10 being a Saturday), through the workflow."""
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss, decided_on="2026-09-01")
    act(case, "mark_complex", boss, reason="Nhiều nơi cần xác minh")
    act(case, "extend", boss, reason="Cần xác minh thêm tại hai cơ sở")
    case.refresh_from_db()
    assert case.resolve_by == datetime.date(2026, 11, 2)
    return case


def _fill(document, old: str, new: str):
    """The officer writes in the draft (`document_update`), as its edit form does."""
    assert old in document.body
    return document_update(
        document_id=document.pk, actor=document.created_by, origin="test",
        trich_yeu=document.trich_yeu, addressee=document.addressee,
        body=document.body.replace(old, new), recipients=document.recipients,
        signer_title=document.signer_title, signer_name=document.signer_name,
    )


def test_the_acceptance_decision_with_its_blank_is_refused_naming_the_line(hospital):
    boss = leader()
    case = _accepted_then_extended(hospital, boss)
    draft = document_draft(case_id=case.pk, template_code="tc_quyet_dinh_thu_ly", actor=boss,
                           origin="test")
    assert "Nội dung tố cáo được thụ lý: …" in draft.body
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    message = refused.value.message
    line = next(n for n, text in enumerate(draft.body.splitlines(), 1) if "được thụ lý: …" in text)
    assert f"Nội dung, dòng {line}: “" in message
    assert "Nội dung tố cáo được thụ lý: …”" in message
    assert "chỗ trống chưa điền" in message and "khoản 2 Điều 29 Luật Tố cáo" in message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    assert not CaseEvent.objects.filter(case=case, action="document_issued").exists()

    _fill(draft, "Nội dung tố cáo được thụ lý: …", CONTENT)
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.is_issued and CONTENT in issued.body
    # The period that applied at acceptance, not the extended one in force today.
    text = pdf_text(read(issued.pdf.file))
    assert ("Thời hạn giải quyết tố cáo là 30 ngày kể từ ngày thụ lý, đến hết ngày "
            "01/10/2026 (khoản 1 Điều 30 Luật Tố cáo") in text
    assert "60 ngày" not in text and "02/11/2026" not in text
    assert "…" not in issued.body


def test_the_extension_decision_states_the_extended_period(hospital):
    boss = leader()
    case = _accepted_then_extended(hospital, boss)
    draft = document_draft(case_id=case.pk, template_code="tc_quyet_dinh_gia_han", actor=boss,
                           origin="test")
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Thời hạn giải quyết sau gia hạn: đến hết ngày 02/11/2026." in issued.body
    assert "Lý do: Cần xác minh thêm tại hai cơ sở" in issued.body


def test_the_acceptance_notice_to_the_denouncer_states_the_period_at_acceptance(hospital):
    boss = leader()
    case = _accepted_then_extended(hospital, boss)
    draft = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert ("Thời hạn giải quyết tố cáo không quá 30 ngày kể từ ngày thụ lý (khoản 1 Điều 30 "
            "Luật Tố cáo") in issued.body
    assert "đến hết ngày 01/10/2026." in issued.body


def test_issued_with_its_step_the_acceptance_states_the_period_it_sets(hospital):
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="tc_quyet_dinh_thu_ly", actor=boss,
                           origin="test")
    _fill(draft, "Nội dung tố cáo được thụ lý: …", CONTENT)
    act(case, "accept", boss, decided_on="2026-09-01")  # taken first, then the decision
    act(case, "mark_complex", boss, reason="Nhiều nơi cần xác minh")
    draft.refresh_from_db()
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "30 ngày kể từ ngày thụ lý, đến hết ngày 01/10/2026" in issued.body
    # And one approved with its step reads the period the step has just set.
    other = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    second = document_draft(case_id=other.pk, template_code="tc_quyet_dinh_thu_ly", actor=boss,
                            origin="test")
    _fill(second, "Nội dung tố cáo được thụ lý: …", CONTENT)
    second.refresh_from_db()
    case_transition(case_id=other.pk, action="accept", actor=boss, origin="test",
                    data={"decided_on": "2026-09-01"}, document_id=second.pk,
                    document_version=second.version, signed_confirmed=True)
    second.refresh_from_db()
    assert second.is_issued
    assert "30 ngày kể từ ngày thụ lý, đến hết ngày 01/10/2026" in second.body


def test_dotted_blanks_are_refused_an_ellipsis_inside_the_text_is_not(hospital):
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital,
                   title="Thiếu thuốc, vật tư... tại khoa Khám bệnh")
    act(case, "accept", boss)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                           actor=boss, origin="test")
    _fill(draft, "./.", ". Người liên hệ: ..............\n./.")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Người liên hệ: ..............”" in refused.value.message
    assert "vật tư..." not in refused.value.message  # the citizen's own ellipsis: text
    draft.refresh_from_db()
    _fill(draft, ". Người liên hệ: ..............\n./.", "./.")
    assert document_issue(document_id=draft.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued
