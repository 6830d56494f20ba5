"""The documents on screen: staff draft, edit, preview, approve the step with its document
and upload the signed copy in the workspace; citizens print their receipt (the PIN only
on the copy of the filing), their case file, and open the documents they are owed."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document, DocumentStatus, DocumentTemplate
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, IdentityAccessLog
from complaints.views.public import SUBMITTED_KEY, TRACKED_KEY
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PIN, UserFactory

from .helpers import director, handler, leader, pdf_text, province, step_taken

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    return province()


def _documents_url(case):
    return reverse("complaints_admin:documents", args=[case.tracking_code])


def test_staff_draft_edit_and_approve_the_step_with_its_document(client, units):
    _department, hospital = units
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    clerk = handler(hospital)
    client.force_login(clerk)
    detail = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert detail.status_code == 200
    assert "Soạn văn bản từ hồ sơ" in detail.content.decode()

    page = client.get(_documents_url(case)).content.decode()
    assert "Mẫu số 03" in page and "Điều 11 Luật Khiếu nại" in page
    assert "tc_ket_luan" not in page  # a denunciation's template is not offered
    response = client.post(_documents_url(case), {"template": "kn_thong_bao_khong_thu_ly",
                                                   "reject-reason": "Quá thời hiệu khiếu nại",
                                                   "reject-legal_ground": "kn_time_expired"})
    document = Document.objects.get(case=case)
    assert response.status_code == 302 and response.url.endswith(f"/van-ban/{document.pk}/")
    page = client.get(response.url).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page  # the preview
    assert "Quá thời hiệu khiếu nại" in page
    assert "kn_time_expired" not in page and "khoản 6 Điều 11 Luật Khiếu nại" in page  # read
    assert "Ban hành văn bản" not in page  # a handler proposes; a leader issues

    form = {"trich_yeu": document.trich_yeu, "addressee": document.addressee,
            "body": document.body + "\nĐã xem xét kỹ hồ sơ.", "recipients": document.recipients,
            "signer_authority": "", "principal_title": "", "signer_title": "Giám đốc",
            "signer_name": "Lê Văn Giám", "operation": "save"}
    assert client.post(response.url, form).status_code == 302
    document.refresh_from_db()
    assert document.body.endswith("Đã xem xét kỹ hồ sơ.") and document.signer_name == "Lê Văn Giám"
    draft_pdf = client.get(reverse("complaints_admin:document_file",
                                   args=[case.tracking_code, document.pk, "pdf"]))
    assert "DỰ THẢO" in pdf_text(b"".join(draft_pdf.streaming_content)
                                 if draft_pdf.streaming else draft_pdf.content)
    # Wagtail: denied, redirected
    refused = client.post(response.url, {"operation": "issue", "signed_confirmed": "on"})
    assert refused.status_code == 302 and refused.url == "/admin/"
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT and document.number is None

    boss = leader()
    client.force_login(boss)
    page = client.get(response.url).content.decode()
    assert "Phê duyệt bước “Không thụ lý” và ban hành" in page
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    assert client.post(response.url, {"operation": "issue_step",
                                      "signed_confirmed": "on", "version": version}
                       ).status_code == 302
    case.refresh_from_db()
    document.refresh_from_db()
    assert case.status == CaseStatus.REJECTED
    assert case.rejection_reason == "Quá thời hiệu khiếu nại"
    assert document.status == DocumentStatus.ISSUED and document.symbol == "01/TB-BVDK-DUC-PHO"
    pdf = client.get(reverse("complaints_admin:document_file",
                             args=[case.tracking_code, document.pk, "pdf"]))
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Số: 01/TB-BVDK-DUC-PHO" in text and "DỰ THẢO" not in text
    assert "Lê Văn Giám" in text
    docx = client.get(reverse("complaints_admin:document_file",
                              args=[case.tracking_code, document.pk, "docx"]))
    assert docx.status_code == 200 and b"".join(docx.streaming_content)[:2] == b"PK"
    # The case shows the document lacks its signed copy, until it is uploaded.
    detail = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "chưa có bản đã ký" in detail.content.decode()
    assert "Ban hành văn bản" in detail.content.decode()  # the staff timeline names it
    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = SimpleUploadedFile("scan.pdf", b"".join(
        client.get(reverse("complaints_admin:document_file",
                           args=[case.tracking_code, document.pk, "pdf"])).streaming_content),
        "application/pdf")
    assert client.post(response.url, {"operation": "signed", "scan": scan}).status_code == 302
    detail = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "chưa có bản đã ký" not in detail.content.decode()


def test_outside_scope_is_not_found(client, units):
    _department, hospital = units
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)  # another facility
    client.force_login(handler(hospital))
    assert client.get(_documents_url(case)).status_code == 404


def test_denouncer_copy_served_only_with_identity_permission(client, units):
    from complaints.documents.services import document_draft, document_issue

    department, hospital = units
    boss = leader(facility=department)  # supervises the hospital's cases (Luật TC Art 56)
    # The hospital's head, the resolver, issues its documents (complaints/rules/resolver.py).
    head = director(hospital)
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    to_denouncer = document_issue(
        document_id=document_draft(case_id=case.pk,
                                   template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                                   actor=head, origin="test").pk, actor=head, origin="test",
                                   signed_confirmed=True)
    to_accused = document_issue(
        document_id=document_draft(case_id=case.pk,
                                   template_code="tc_thong_bao_thu_ly_nguoi_bi_to_cao",
                                   actor=head, origin="test").pk, actor=head, origin="test",
                                   signed_confirmed=True)
    clerk = handler(hospital, username="canbo2")
    clerk.user_permissions.add(*UserFactory._meta.model.objects.get(pk=boss.pk)
                               .user_permissions.filter(codename="view_all_cases"))
    client.force_login(clerk)
    url = reverse("complaints_admin:document_file",
                  args=[case.tracking_code, to_denouncer.pk, "pdf"])
    assert client.get(url).status_code == 404
    url_accused = reverse("complaints_admin:document_file",
                          args=[case.tracking_code, to_accused.pk, "pdf"])
    assert client.get(url_accused).status_code == 200
    client.force_login(boss)
    before = IdentityAccessLog.objects.filter(case=case).count()
    assert client.get(url).status_code == 200
    assert IdentityAccessLog.objects.filter(case=case).count() == before + 1


def test_denouncer_copy_preview_hidden_and_its_view_logged(client, units):
    """Điều 47 Luật Tố cáo: the page of the notice addressed to the denouncer shows its
    text (their name and address) only to whom the identity is shown, on request, and the
    view is logged; staff of the facility denounced and intake see no preview."""
    from complaints.documents.services import document_draft, document_issue

    department, hospital = units
    boss = leader(facility=department)
    head = director(hospital)  # the resolver issues (complaints/rules/resolver.py)
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    notice = document_issue(
        document_id=document_draft(case_id=case.pk,
                                   template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                                   actor=head, origin="test").pk, actor=head, origin="test",
                                   signed_confirmed=True)
    url = reverse("complaints_admin:document", args=[case.tracking_code, notice.pk])
    secrets = ("Nguyễn Thị Dân", "Phổ Cường")
    facility_staff = handler(hospital, username="coso")
    intake = UserFactory(username="tiepnhan", admin_access=True, perms=[
        "complaints.view_case", "complaints.view_all_cases", "complaints.act_on_case"])
    for user in (facility_staff, intake):
        client.force_login(user)
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert not any(secret in page for secret in secrets)
        assert "Kính gửi" not in page and 'id="doc-identity"' in page
        assert "danh_tinh=1" not in page and "/pdf/" not in page
        assert not any(s in client.get(url + "?danh_tinh=1").content.decode() for s in secrets)
    assert not IdentityAccessLog.objects.filter(case=case).exists()

    client.force_login(boss)
    page = client.get(url).content.decode()
    assert not any(secret in page for secret in secrets) and "danh_tinh=1" in page
    assert not IdentityAccessLog.objects.filter(case=case).exists()
    page = client.get(url + "?danh_tinh=1").content.decode()
    assert all(secret in page for secret in secrets) and "Kính gửi" in page
    assert IdentityAccessLog.objects.filter(case=case, user=boss).count() == 1


def _citizen_session(client, case, *, just_filed: bool):
    session = client.session
    session[TRACKED_KEY] = {case.tracking_code: DEFAULT_PIN}
    if just_filed:
        session[SUBMITTED_KEY] = {case.tracking_code: {"pin": DEFAULT_PIN, "warnings": []}}
    session.save()


def test_receipt_has_the_pin_only_right_after_filing(client, units):
    _department, hospital = units
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital,
                   accept_by="2026-09-10")
    url = reverse("complaints:receipt_pdf", args=[case.tracking_code])
    assert client.get(url).status_code == 302  # no session: to the look-up page
    _citizen_session(client, case, just_filed=True)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in text and case.tracking_code in text
    assert f"Mã PIN: {DEFAULT_PIN}" in text
    assert "Điều 27 Luật Khiếu nại" in text  # what happens next, with its article
    other = client.__class__()
    _citizen_session(other, case, just_filed=False)
    text = pdf_text(other.get(url).content)
    assert case.tracking_code in text and DEFAULT_PIN not in text
    # The receipt page links to it (it shows the PIN for an hour after filing).
    Case.objects.filter(pk=case.pk).update(received_at=timezone.now())
    page = client.get(reverse("complaints:receipt", args=[case.tracking_code]))
    assert page.status_code == 200, page
    assert url in page.content.decode()


def test_the_receipt_gives_the_hotline_from_the_settings(units, settings):
    from complaints.documents.citizen import receipt_html

    _department, hospital = units
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    settings.PORTAL_HOTLINE = "0234 3822 111"
    html = receipt_html(case=case, pin=None)
    assert "Đường dây nóng ngành Y tế: 0234 3822 111." in html and "1900 9095" not in html
    settings.PORTAL_PROVINCE = "Huế"
    assert "Sở Y tế thành phố Huế — " in receipt_html(case=case, pin=None)


def test_the_receipt_of_an_online_complaint_says_the_signed_letter_is_owed(
    client, units, settings
):
    """The paper a citizen keeps or brings to the Sở carries the tracking page's signature
    notice: where to send the signed letter, when to bring it, the day it must arrive by."""
    from django.utils.html import escape

    from complaints.documents.citizen import receipt_html
    from complaints.kinds import Channel
    from complaints.rules.signature import signature_notice_for_citizen

    department, hospital = units
    department.address = "48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi"
    department.save()
    # A unit without an address on file: the letter goes to the Sở, which passes it on (one
    # with an address is named itself: tests/complaints/notifications/test_case_contact.py).
    hospital.address = ""
    hospital.save()
    settings.PORTAL_OFFICE_HOURS = "từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu"
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital,
                   channel=Channel.WEB, signature_method="", accept_by=datetime.date(2026, 12, 16))
    _citizen_session(client, case, just_filed=False)
    url = reverse("complaints:receipt_pdf", args=[case.tracking_code])
    text = pdf_text(client.get(url).content)
    assert "Cần đơn có chữ ký để thụ lý" in text
    for part in ("48 Phan Đình Phùng", "từ 7 giờ 30 đến 17 giờ", "16/12/2026"):
        assert part in text
    # The very notice of the tracking page, not a second copy of its text.
    notice = signature_notice_for_citizen(case)
    assert notice and escape(notice) in receipt_html(case=case, pin=None)


def test_case_file_and_documents_for_the_citizen(client, units):
    from complaints.documents.services import document_draft, document_issue
    from complaints.services.workflow import case_transition

    _department, hospital = units
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital)
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                            actor=boss, origin="test")
    case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                    document_id=notice.pk, signed_confirmed=True)
    internal = document_issue(
        document_id=document_draft(case_id=case.pk,
                                   template_code="tc_thong_bao_thu_ly_nguoi_bi_to_cao",
                                   actor=boss, origin="test").pk, actor=boss, origin="test",
                                   signed_confirmed=True)
    notice.refresh_from_db()
    _citizen_session(client, case, just_filed=False)
    page = client.get(case.get_absolute_url()).content.decode()
    assert notice.symbol in page and internal.symbol not in page
    assert reverse("complaints:case_file_pdf", args=[case.tracking_code]) in page
    own = client.get(reverse("complaints:document_pdf", args=[case.tracking_code, notice.pk]))
    assert "Nguyễn Thị Dân" in pdf_text(b"".join(own.streaming_content))
    assert client.get(reverse("complaints:document_pdf",
                              args=[case.tracking_code, internal.pk])).status_code == 404
    text = pdf_text(client.get(reverse("complaints:case_file_pdf",
                                       args=[case.tracking_code])).content)
    assert f"HỒ SƠ {case.tracking_code}" in text
    assert "Quá trình giải quyết" in text and "Đã ban hành" in text
    assert notice.symbol in text and internal.symbol not in text
    assert len(re.findall("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)) == 1  # the notice, whole
    # Without the PIN in the session nothing is served.
    stranger = client.__class__()
    assert stranger.get(reverse("complaints:document_pdf",
                                args=[case.tracking_code, notice.pk])).status_code == 404


def test_template_admin_lists_and_previews(client, units):
    admin = UserFactory(superuser=True, username="quantri")
    client.force_login(admin)
    listing = client.get("/admin/mau-van-ban/")
    assert listing.status_code == 200
    assert "Biên bản đối thoại với người khiếu nại (Mẫu số 14)" in listing.content.decode()
    template = DocumentTemplate.objects.get(code="kn_quyet_dinh_dinh_chi")
    edit = client.get(f"/admin/mau-van-ban/edit/{template.pk}/")
    assert edit.status_code == 200
    preview_url = f"/admin/mau-van-ban/preview/{template.pk}/"
    data = {"code": template.code, "title": template.title,
            "document_type": template.document_type, "action": template.action,
            "kinds": ["khieu_nai"], "audience": template.audience, "owed_to_citizen": "on",
            "legal_basis": template.legal_basis, "form_ref": template.form_ref,
            "trich_yeu": template.trich_yeu, "addressee": "", "body": template.body,
            "recipients": template.recipients, "is_active": "on"}
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url).content.decode()
    assert "QUYẾT ĐỊNH" in preview and "Về việc đình chỉ giải quyết khiếu nại" in preview
    # An edit is kept in the template's history; a broken template is refused.
    data["body"] = template.body + "\nĐiều 4. Nội dung bổ sung."
    assert client.post(f"/admin/mau-van-ban/edit/{template.pk}/",
                       data).status_code == 302
    assert template.history.count() == 2
    data["body"] = "{% if %}"
    response = client.post(f"/admin/mau-van-ban/edit/{template.pk}/",
                           data)
    assert response.status_code == 200 and "Cú pháp mẫu không hợp lệ" in response.content.decode()


def _shown_version(page: str) -> str:
    match = re.search(r'name="version" value="([0-9a-f]+)"', page)
    assert match, "the issue form carries the version it shows"
    return match.group(1)


@pytest.mark.parametrize("operation", ["issue", "issue_step"])
def test_a_paragraph_added_after_the_leader_opened_the_page_is_not_issued(
    client, units, operation
):
    from complaints.documents.services import document_draft, document_update

    _department, hospital = units
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    if operation == "issue":  # alone: after its step (complaints/documents/steps.py)
        case.accepted_at = case.received_at  # and the deadline it set, the notice states
        case.save(update_fields=["accepted_at"])
        step_taken(case, "accept")
    clerk = handler(hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=clerk,
                           origin="test")
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    client.force_login(leader())
    shown = _shown_version(client.get(url).content.decode())

    document_update(document_id=draft.pk, actor=clerk, origin="test", signer_authority="",
                    body=draft.body + "\nĐoạn thêm sau khi lãnh đạo mở trang.")

    stale = client.post(url, {"operation": operation, "signed_confirmed": "on", "version": shown})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Dự thảo văn bản đã được sửa sau khi bạn mở trang" in text
    assert "Đoạn thêm sau khi lãnh đạo mở trang." in text  # the new version is shown
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    assert case.status == CaseStatus.RECEIVED
    # A form without the version (an old page) is stale too.
    assert client.post(url, {"operation": operation, "signed_confirmed": "on"}).status_code == 409

    # Read, then issued; a second click issues nothing more.
    fresh = {"operation": operation, "signed_confirmed": "on", "version": _shown_version(text)}
    assert client.post(url, fresh).status_code == 302
    assert client.post(url, fresh).status_code == 409
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED and draft.symbol == "01/TB-BVDK-DUC-PHO"
    assert Document.objects.filter(case=case, status=DocumentStatus.ISSUED).count() == 1
