"""A document's files are named for what they are and which case: a draft
"du-thao-<type>-<case code>.pdf" (not "du-thao.pdf" for every draft of every case), an
issued one its number and symbol; in plain ASCII either way, safe in Content-Disposition.
One naming function (`document_file_name`) for the downloads and the stored copy."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.documents.models import Document
from complaints.documents.services import document_draft, document_file_name
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import act, case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db


def _disposition_name(response) -> str:
    header = response["Content-Disposition"]
    assert header.isascii(), header
    return re.search(r'filename="([^"]+)"', header).group(1)


def test_a_drafts_files_say_what_and_which_case(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                           actor=boss, origin="test")
    expected = f"du-thao-thong-bao-{case.tracking_code}"
    assert document_file_name(draft) == expected and expected.isascii()
    client.force_login(boss)
    for fmt, ext in (("pdf", "pdf"), ("docx", "docx")):
        response = client.get(reverse("complaints_admin:document_file",
                                      args=[case.tracking_code, draft.pk, fmt]))
        assert response.status_code == 200
        assert _disposition_name(response) == f"{expected}.{ext}"


def test_an_issued_documents_name_is_its_symbol_in_plain_letters():
    document = Document(symbol="05/QĐ-SYT-QNG", trich_yeu="Về việc giải quyết khiếu nại",
                        document_type="quyet_dinh")
    assert document_file_name(document) == "05-QD-SYT-QNG"
    assert document_file_name(document, subject=True) == (
        "05-QD-SYT-QNG-Ve-viec-giai-quyet-khieu-nai"
    )
