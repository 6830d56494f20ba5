"""The workspace's other refused forms land on the same error summary as "Giao xử lý"
(complaints/templatetags/form_errors.py, complaints/admin/_error_summary.html): first in
the page, role="alert", tabindex="-1", autofocus, each message linking to its field, the
title starting with "Lỗi:". The approval decision page, the internal note form, the
draft document's page; and the 409 box of the case page is focused the same way."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.approvals.test_admin import CONCLUSION, client_of, setting  # noqa: F401
from tests.complaints.documents.helpers import leader, province
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import CaseFactory

from .helpers import intake_user

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _summary(html: str, summary_id: str) -> str:
    found = re.search(rf'<div [^>]*id="{summary_id}"[^>]*>.*?</div>', html, re.S)
    assert found, f"no error summary {summary_id}"
    summary = found.group(0)
    opening = summary[: summary.index(">") + 1]
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening and "autofocus" in opening
    assert html.count("autofocus") == 1
    assert _title(html).startswith("Lỗi: ")
    return summary


def test_a_refused_return_of_a_draft_is_summed_up(setting):  # noqa: F811
    from complaints.approvals.models import Draft

    case, handler, boss = setting
    client_of(handler).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {"conclude-expected_status": case.status, "conclude-conclusion": CONCLUSION["conclusion"],
         "conclude-public_answer": CONCLUSION["public_answer"], "comment": "Kính trình."},
    )
    draft = Draft.objects.get()
    page = client_of(boss).get(reverse("approvals_admin:detail", args=[draft.pk])).content.decode()
    assert "cw-errors-decide" not in page and not _title(page).startswith("Lỗi:")

    response = client_of(boss).post(
        reverse("approvals_admin:decide", args=[draft.pk, "return"]), {"return-comment": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html, "cw-errors-decide")
    assert '<a href="#id_return-comment">Ý kiến khi trả lại (bắt buộc)</a>: ' in summary
    assert html.index('id="cw-errors-decide"') < html.index('id="id_return-comment"')
    # The field is described by its error as well.
    tag = re.search(r'<textarea [^>]*id="id_return-comment"[^>]*>', html).group(0)
    assert "id_return-comment_error" in tag


def test_a_refused_internal_note_is_summed_up(client):
    case = CaseFactory()
    client.force_login(intake_user())
    response = client.post(reverse("complaints_admin:add_note", args=[case.tracking_code]), {})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html, "cw-errors-note")
    assert re.search(r'<a href="#id_text">[^<]+</a>: Trường này bắt buộc\.', summary)
    assert html.index('id="cw-errors-note"') < html.index('id="id_text"')


def test_a_refused_save_of_a_draft_document_is_summed_up(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                           actor=boss, origin="test")
    client.force_login(boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    page = client.get(url).content.decode()
    assert "cw-errors-document" not in page and not _title(page).startswith("Lỗi:")
    response = client.post(url, {"operation": "save", "trich_yeu": "", "body": draft.body,
                                 "signer_title": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html, "cw-errors-document")
    assert '<a href="#id_trich_yeu">Trích yếu</a>: Trường này bắt buộc.' in summary
    assert '<a href="#id_signer_title">Chức vụ người ký</a>: Trường này bắt buộc.' in summary
    assert html.index('id="cw-errors-document"') < html.index('id="id_trich_yeu"')


def test_the_case_pages_409_box_is_focused_on_load(client):
    case = CaseFactory()
    client.force_login(intake_user())
    response = client.post(
        f"/admin/ho-so/{case.tracking_code}/thao-tac/complete_info/",
        {"complete_info-expected_status": "needs_info"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    box = re.search(r'<div [^>]*id="cw-conflict"[^>]*>', html).group(0)
    assert 'role="alert"' in box and 'tabindex="-1"' in box and "autofocus" in box
    assert html.count("autofocus") == 1
    assert _title(html).startswith("Lỗi: ")
