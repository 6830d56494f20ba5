"""The blanks a draft still holds ("…", "....."), shown on its page while the officer edits
it: a summary at the top naming each line and linking to its field, the field marked
(aria-invalid, aria-describedby), computed on the server each time the draft is shown or
saved, by the rule the issue refuses by (`blank_lines`). Saving a draft with blanks is
allowed; issuing it is refused as before. And a petitioner's own "…" inside a quotation
taken from the case (a press article's title) is text, not a blank."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.documents.context import blank_lines, blank_refusal
from complaints.documents.models import DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import act, case_in

from .helpers import handler, leader, province

pytestmark = pytest.mark.django_db

ARTICLE = "Bệnh viện … chuyện chưa kể ở khoa Cấp cứu"


@pytest.fixture
def hospital():
    return province()[1]


def _edit(document, **parts):
    return document_update(
        document_id=document.pk, actor=document.created_by, origin="test",
        trich_yeu=parts.get("trich_yeu", document.trich_yeu),
        addressee=parts.get("addressee", document.addressee),
        body=parts.get("body", document.body),
        recipients=parts.get("recipients", document.recipients),
        signer_title=document.signer_title, signer_name=document.signer_name,
    )


def _draft_with_blanks(hospital, boss):
    """A notice of receipt whose trích yếu (line 1) and body (line 3) the officer left
    blanks in, two in the body's line."""
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    act(case, "accept", boss)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                           actor=boss, origin="test")
    body = draft.body.splitlines()
    assert len(body) == 2
    return case, _edit(
        draft,
        trich_yeu="Về việc tiếp nhận phản ánh ngày …",
        body="\n".join([*body, "Người liên hệ: .............., điện thoại: …"]),
    )


def _url(document):
    return reverse("complaints_admin:document", args=[document.case.tracking_code, document.pk])


def _tag(page: str, element_id: str) -> str:
    return re.search(rf'<(?:textarea|input)[^>]*id="{element_id}"[^>]*>', page).group()


def test_the_draft_page_sums_up_its_blanks_and_marks_their_fields(client, hospital):
    boss = leader()
    case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(handler(hospital))
    page = client.get(_url(draft)).content.decode()

    summary = re.search(r'<section class="cw-conflict" id="doc-blanks".*?</section>', page,
                        re.S).group()
    assert 'aria-labelledby="doc-blanks-title"' in summary
    assert "Còn 3 chỗ trống phải điền trước khi ban hành:" in summary
    assert '<a href="#id_trich_yeu">Trích yếu, dòng 1</a>: “Về việc tiếp nhận phản ánh ngày …”' \
        in summary
    assert '<a href="#id_body">Nội dung, dòng 3</a>: “Người liên hệ: ..............”' in summary
    assert "(2 chỗ trống)" in summary
    assert "Kính gửi" not in summary and "Nơi nhận" not in summary
    assert "khoản 1 Điều 28 Luật Tiếp công dân" in summary  # the basis the issue cites

    body = _tag(page, "id_body")
    assert 'aria-invalid="true"' in body and 'aria-describedby="id_body_blanks"' in body
    assert 'id="id_body_blanks">Còn chỗ trống phải điền ở dòng 3.</span>' in page
    assert 'aria-invalid="true"' in _tag(page, "id_trich_yeu")
    assert 'id="id_trich_yeu_blanks">Còn chỗ trống phải điền ở dòng 1.</span>' in page
    for clean in ("id_addressee", "id_recipients", "id_signer_title"):
        assert "aria-invalid" not in _tag(page, clean)
        assert "_blanks" not in _tag(page, clean)


def test_a_draft_with_blanks_is_saved_not_issued_and_the_page_follows_each_save(
        client, hospital):
    boss = leader()
    case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    form = {"trich_yeu": "Về việc tiếp nhận phản ánh", "addressee": draft.addressee,
            "body": draft.body, "recipients": draft.recipients, "signer_authority": "",
            "principal_title": "", "signer_title": draft.signer_title,
            "signer_name": draft.signer_name, "operation": "save"}
    saved = client.post(_url(draft), form)
    assert saved.status_code == 302  # saving with blanks is allowed
    draft.refresh_from_db()
    assert draft.trich_yeu == "Về việc tiếp nhận phản ánh" and ".............." in draft.body
    page = client.get(saved.url).content.decode()
    assert "Còn 2 chỗ trống phải điền trước khi ban hành:" in page
    assert "Trích yếu, dòng 1" not in page and "aria-invalid" not in _tag(page, "id_trich_yeu")

    # A save refused for another field: the page shows the blanks of the text sent.
    refused = client.post(_url(draft), {**form, "signer_title": "",
                                        "addressee": "Ông …"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert '<a href="#id_addressee">Kính gửi, dòng 1</a>: “Ông …”' in page
    assert 'aria-describedby="id_addressee_blanks"' in _tag(page, "id_addressee")
    assert 'aria-invalid="true"' in _tag(page, "id_signer_title")  # its own error, as before

    # The issue is refused as before, and the page still sums the blanks up.
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    issued = client.post(_url(draft), {"operation": "issue",
                                       "signed_confirmed": "on", "version": version})
    assert issued.status_code == 409
    page = issued.content.decode()
    assert "Chưa ban hành được: văn bản còn chỗ trống chưa điền" in page
    assert "Còn 2 chỗ trống phải điền trước khi ban hành:" in page
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT

    filled = {**form, "body": draft.body.replace(
        "Người liên hệ: .............., điện thoại: …", "Người liên hệ: Lê Văn Giám.")}
    assert client.post(_url(draft), filled).status_code == 302
    page = client.get(_url(draft)).content.decode()
    assert 'id="doc-blanks"' not in page and "aria-invalid" not in page


def test_the_page_and_the_issue_name_the_same_lines(hospital):
    """One rule: the lines the page shows are those the issue's refusal names."""
    boss = leader()
    case, draft = _draft_with_blanks(hospital, boss)
    texts = {name: getattr(draft, name) for name in ("trich_yeu", "addressee", "body",
                                                     "recipients")}
    lines = blank_lines(texts, case=case, audience=draft.audience)
    refusal = blank_refusal(texts, case=case, audience=draft.audience, basis="Điều 1")
    assert [(line.part, line.number, line.count) for line in lines] == [
        ("trich_yeu", 1, 1), ("body", 3, 2)]
    for line in lines:
        assert f"{line.label}: “{line.text}”" in refusal
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Trích yếu, dòng 1" in refused.value.message
    assert "Nội dung, dòng 3" in refused.value.message


def test_the_petitioners_ellipsis_in_a_quoted_title_is_not_a_blank(hospital):
    """A title the case holds, quoted as the template quotes it, issues as it stands (before,
    the officer had to reword the citizen's title)."""
    boss = leader()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital,
                   title=f"Về bài báo “{ARTICLE}”")
    act(case, "accept", boss)
    draft = document_draft(case_id=case.pk, template_code="pakn_thong_bao_tiep_nhan",
                           actor=boss, origin="test")
    assert f"“{ARTICLE}”" in draft.body
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.is_issued and ARTICLE in issued.body


@pytest.mark.parametrize(
    ("line", "blank"),
    [
        # The press template's trích yếu, quoting the article's title: text.
        (f"V/v thông tin về nội dung bài báo “{ARTICLE}”", False),
        (f'Bài báo "{ARTICLE}" của Báo Quảng Ngãi', False),
        (f"Bài báo «{ARTICLE}»", False),
        # A quotation holding only the blank, whatever the case holds: a blank.
        ("V/v thông tin về nội dung bài báo “…”", True),
        ("V/v thông tin về nội dung bài báo “ … ”", True),
        # Words the case does not hold around the blank: the officer's.
        ("Bài báo “Bệnh viện … chuyện khác”", True),
        (f"Bài báo “{ARTICLE} ngày …”", True),
        # The quotation is the case's, the blank after it is not.
        (f"Bài báo “{ARTICLE}” đăng ngày …", True),
        (f"Bài báo “{ARTICLE}” đăng ngày .....", True),
        # The same words unquoted: a blank, as before (only a quotation is the case's).
        (f"Bài báo {ARTICLE}", True),
    ],
)
def test_a_blank_inside_a_quotation_is_text_only_when_the_case_holds_it(line, blank):
    case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, press_article_title=ARTICLE)
    lines = blank_lines({"trich_yeu": line}, case=case, audience="press")
    assert bool(lines) is blank


def test_the_step_or_the_handler_s_text_is_no_source_of_quotation(hospital):
    """Only the petitioner's (or the press's) data excuse a quoted "…": a conclusion the
    handler wrote with a blank is still refused when quoted."""
    case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED, facility=hospital,
                   conclusion="Khoa … đã khắc phục")
    lines = blank_lines({"body": "Kết quả xác minh: “Khoa … đã khắc phục”"}, case=case,
                        audience="press")
    assert [(line.part, line.number) for line in lines] == [("body", 1)]
