"""The export to the national database of citizen reception, petitions, complaints and
denunciations (Cơ sở dữ liệu quốc gia về tiếp công dân, xử lý đơn, giải quyết khiếu nại,
tố cáo).

The law: data on handling complaints and denunciations is updated in the national
database in time (NĐ 124/2020 Art 30a(2) as added by NĐ 155/2026 Art 13; NĐ 31/2019
Art 19a(2) as added by NĐ 156/2026 Art 4); citizen reception and petition handling are
recorded in it too (NĐ 154/2026 Art 27(1)). **The national format and API are not
published: the format below (`FORMAT_VERSION`) is the portal's own, unconfirmed**
(docs/api.md, "National database export"). One JSON object per line, each
`{"operation": "create" | "update", "format": …, "record": {…}}`.

Guarantees:
- idempotent: each case's record is digested; a case is written only when it was never
  exported or its record changed since (a second run with no change writes nothing);
- one run at a time (a file lock), and a run's file is complete on the disk before the
  cases are marked exported (a crash re-exports, never loses); a failed run is recorded
  `failed` with its error (the admin's "Xuất CSDL quốc gia"), its file removed;
- a lost file is written again on request (`resend_since`: `export_national --since` or
  `--all`), each such line marked `"resent": true`;
- the folder is 0700 and the files 0600 whatever the umask: they hold names, addresses
  and ID numbers;
- personal data (DOMAIN.md §5): see `IDENTITY_RULES`; a denouncer's identity is never
  written unless `NATIONAL_EXPORT_DENOUNCER_IDENTITY` is set (whether the national
  database requires it is unconfirmed), and then inside a block marked confidential;
- every run is logged (`NationalExportRun`) with its counts and outcome."""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.models import (
    Case,
    CaseEvent,
    NationalExportRun,
    NationalExportState,
    Reporter,
)
from complaints.services.confidential_text import contact_redacted, redacted
from portal.tasks import background_task, error_text
from portal.timestamps import iso_value

logger = logging.getLogger(__name__)

FORMAT_VERSION = "portal-2026.1-unconfirmed"
# The kinds the national database covers (petitions, complaints, denunciations).
EXPORTED_KINDS = (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI, CaseKind.TO_CAO)
BATCH = 500


@dataclass(frozen=True)
class IdentityRule:
    """Which of the reporter's fields one kind exports, and why."""

    fields: tuple[str, ...]
    legal_basis: str
    confidential: bool = True


# The reporter's data per kind (DOMAIN.md §5): only what identifies the petitioner in the
# record (name, address; the ID number for a complaint), never phone or e-mail; every
# citizen's identity is kept secret by reception staff, so every block is marked so.
IDENTITY_RULES: dict[str, IdentityRule] = {
    CaseKind.PHAN_ANH: IdentityRule(
        ("name", "address"), "NĐ 154/2026 Điều 12(2); Luật BVDLCN 91/2025 Điều 3"
    ),
    CaseKind.KIEN_NGHI: IdentityRule(
        ("name", "address"), "NĐ 154/2026 Điều 12(2); Luật BVDLCN 91/2025 Điều 3"
    ),
    CaseKind.KHIEU_NAI: IdentityRule(
        ("name", "address", "id_number"),
        "Luật Khiếu nại Điều 8(2); NĐ 154/2026 Điều 12(2)",
    ),
    # Withheld unless NATIONAL_EXPORT_DENOUNCER_IDENTITY (unconfirmed that the law asks it).
    CaseKind.TO_CAO: IdentityRule(
        ("name", "address", "id_number"),
        "Luật Tố cáo Điều 8(3), Điều 9(1)(b), Điều 47; NĐ 31/2019 Điều 22 (NĐ 156/2026)",
    ),
}


def export_directory() -> Path:
    configured = getattr(settings, "NATIONAL_EXPORT_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "exports" / "national"


# A date-time as RFC 3339 in UTC to the second, a day as YYYY-MM-DD (docs/api.md).
_iso = iso_value


def _unit(facility):
    return {"code": facility.code, "name": facility.name} if facility else None


def _reporter_block(case: Case, reporter: Reporter | None) -> dict | None:
    rule = IDENTITY_RULES[case.kind]
    if case.anonymous or reporter is None:
        return {"anonymous": True}
    if case.kind == CaseKind.TO_CAO and not getattr(
        settings, "NATIONAL_EXPORT_DENOUNCER_IDENTITY", False
    ):
        return {"withheld": True, "confidential": True, "legal_basis": rule.legal_basis}
    block = {name: getattr(reporter, name) for name in rule.fields}
    block.update(confidential=rule.confidential, legal_basis=rule.legal_basis)
    return block


def _citizens_text(text: str, case: Case, reporter: Reporter | None) -> str:
    """What a citizen typed, as exported: a denouncer's words without their identity (none
    to find without a reporter; khoản 3 Điều 8, Điều 47 Luật Tố cáo), and every kind's
    without a telephone number or e-mail address, whoever's (never exported, khoản 1
    Điều 3 Luật Bảo vệ dữ liệu cá nhân)."""
    if reporter is not None:
        text = redacted(text, case=case, reporter=reporter)
    return contact_redacted(text)


def national_record(case: Case, *, reporter: Reporter | None, events: list[CaseEvent]) -> dict:
    """The record of one case in the export format (no internal notes, no staff names)."""
    record = {
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "kind_label": str(CaseKind(case.kind).label),
        "channel": case.channel,
        "received_at": _iso(case.received_at),
        # The citizen's own words: a denouncer's identity always redacted (khoản 3 Điều 8,
        # Điều 47 Luật Tố cáo), whatever NATIONAL_EXPORT_DENOUNCER_IDENTITY says; phones
        # and e-mail addresses in every kind's.
        "title": _citizens_text(case.title, case, reporter),
        "content": _citizens_text(case.content, case, reporter),
        "category": (
            {"code": case.category.code, "name": case.category.name} if case.category else None
        ),
        "facility": _unit(case.facility),
        "handling_unit": _unit(case.assigned_unit),
        "status": case.status,
        "public_status": public_status(case.status),
        "accept_by": _iso(case.accept_by),
        "resolve_by": _iso(case.resolve_by),
        "accepted_at": _iso(case.accepted_at),
        "concluded_at": _iso(case.concluded_at),
        "closed_at": _iso(case.closed_at),
        # What staff wrote, a denunciation's as whoever may not see its denouncer reads it
        # (`confidential_text.redacted`: khoản 3 Điều 8, Điều 47 Luật Tố cáo).
        "forwarded_to": redacted(case.forwarded_to, case=case, reporter=reporter),
        "rejection_legal_ground": case.rejection_legal_ground,
        "public_answer": redacted(case.public_answer, case=case, reporter=reporter),
        "extensions_used": case.extensions_used,
        "is_complex": case.is_complex,
        "is_remote": case.is_remote,
        "parent_case": case.parent_case.tracking_code if case.parent_case_id else None,
        "reporter": _reporter_block(case, reporter),
        "history": [
            {
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "at": _iso(e.at),
            }
            for e in events
        ],
    }
    if case.kind == CaseKind.KHIEU_NAI:
        record["complaint"] = {
            "second_time": case.second_time,
            "decision_complained": contact_redacted(case.decision_complained),
            "decision_maker": contact_redacted(case.decision_maker),
            "decision_date": _iso(case.decision_date),
            "first_decision_ref": contact_redacted(case.first_decision_ref),
        }
    if case.kind == CaseKind.TO_CAO:
        record["denunciation"] = {
            "accused_name": contact_redacted(case.accused_name),
            "accused_position": contact_redacted(case.accused_position),
            "accused_is_head": case.accused_is_head,
        }
    conclusion = _conclusion_block(case, events)
    if conclusion is not None:  # optional: absent until one is recorded (docs/api.md)
        record["conclusion"] = conclusion
    return record


def _conclusion_block(case: Case, events: list[CaseEvent]) -> dict | None:
    """A complaint's decision or a denunciation's conclusion in force: its số, ký hiệu and
    day (khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo), and
    its finding (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c
    khoản 2 Điều 35 Luật Tố cáo); None for another kind, before a conclusion, after it was
    undone by a reopening, or when nothing of it was recorded (older cases). Read from the
    events already loaded: no query."""
    from complaints.rules.decision import finding_label

    if case.kind not in (CaseKind.KHIEU_NAI, CaseKind.TO_CAO):
        return None
    step = None
    for event in events:  # in order: a reopening of the concluded case undoes the step
        if event.action == "conclude":
            step = event
        elif event.action == "reopen" and event.from_status in (
            CaseStatus.CONCLUDED, CaseStatus.CLOSED
        ):
            step = None
    data = (step.data or {}) if step is not None else {}
    finding = data.get("finding") or (case.finding if step is not None else "")
    if not (data.get("decision_symbol") or finding):
        return None
    return {
        "decision_symbol": data.get("decision_symbol") or None,
        "decision_date": data.get("decision_date") or None,
        "decision_source": data.get("decision_source") or None,
        "finding": finding or None,
        "finding_label": finding_label(case.kind, finding) if finding else None,
    }


def _digest(record: dict) -> str:
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# The files hold names, addresses and ID numbers: the portal's user alone reads them,
# whatever the service's umask (systemd's is 0022).
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def _private_folder(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if stat.S_IMODE(directory.stat().st_mode) != FOLDER_MODE:
        os.chmod(directory, FOLDER_MODE)


def _open_private(path: Path, flags: int) -> int:
    descriptor = os.open(path, flags | os.O_CREAT, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)  # a file left by an older run keeps its mode otherwise
    return descriptor


def writable_export_directory(directory: Path) -> None:
    """Make `directory` ready as a run does first (created private, its lock file opened,
    no lock taken), so a folder a run could not write raises its OSError now: before
    queueing the run rather than in the background task."""
    _private_folder(directory)
    os.close(_open_private(directory / ".lock", os.O_WRONLY))


@contextlib.contextmanager
def _exclusive(directory: Path):
    _private_folder(directory)
    with os.fdopen(_open_private(directory / ".lock", os.O_WRONLY), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_file(path: Path, lines: list[str]) -> None:
    """The file appears complete or not at all: written beside it, flushed to the disk (a
    full disk fails here, not later), then renamed."""
    temporary = path.with_suffix(".part")
    with os.fdopen(_open_private(temporary, os.O_WRONLY | os.O_TRUNC), "wb") as part:
        part.write(("\n".join(lines) + "\n").encode("utf-8"))
        part.flush()
        os.fsync(part.fileno())
    temporary.replace(path)


def _batches(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        cases = list(
            Case.objects.filter(pk__in=chunk)
            .select_related("category", "facility", "assigned_unit", "parent_case")
            .order_by("pk")
        )
        reporters = {r.case_id: r for r in Reporter.objects.filter(case_id__in=chunk)}
        events: dict[int, list] = {}
        for event in CaseEvent.objects.filter(case_id__in=chunk).order_by("at", "id"):
            events.setdefault(event.case_id, []).append(event)
        states = {s.case_id: s for s in NationalExportState.objects.filter(case_id__in=chunk)}
        yield cases, reporters, events, states


def national_export_run(
    *,
    trigger: str = NationalExportRun.Trigger.COMMAND,
    directory: Path | None = None,
    resend_since: datetime.datetime | None = None,
) -> NationalExportRun:
    """Export every new or changed case, and with `resend_since` write again every case
    last exported at or after it (a file lost before it reached the national database);
    return the logged run with its counts. A run that fails is recorded `failed` with its
    error, its file removed and no case marked exported, and the error is raised."""
    directory = Path(directory) if directory else export_directory()
    run = NationalExportRun.objects.create(trigger=trigger, format_version=FORMAT_VERSION)
    try:
        with _exclusive(directory):
            _export(run, directory, resend_since)
    except Exception as error:
        _record_failure(run, directory, error)
        raise
    return run


def _record_failure(run: NationalExportRun, directory: Path, error: Exception) -> None:
    if run.file_name:
        (directory / run.file_name).unlink(missing_ok=True)
    run.status, run.error = NationalExportRun.Status.FAILED, error_text(error)
    run.file_name, run.finished_at = "", timezone.now()
    try:
        run.save()
    except Exception:  # the database itself is away: the log keeps it
        logger.exception("national export run %s failed and could not be recorded", run.pk)


def _export(
    run: NationalExportRun, directory: Path, resend_since: datetime.datetime | None
) -> None:
    path = directory / f"national-{run.started_at:%Y%m%dT%H%M%S}-{run.pk}.jsonl"
    pending: list[tuple[int, str, NationalExportState | None]] = []
    lines = []
    # A case whose personal data was destroyed (complaints/retention) is not sent
    # again: its blanked record is no change of the national database's own copy.
    cases = Case.objects.filter(
        kind__in=EXPORTED_KINDS, personal_data_destroyed_at__isnull=True
    ).exclude(tracking_code="")
    for batch, reporters, events, states in _batches(cases):
        for case in batch:
            run.examined += 1
            record = national_record(
                case, reporter=reporters.get(case.pk), events=events.get(case.pk, [])
            )
            digest = _digest(record)
            state = states.get(case.pk)
            envelope = {}
            if state is not None and state.digest == digest:
                if resend_since is None or state.exported_at < resend_since:
                    run.unchanged += 1
                    continue
                run.resent += 1
                envelope["resent"] = True
            elif state is None:
                run.new += 1
            else:
                run.changed += 1
            if case.kind == CaseKind.TO_CAO and (record["reporter"] or {}).get("withheld"):
                run.identity_withheld += 1
            operation = "create" if state is None else "update"
            lines.append(
                json.dumps(
                    {"operation": operation, "format": FORMAT_VERSION, "record": record,
                     **envelope},
                    ensure_ascii=False, sort_keys=True,
                )
            )  # fmt: skip
            pending.append((case.pk, digest, state))
    if lines:
        _write_file(path, lines)
        run.file_name = path.name
    # Only now, the file complete on the disk, are its cases marked exported.
    now = timezone.now()
    with transaction.atomic():
        for case_id, digest, state in pending:
            if state is None:
                NationalExportState.objects.create(
                    case_id=case_id, digest=digest, exported_at=now, run=run
                )
            else:
                state.digest, state.exported_at, state.run = digest, now, run
                state.save(update_fields=["digest", "exported_at", "run"])
        run.finished_at, run.status = now, NationalExportRun.Status.SUCCEEDED
        run.save()


@background_task(max_attempts=3)
def national_export_task(directory: str = "") -> int:
    """The scheduled export (queued by `export_national --enqueue` from cron), into
    `directory` (an absolute path; `export_directory()` when empty)."""
    return national_export_run(
        trigger=NationalExportRun.Trigger.TASK, directory=Path(directory) if directory else None
    ).pk
