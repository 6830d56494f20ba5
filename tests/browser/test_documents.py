"""Documents in a real browser: a citizen files a petition and opens the printable receipt
(PDF, with the PIN only on this copy); two issued documents are rendered to PNG pages and
kept with the browser screenshots (test-artifacts/screenshots/); the staff page of a draft and
of an issued document shows its header as on paper at 1440 px, stacked beside a form that
keeps room to edit at 1280 px and stacked at 390 px (it was once squeezed into a sliver beside
the Quốc hiệu)."""

from __future__ import annotations

import pytest

from complaints.documents import rendering
from complaints.documents.services import document_draft, document_issue
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.services.workflow import case_transition
from tests.browser.support import PHONE, SCREENSHOTS, shoot, sign_in_to_admin
from tests.complaints.documents.helpers import leader, pdf_text, read, resolver_writes, step_taken
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.browser
def test_citizen_opens_the_receipt_pdf_after_filing(live_server, browser, province):
    hospital = province
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.check('input[name="kind"][value="phan_anh"]')
    page.fill("#facility-query", "duc pho")
    page.locator("#facility-results li", has_text=hospital.name).click()
    page.select_option('select[name="category"]', "thai-do-phuc-vu")
    page.fill('input[name="title"]', "Nhân viên tiếp đón thiếu lịch sự")
    page.fill('textarea[name="content"]',
              "Sáng nay nhân viên quầy tiếp đón nói chuyện thiếu lịch sự với người bệnh cao tuổi.")
    page.fill('input[name="reporter_name"]', "Phạm Văn Hòa")
    page.fill('input[name="reporter_email"]', "hoa.pham@example.vn")
    page.check('input[name="consent"]')
    page.click("#submit-button")
    page.wait_for_url("**/gui-phan-anh/da-gui/**")
    code = page.text_content("#receipt-code").strip()
    pin = page.text_content("#receipt-pin").strip()

    shoot(page, "documents-01-receipt-with-pdf-link-phone")
    link = page.locator("#receipt-pdf")
    assert link.is_visible() and link.text_content().strip() == "In giấy biên nhận (PDF)"
    # Chromium opens the PDF in its viewer (inline); the response is the PDF itself.
    with page.expect_response(lambda r: r.url.endswith("/bien-nhan.pdf")) as info:
        link.click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    # The viewer wraps the bytes; the same request with this browser's session cookie:
    pdf = context.request.get(response.url).body()
    _png_of_first_page(pdf, "documents-01b-receipt-pdf")
    text = pdf_text(pdf)
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in text
    assert code in text and f"Mã PIN: {pin}" in text
    assert "khoản 1 Điều 28 Luật Tiếp công dân" in text
    assert "Phạm Văn Hòa" not in text  # no identity in the printed receipt
    # The PIN is in no stored file: the case holds only its hash, no attachment was made.
    case = Case.objects.get(tracking_code=code)
    assert pin not in case.pin_hash and case.attachments.count() == 0
    context.close()


def _png_of_first_page(pdf: bytes, name: str) -> None:
    import pypdfium2 as pdfium

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=1.6).to_pil()
    image.save(SCREENSHOTS / f"{name}.png")
    document.close()


def _issued_conclusion(hospital, boss):
    """A denunciation concluded at `hospital` and its conclusion, issued by `boss`."""
    denunciation = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                              "conclude")
    draft = document_draft(
        case_id=denunciation.pk, template_code="tc_ket_luan", actor=boss, origin="test",
        step={"conclusion": "Bác sĩ Trần Văn B thu tiền ngoài quy định 2 lần.",
              "public_answer": "Tố cáo đúng một phần; đã kiểm điểm và hoàn trả tiền."},
    )
    # The resolver writes the legal basis and the responsibilities (khoản 2 Điều 35 Luật Tố
    # cáo), left blank by the draft.
    conclusion = document_issue(document_id=resolver_writes(draft, boss).pk, actor=boss,
                                origin="test", signed_confirmed=True)
    return denunciation, conclusion


@pytest.mark.browser
def test_two_issued_documents_rendered_to_png(live_server, browser, province):
    hospital = province
    boss = leader(facility=hospital)  # the hospital's own leader signs its documents
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    notice = document_draft(case_id=complaint.pk, template_code="kn_thong_bao_thu_ly",
                            actor=boss, origin="test")
    case_transition(case_id=complaint.pk, action="accept", actor=boss, data={}, origin="test",
                    document_id=notice.pk, signed_confirmed=True)
    denunciation, conclusion = _issued_conclusion(hospital, boss)
    notice.refresh_from_db()
    for document, name in ((notice, "documents-02-thong-bao-thu-ly-khieu-nai"),
                           (conclusion, "documents-03-ket-luan-to-cao")):
        data = read(document.pdf.file)
        assert document.symbol in pdf_text(data)
        _png_of_first_page(data, name)
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 20_000
    assert "Nguyễn Thị Dân" not in pdf_text(read(conclusion.pdf.file))


# Where the preview's header stands: each block's box, and how many lines each line of the
# header takes (its height over its line height), the Quốc hiệu's and Tiêu ngữ's text within
# the preview, and whether the preview scrolls sideways (something cut off at its edge).
_HEADER = """() => {
  const one = s => document.querySelector(s);
  const box = e => { const b = e.getBoundingClientRect();
                     return {left: b.left, right: b.right, top: b.top, bottom: b.bottom,
                             width: b.width}; };
  const lines = s => { const e = one(s);
                       return Math.round(e.getBoundingClientRect().height
                                         / parseFloat(getComputedStyle(e).lineHeight)); };
  const text = s => { const r = document.createRange(); r.selectNodeContents(one(s));
                      return box(r); };
  const frame = one('.doc-preview') || document.body;
  return {
    page: box(one('.vb')), left: box(one('.vb .head .left')), right: box(one('.vb .head .right')),
    frame: box(frame), sideways: frame.scrollWidth > frame.clientWidth + 0.5,
    quoc_hieu: text('.vb .head .right .upper'), tieu_ngu: text('.vb .motto'),
    lines: {quoc_hieu: lines('.vb .head .right .upper'), tieu_ngu: lines('.vb .motto'),
            symbol: lines('.vb .symbol'), issuer: lines('.vb .head .left .bold'),
            date: lines('.vb .date')},
  };
}"""


def _header_as_on_paper(page) -> dict:
    """Two blocks side by side, the issuing body's not a sliver: on paper it is 38% of the
    page, its name in two lines, its number on one."""
    head = page.evaluate(_HEADER)
    left, right = head["left"], head["right"]
    assert right["left"] >= left["right"] - 0.5 and abs(right["top"] - left["top"]) < 1, head
    assert left["width"] >= 0.3 * head["page"]["width"], head
    assert head["lines"] == {"quoc_hieu": 1, "tieu_ngu": 1, "symbol": 1, "issuer": 2,
                             "date": 1}, head
    assert not head["sideways"], head
    return head


def _header_stacked(page) -> dict:
    """The issuing body above the Quốc hiệu, each line of the Quốc hiệu and the Tiêu ngữ on
    one line, all within the preview."""
    head = page.evaluate(_HEADER)
    assert head["right"]["top"] >= head["left"]["bottom"] - 0.5, head
    assert head["lines"]["quoc_hieu"] == 1 and head["lines"]["tieu_ngu"] == 1, head
    for line in ("quoc_hieu", "tieu_ngu"):
        assert head["frame"]["left"] <= head[line]["left"], head
        assert head[line]["right"] <= head["frame"]["right"], head
    assert not head["sideways"], head
    return head


@pytest.mark.browser
def test_staff_page_shows_the_header_as_on_paper(live_server, browser, province):
    hospital = province
    boss = leader(facility=hospital)
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=complaint.pk, template_code="kn_thong_bao_thu_ly",
                           actor=boss, origin="test")
    denunciation, issued = _issued_conclusion(hospital, boss)
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    sign_in_to_admin(page, live_server.url, "lanhdao", DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/ho-so/{complaint.tracking_code}/van-ban/{draft.pk}/")
    # At 1280 px the text being edited keeps room (at least 20rem, two fifths of the column)
    # beside the preview, whose header then stands stacked rather than squeezed.
    body = page.locator("main form textarea[name=body]").bounding_box()
    preview = page.locator(".doc-preview").bounding_box()
    assert body["width"] >= 320 and preview["x"] > body["x"] + body["width"], (body, preview)
    _header_stacked(page)
    shoot(page, "documents-04-draft-header-1280")
    page.set_viewport_size({"width": 1440, "height": 900})
    _header_as_on_paper(page)
    shoot(page, "documents-05-draft-header-1440")
    page.set_viewport_size(PHONE)
    _header_stacked(page)
    page.locator(".vb .head").evaluate("e => e.scrollIntoView({block: 'center'})")
    shoot(page, "documents-06-draft-header-phone")
    # An issued document's page shows it the same way.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/admin/ho-so/{denunciation.tracking_code}/van-ban/{issued.pk}/")
    assert issued.symbol in page.locator(".vb .symbol").inner_text()
    _header_as_on_paper(page)
    # The document on its own (Wagtail's preview of a template, at a phone's width).
    page.set_viewport_size({"width": 375, "height": 812})
    page.set_content(rendering.document_html(rendering.parts_for(draft)))
    _header_stacked(page)
    page.close()


@pytest.mark.browser
def test_a_leader_fills_a_blank_and_issues_at_once_without_javascript(
        live_server, browser, province):
    """The draft page's "Ban hành" sends the fields being edited too (one form): the blank
    filled in the field and issued with one click, no "Lưu dự thảo" first, no script."""
    from tests.complaints.documents.test_draft_blanks import _draft_with_blanks

    boss = leader(facility=province)
    case, draft = _draft_with_blanks(province, boss)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN",
                                  java_script_enabled=False)
    page = context.new_page()
    sign_in_to_admin(page, live_server.url, boss.username, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/admin/ho-so/{case.tracking_code}/van-ban/{draft.pk}/")
    assert page.locator("#doc-blanks li").count() == 2
    page.fill("#id_trich_yeu", "Về việc tiếp nhận phản ánh")
    body = page.input_value("#id_body").replace(
        "Người liên hệ: .............., điện thoại: …", "Người liên hệ: Lê Văn Giám.")
    page.fill("#id_body", body)
    page.click("button[name=operation][value=issue]")  # not ticked: refused, text kept
    assert "Lê Văn Giám" in page.input_value("#id_body")
    assert page.locator("#id_signed_confirmed_error").is_visible()
    assert page.locator("#doc-blanks").count() == 0
    page.check("#id_signed_confirmed")
    page.click("button[name=operation][value=issue]")
    page.wait_for_selector("#doc-issued")
    draft.refresh_from_db()
    assert draft.is_issued and "Người liên hệ: Lê Văn Giám." in draft.body
    shoot(page, "documents-07-issued-with-its-edits")
    context.close()
