"""Destroying the personal data of the cases the retention policy has expired (khoản 3
Điều 16 Luật Bảo vệ dữ liệu cá nhân; destroying is making it "xóa vĩnh viễn hoặc không
thể khôi phục", khoản 1 Điều 15). The one write path for it: the command
`destroy_expired_personal_data` calls `expired_personal_data_destroy`.

For each expired case (`complaints.retention.selection`), in one transaction per case, the
case row locked and its expiry checked again (a case that fails is rolled back alone,
logged and reported by its code, `DestructionReport.failures`; the others and the files
below still go, and the command then exits non-zero naming it):
- the reporter's identity and contact fields are blanked and their consents withdrawn; the
  reporter's history rows (which hold every old value) are deleted and one new history
  row records the destruction, with the date;
- the files the citizen sent (`Attachment`: the petition's and the replies' files) lose
  their rows, and their files are deleted from storage once the transaction commits (a
  rollback keeps them). The documents the staff issued (`complaints.documents`) are the
  administration's records, kept under the archive rules with the names and addresses they
  state: their PDF and signed copy are `Attachment` rows of the case too, told apart as the
  tracking page tells them (`Document.pdf`, `Document.signed_copy`: `citizen_files`), and
  kept;
- the case's idempotency records (`Case.idempotency_key`, `request_fingerprint`, a digest
  of what the citizen sent; its events' keys) and its re-sent PINs are deleted;
- `Case.personal_data_destroyed_at` is set (the case is never selected again) and a
  `CaseEvent` "personal_data_destroy" says what was destroyed, under which article;
- `IdentityAccessLog` is kept: it records the staff who viewed a denouncer's identity,
  not the citizen.

Besides the cases: the SMS and e-mail files written instead of being sent, and the
national export's files, older than `PORTAL_RETENTION_FILE_DAYS` (each a copy of personal
data sent elsewhere) are deleted.

Safe to re-run (a destroyed case is not selected again; a file already gone is skipped),
bounded in memory (case ids read in batches of `BATCH`) and a constant number of queries
per case."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.models import Attachment, Case, CaseEvent, PinReissue, Reporter
from complaints.retention.policy import DESTRUCTION_BASIS, file_age_days, retention_rules
from complaints.retention.selection import expired_cases, still_expired

__all__ = [
    "DestructionReport",
    "case_personal_data_destroy",
    "citizen_files",
    "expired_personal_data_destroy",
    "old_files",
]

logger = logging.getLogger(__name__)

BATCH = 500
ACTION = "personal_data_destroy"
# The reporter's fields that identify or reach the citizen, blanked; and their consents.
IDENTITY_FIELDS = ("name", "phone", "email", "address", "id_number")
CONSENT_FIELDS = ("consent_processing", "consent_contact", "consent_sms")


@dataclass
class DestructionReport:
    """What a run found (dry run) or did (`--apply`)."""

    applied: bool
    cases_by_kind: Counter = field(default_factory=Counter)
    attachments: int = 0
    files_by_folder: Counter = field(default_factory=Counter)
    # (tracking code, error) of each case that could not be destroyed (rolled back; tried
    # again at the next run), and (file, error) of each old file that could not be deleted.
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(self.cases_by_kind.values())


def destroyed_message(moment: datetime.datetime) -> str:
    """The record's sentence, in Vietnamese (the records' language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Đã hủy dữ liệu cá nhân của người gửi theo khoản 3 Điều 16 Luật Bảo vệ dữ liệu "
            "cá nhân ngày %(date)s."
        ) % {"date": timezone.localtime(moment).strftime("%d/%m/%Y")}


def citizen_files(cases):
    """The attachments of `cases` (a queryset of case ids, or a list) that the citizen sent:
    every one but the documents the staff issued (each document's PDF and signed copy, which
    `Document` holds with a protected key: the archive's records, never deleted here)."""
    from complaints.documents.models import Document

    documents = Document.objects.filter(case__in=cases)
    return (
        Attachment.objects.filter(case__in=cases)
        .exclude(pk__in=documents.exclude(pdf=None).values("pdf"))
        .exclude(pk__in=documents.exclude(signed_copy=None).values("signed_copy"))
    )


def expired_personal_data_destroy(
    *, now: datetime.datetime | None = None, apply: bool = False
) -> DestructionReport:
    """Count (dry run, the default: nothing is written or deleted) or destroy (`apply`)
    the personal data of every expired case and the old message and export files."""
    now = now or timezone.now()
    report = DestructionReport(applied=apply)
    expired = expired_cases(now=now)
    if not apply:
        rows = (
            Case.objects.filter(pk__in=expired.values("pk"))
            .order_by().values("kind").annotate(n=Count("pk"))
        )  # fmt: skip
        report.cases_by_kind.update({row["kind"]: row["n"] for row in rows})
        report.attachments = citizen_files(expired.values("pk")).count()
        for folder, paths in old_files(now=now).items():
            report.files_by_folder[folder] = len(paths)
        return report
    last_id = 0
    while True:
        ids = list(
            expired.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            break
        for case_id in ids:
            try:
                done = case_personal_data_destroy(case_id=case_id, now=now)
            except Exception as error:  # rolled back alone: the other cases still go
                logger.exception("retention: case %s not destroyed", case_id)
                code = Case.objects.filter(pk=case_id).values_list("tracking_code", flat=True)
                report.failures.append((code.first() or str(case_id), _error_text(error)))
                continue
            if done is not None:
                kind, attachments = done
                report.cases_by_kind[kind] += 1
                report.attachments += attachments
        last_id = ids[-1]
    for folder, paths in old_files(now=now).items():
        for path in paths:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as error:  # the other files still go
                logger.exception("retention: could not delete %s", path)
                report.failures.append((str(path), _error_text(error)))
                continue
            report.files_by_folder[folder] += 1
    return report


def _error_text(error: Exception) -> str:
    """The error in one line for the command's output (the log has the traceback)."""
    return f"{type(error).__name__}: {' '.join(str(error).split())}"[:300]


def _keep_denouncer_secret(case: Case, reporter: Reporter) -> None:
    """A tố cáo's words are shown to the denounced unit with the denouncer's identity values
    taken out ("[đã ẩn]"), matched against the reporter (`confidential_text.redacted`). Once
    the identity is destroyed nothing is left to match, while the secrecy lasts (khoản 3
    Điều 8, Điều 47 Luật Tố cáo): the values the denouncer typed into the title and content,
    now and in every earlier version of the case, are taken out for good first."""
    from complaints.documents.context import is_confidential
    from complaints.services.confidential_text import redacted

    if not is_confidential(case):
        return
    with translation.override(settings.LANGUAGE_CODE):
        def hide(text):
            return redacted(text, case=case, reporter=reporter)

        case.title, case.content = hide(case.title), hide(case.content)
        versions = Case.history.filter(id=case.pk).only("history_id", "title", "content")
        for version in versions:
            title, content = hide(version.title), hide(version.content)
            if (title, content) != (version.title, version.content):
                Case.history.filter(history_id=version.history_id).update(
                    title=title, content=content)


def case_personal_data_destroy(
    *, case_id: int, now: datetime.datetime
) -> tuple[str, int] | None:
    """Destroy one expired case's personal data (see the module's docstring); return its
    kind and the number of files deleted, or None when the case is no longer expired
    (closed again, put on hold or destroyed since it was selected)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None or not still_expired(case, now=now):
            return None
        message = destroyed_message(now)
        reporter = Reporter.objects.filter(case=case).first()
        if reporter is not None:
            reporter.case = case  # the search index's listener reads it: no second read
            _keep_denouncer_secret(case, reporter)
            # The old values live on in the history rows: they go, one row says why.
            Reporter.history.filter(id=reporter.pk).delete()
            for name in IDENTITY_FIELDS:
                setattr(reporter, name, "")
            for name in CONSENT_FIELDS:
                setattr(reporter, name, False)
            reporter.consent_recorded_at = None
            reporter._history_user = None
            reporter._change_reason = message
            reporter.save()
        # The citizen's own files; the issued documents' PDF and signed copy are kept.
        citizens = list(citizen_files([case.pk]).only("pk", "file"))
        files = [(row.file.storage, row.file.name) for row in citizens]
        Attachment.objects.filter(pk__in=[row.pk for row in citizens]).delete()
        PinReissue.objects.filter(case=case).delete()
        CaseEvent.objects.filter(case=case, idempotency_key__isnull=False).update(
            idempotency_key=None, request_fingerprint=""
        )
        case.idempotency_key = None
        case.request_fingerprint = ""
        case.personal_data_destroyed_at = now
        case._history_user = None
        case._change_reason = f"origin=retention action=case_{ACTION}"
        case.save()
        rule = retention_rules()[case.kind]
        CaseEvent.objects.create(
            case=case,
            action=ACTION,
            from_status=case.status,
            to_status=case.status,
            actor=None,
            at=now,
            is_public=False,
            note=message,
            data={
                "origin": "retention",
                "legal_basis": DESTRUCTION_BASIS,
                "retention_months": rule.months,
                "retention_basis": rule.legal_basis,
                "attachments_deleted": len(files),
                "reporter_history_deleted": reporter is not None,
            },
        )
        transaction.on_commit(lambda: _delete_files(files))
    return case.kind, len(files)


def _delete_files(files) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # logged, never silent: an operator deletes it by hand
            logger.exception("retention: could not delete %s", name)


# ---- files under var/ ------------------------------------------------------------------

# Each folder's files by their name: what the portal wrote there, nothing else.
FILE_PATTERNS = {
    "sms": "*.txt",  # complaints.notifications.sms.FileBackend
    "email": "*.log",  # Django's file-based e-mail backend
    "national_export": "national-*.jsonl",  # complaints.exports.national
}


def _folders() -> dict[str, Path]:
    from complaints.exports.national import export_directory

    folders = {"national_export": export_directory()}
    if getattr(settings, "SMS_FILE_PATH", ""):
        folders["sms"] = Path(settings.SMS_FILE_PATH)
    if getattr(settings, "EMAIL_FILE_PATH", ""):
        folders["email"] = Path(settings.EMAIL_FILE_PATH)
    return folders


def old_files(*, now: datetime.datetime) -> dict[str, list[Path]]:
    """The SMS, e-mail and national export files last written more than
    `PORTAL_RETENTION_FILE_DAYS` days before `now`, by folder."""
    cutoff = (now - datetime.timedelta(days=file_age_days())).timestamp()
    found: dict[str, list[Path]] = {}
    for name, folder in _folders().items():
        if not folder.is_dir():
            continue
        found[name] = [
            path
            for path in sorted(folder.glob(FILE_PATTERNS[name]))
            if path.is_file() and path.stat().st_mtime < cutoff
        ]
    return found
