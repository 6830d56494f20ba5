"""The documents the staff issued are the administration's records, kept under the archive
rules: destroying a case's personal data deletes only the files the citizen sent, never an
issued document's PDF or its signed copy (which `Document` holds with a protected key: the
run used to stop there, on every closed case with a document). And one case that cannot be
destroyed is rolled back alone, named, and the run goes on to the next cases and the old
files, then exits non-zero."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import document_attach_signed, document_draft, document_issue
from complaints.kinds import CaseKind
from complaints.models import Attachment, Case, CaseEvent, Reporter
from complaints.retention.destruction import expired_personal_data_destroy
from tests.complaints.documents.helpers import leader, pdf_text, read, step_taken

from .helpers import NAME, NOW, attachment, closed_case

pytestmark = pytest.mark.django_db


def issued_notice(case) -> Document:
    """The notice of acceptance to the denouncer, issued and its signed scan kept: two
    attachments of the case that are the Sở's, not the citizen's."""
    boss = leader(facility=case.assigned_unit, username=f"lanhdao-{case.pk}")
    step_taken(case, "accept")
    draft = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")  # fmt: skip
    document = document_issue(document_id=draft.pk, actor=boss, origin="test",
                              signed_confirmed=True)
    scan = SimpleUploadedFile("ban-ky.pdf", read(document.pdf.file), "application/pdf")
    return document_attach_signed(document_id=document.pk, actor=boss, origin="test",
                                  upload=scan)  # fmt: skip


def test_a_denunciation_with_an_issued_document_is_anonymised_and_keeps_it(
    django_capture_on_commit_callbacks,
):
    case = closed_case(CaseKind.TO_CAO, months_ago=130)
    own = attachment(case)
    storage, own_name = own.file.storage, own.file.name
    document = issued_notice(case)
    assert document.status == DocumentStatus.ISSUED and document.signed_copy_id
    assert NAME in pdf_text(read(document.pdf.file))  # addressed to the denouncer
    kept = {document.pdf_id, document.signed_copy_id}
    assert Attachment.objects.filter(case=case).count() == 3

    out = io.StringIO()
    call_command("destroy_expired_personal_data", now=NOW.isoformat(), stdout=out)
    assert "Tệp đính kèm của người gửi: 1" in out.getvalue()  # the issued PDFs not counted

    with django_capture_on_commit_callbacks(execute=True):
        report = expired_personal_data_destroy(now=NOW, apply=True)

    assert report.failures == [] and report.cases_by_kind[CaseKind.TO_CAO] == 1
    assert report.attachments == 1
    assert Reporter.objects.get(case=case).name == ""
    case.refresh_from_db()
    assert case.personal_data_destroyed_at == NOW
    # The citizen's file is gone, row and file; the Sở's document and its files stay.
    assert not Attachment.objects.filter(pk=own.pk).exists()
    assert not storage.exists(own_name)
    assert set(Attachment.objects.filter(case=case).values_list("pk", flat=True)) == kept
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert storage.exists(document.pdf.file.name) and storage.exists(document.signed_copy.file.name)
    # The administration's record keeps the name it was issued with (archive rules).
    assert NAME in pdf_text(read(document.pdf.file))
    event = CaseEvent.objects.get(case=case, action="personal_data_destroy")
    assert event.data["attachments_deleted"] == 1


def test_a_case_that_fails_does_not_stop_the_next_one(monkeypatch, settings, tmp_path):
    first = closed_case(months_ago=40)
    second = closed_case(months_ago=38)
    first_file = attachment(first)
    old_sms = tmp_path / "sms" / "20310101-0800-a.txt"
    old_sms.parent.mkdir()
    old_sms.write_text("To: 0912000111\n", encoding="utf-8")
    moment = (NOW - datetime.timedelta(days=400)).timestamp()
    os.utime(old_sms, (moment, moment))
    settings.SMS_FILE_PATH = str(old_sms.parent)

    create = CaseEvent.objects.create

    def fail_on_first(**kwargs):
        if kwargs["case"].pk == first.pk:
            raise RuntimeError("database went away")
        return create(**kwargs)

    monkeypatch.setattr(CaseEvent.objects, "create", fail_on_first)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("destroy_expired_personal_data", "--apply", now=NOW.isoformat(),
                     stdout=out, stderr=err)  # fmt: skip

    assert first.tracking_code in str(refused.value)
    assert f"Không hủy được: {first.tracking_code} (RuntimeError: database went away)" in (
        err.getvalue()
    )
    assert "Đã hủy: dữ liệu cá nhân của 1 hồ sơ." in out.getvalue()
    # The first is rolled back whole: identity, its file, no destruction recorded.
    assert Reporter.objects.get(case=first).name == NAME
    assert Attachment.objects.filter(pk=first_file.pk).exists()
    assert Case.objects.get(pk=first.pk).personal_data_destroyed_at is None
    # The next case and the old files still went.
    assert Reporter.objects.get(case=second).name == ""
    assert Case.objects.get(pk=second.pk).personal_data_destroyed_at == NOW
    assert not old_sms.exists()

    # Tried again at the next run, once the fault is gone.
    monkeypatch.setattr(CaseEvent.objects, "create", create)
    again = expired_personal_data_destroy(now=NOW, apply=True)
    assert again.failures == [] and again.cases == 1
    assert Reporter.objects.get(case=first).name == ""
