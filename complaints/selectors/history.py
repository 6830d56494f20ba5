"""The staff timeline of a case: what happened, who did it, what changed.

Built from the `CaseEvent` rows (the workflow's steps) and the django-simple-history
rows of the case, its reporter, its deadlines and its internal notes, each change
shown field by field under the field's Vietnamese name. Read-only: nobody edits it.
A reporter's identity fields are redacted unless `reporter_for` allows them (which
logs the view of a denouncer). A constant number of queries, whatever the length.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from complaints.citations import citation_read
from complaints.kinds import CaseKind
from complaints.models import (
    Case,
    CaseDeadline,
    CaseEvent,
    Category,
    Facility,
    InternalNote,
    Reporter,
)
from complaints.rules.verification_team import team_members
from complaints.selectors.identity import IDENTITY_FIELDS, REDACTED, TIMELINE, reporter_for
from complaints.services.confidential_text import text_reader
from complaints.step_labels import step_label
from complaints.transitions import ACTIONS, transition_label

__all__ = ["FieldChange", "TimelineEntry", "case_timeline", "record_changes", "staff_name"]

# Fields never shown as changes: bookkeeping, or secrets excluded from history anyway.
_HIDDEN = {"id", "updated_at", "pin_hash", "idempotency_key", "request_fingerprint", "case"}
_REASON = re.compile(r"origin=(?P<origin>\S+)\s+action=(?P<action>\S+)")
# A history row and the CaseEvent of the same transition are written within one
# transaction: within this many seconds, and with the same action, they are one entry.
_SAME_STEP = datetime.timedelta(seconds=5)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


# The origin recorded with each step (`data["origin"]`, the history's change reason).
ORIGIN_LABELS = {
    "web": gettext_noop("qua cổng trực tuyến"),
    "admin": gettext_noop("trên trang quản trị"),
    "cms": gettext_noop("từ phần quản lý trang tin"),
    "api": gettext_noop("qua API"),
    "citizen": gettext_noop("do người dân gửi"),
    "command": gettext_noop("bằng lệnh quản trị"),
    "demo": gettext_noop("dữ liệu mẫu"),
    "rules": gettext_noop("theo quy tắc tự động"),
    "system": gettext_noop("do hệ thống"),
    "task": gettext_noop("tự động (tác vụ nền)"),
}


@dataclass
class TimelineEntry:
    """One line of the staff timeline.

    `source` is "event" (a workflow step), "case", "reporter", "deadline" or "note"
    (history rows); `action` the workflow action or the service that wrote the row;
    `public` whether the citizen's timeline shows it too."""

    at: datetime.datetime
    source: str
    action: str
    title: str
    actor: str
    origin: str = ""
    public: bool = False
    message: str = ""
    note: str = ""
    detail: str = ""  # what the step recorded, in words (e.g. which notice, to whom, when, how)
    # A page the step made public (a press case's published response): its address.
    link: str = ""

    @property
    def origin_label(self) -> str:
        """Where the step came from, in words ("trên trang quản trị"); an origin without
        words is not shown (the raw codes "admin", "cms" mean nothing to staff)."""
        label = ORIGIN_LABELS.get(self.origin)
        return _(label) if label else ""
    changes: list[FieldChange] = field(default_factory=list)


@functools.lru_cache(maxsize=8)
def _service_labels(language: str | None) -> dict[str, str]:
    """The names of the services and events, translated once per language and process
    (built per timeline entry, they cost a score of translations each)."""
    labels = {
        "received": _("Tiếp nhận hồ sơ"),
        "submit": _("Tiếp nhận hồ sơ"),
        "route": _("Phân công theo quy tắc"),
        "route_manually": _("Phân công thủ công"),
        "deadlines_refresh": _("Tính lại thời hạn"),
        "calendar_changed": _("Tính lại thời hạn do thay đổi lịch nghỉ"),
        "note_add": _("Thêm ghi chú nội bộ"),
        "rate": _("Người gửi đánh giá"),
        "log_press_report": _("Ghi nhận thông tin báo chí"),
        "press_response_published": _("Đăng phản hồi trên cổng thông tin"),
        "press_response_unpublished": _("Gỡ phản hồi khỏi cổng thông tin"),
        "handler_released": _("Bỏ giao cán bộ xử lý (cán bộ nghỉ hoặc chuyển đơn vị)"),
        # approvals (complaints.approvals): drafts and their fate
        "draft_propose": _("Trình dự thảo chờ phê duyệt"),
        "draft_edit": _("Sửa dự thảo"),
        "draft_return": _("Trả lại dự thảo"),
        "draft_withdraw": _("Rút dự thảo"),
        "draft_approve": _("Phê duyệt dự thảo"),
        # documents (complaints/documents)
        "document_issued": _("Ban hành văn bản"),
        "document_signed_copy": _("Lưu bản đã ký của văn bản"),
        # retention (complaints/retention)
        "personal_data_destroy": _("Hủy dữ liệu cá nhân của người gửi (hết thời hạn lưu trữ)"),
    }
    return {code: str(label) for code, label in labels.items()}


def _action_label(action: str, *, kind: str = "", from_status: str = "") -> str:
    """The Vietnamese name of a workflow action (as the row of the case's `kind` and the
    state it left names it: `transition_label`), of a service that wrote a history row
    (`case_<service>`), or of an event; never the code itself."""
    code = action[5:] if action.startswith("case_") else action
    if code in ACTIONS:
        return transition_label(code, kind=kind, from_status=from_status)
    labels = _service_labels(get_language())
    return labels[code] if code in labels else str(_("Cập nhật hồ sơ"))


def full_name(user) -> str:
    """A staff member's full name in Vietnamese order (family name first), "" when none is
    recorded: what a staff e-mail greets its reader by ("Kính gửi Nguyễn Văn An,")."""
    parts = [getattr(user, "last_name", ""), getattr(user, "first_name", "")]
    return " ".join(p.strip() for p in parts if p and p.strip())


def staff_name(user) -> str:
    """A staff member's name in Vietnamese order (family name first), else the username."""
    return full_name(user) or user.get_username()


def _user_label(user) -> str:
    if user is None:
        return str(_("Hệ thống"))
    return staff_name(user)


def _refusal_ground_label(code: str) -> str:
    from complaints.rules.refusal_grounds import GROUNDS

    ground = GROUNDS.get(code)
    return ground.public_text() if ground else code


# Fields that store a code of a rule table: shown by the rule's Vietnamese text, under a
# name without the developer's "(mã)".
_CODED_FIELDS = {
    "refusal_ground": (_refusal_ground_label, gettext_noop("căn cứ không thụ lý, lưu đơn")),
}

# A press case's `accept_by` and `resolve_by` copy its notice of measures to the outlet and
# its answer (complaints/deadlines.py ACCEPT_STEP, RESOLVE_STEP): it has no acceptance
# deadline nor resolution deadline of its own. Its public answer is no answer to a sender.
_PRESS_FIELD_LABELS = {
    "accept_by": gettext_noop("hạn thông báo biện pháp xử lý cho cơ quan báo chí"),
    "resolve_by": gettext_noop("hạn trả lời cơ quan báo chí"),
    # the text of the Sở's response published on the portal (forms `_narrow_press_answer`)
    "public_answer": gettext_noop("nội dung phản hồi công khai"),
}


def _display(model_field: models.Field, value, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field.name in _CODED_FIELDS:
        return str(_CODED_FIELDS[model_field.name][0](value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.related_model, value), f"#{value}")
    if isinstance(model_field, models.BooleanField):
        return str(_("Có")) if value else str(_("Không"))
    if isinstance(model_field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "d/m/Y")
    if model_field.name == "verification_team":  # one member per line: "; " apart
        return "; ".join(line.strip() for line in str(value).splitlines() if line.strip())
    return str(value)


def _tracked_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _HIDDEN and not f.name.startswith("history_")
    ]


def _diff(model, previous, current, names: dict, *, redact: set[str] = frozenset(),
          read=None):
    """The fields changed from `previous` to `current`; `redact`'s shown as "[đã ẩn]",
    and every free text (the denouncer's title and content, what staff wrote) through
    `read`, the reader's `confidential_text.text_reader`: a tố cáo's old and new texts
    without the denouncer's identity, nor any phone, e-mail or ID number, for whoever may
    not see it."""
    changes = []
    for f in _tracked_fields(model):
        old = getattr(previous, f.attname, None) if previous is not None else None
        new = getattr(current, f.attname, None)
        if old == new or (previous is None and new in (None, "", False)):
            continue
        if read is not None and _free_text(f):
            old, new = read(old), read(new)
        if f.name in redact:
            old_text, new_text = str(REDACTED), str(REDACTED)
        else:
            old_text, new_text = _display(f, old, names), _display(f, new, names)
        if f.name in _CODED_FIELDS:
            label = _(_CODED_FIELDS[f.name][1])
        elif f.name in _PRESS_FIELD_LABELS and getattr(current, "kind", None) == CaseKind.BAO_CHI:
            label = _(_PRESS_FIELD_LABELS[f.name])
        else:
            label = f.verbose_name
        changes.append(FieldChange(f.name, str(label), old_text, new_text))
    return changes


def record_changes(model, rows, *, redact=frozenset()) -> dict[int, list[FieldChange]]:
    """What each update of one object's recorded history changed: {history_id: [FieldChange]}
    for every "~" row of `rows` (its historical rows, any order) against the row before it
    (simple-history's `diff_against`), each field by its Vietnamese name, old → new as
    `_diff` reads them; `redact`'s values shown as "[đã ẩn]". The names of the foreign keys
    changed are read in one query per related model, whatever the number of rows."""
    rows = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    tracked = {f.name: f for f in _tracked_fields(model)}
    deltas = {}
    for previous, row in zip(rows, rows[1:], strict=False):
        if row.history_type != "~":
            continue
        deltas[row.history_id] = [
            change for change in row.diff_against(previous).changes if change.field in tracked
        ]
    wanted: dict = {}
    for changes in deltas.values():
        for change in changes:
            f = tracked[change.field]
            if isinstance(f, models.ForeignKey):
                ids = wanted.setdefault(f.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = (
                _user_label(obj) if related is get_user_model() else str(obj)
            )
    found = {}
    for history_id, changes in deltas.items():
        found[history_id] = [
            FieldChange(
                change.field,
                str(tracked[change.field].verbose_name),
                str(REDACTED) if change.field in redact
                else _display(tracked[change.field], change.old, names),
                str(REDACTED) if change.field in redact
                else _display(tracked[change.field], change.new, names),
            )
            for change in sorted(changes, key=lambda c: list(tracked).index(c.field))
        ]
    return found


def _free_text(model_field: models.Field) -> bool:
    return isinstance(model_field, models.CharField | models.TextField) and not model_field.choices


def _reason(record) -> tuple[str, str]:
    match = _REASON.search(record.history_change_reason or "")
    return (match["origin"], match["action"]) if match else ("", "")


def _names(case_rows) -> dict:
    """Names for the foreign keys seen in the case's history: one query per model."""
    wanted: dict = {Facility: set(), Category: set(), get_user_model(): set(), Case: set()}
    for f in _tracked_fields(Case):
        if isinstance(f, models.ForeignKey):
            for row in case_rows:
                value = getattr(row, f.attname, None)
                if value is not None:
                    wanted.setdefault(f.related_model, set()).add(value)  # Partner too
    names = {}
    for model, ids in wanted.items():
        if not ids:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            if model is Case:
                label = obj.tracking_code
            elif model is get_user_model():
                label = _user_label(obj)
            else:
                label = str(obj)
            names[(model, obj.pk)] = label
    return names


def _history(model, **filters):
    return list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


# Steps whose event stores the address of what they published (complaints/services/press.py).
_LINKED_ACTIONS = frozenset({"press_response_published"})


def _event_link(event) -> str:
    """The public address an event stored (a press response's page), or "": only a path
    or an http(s) address, never another scheme."""
    if event.action not in _LINKED_ACTIONS:
        return ""
    url = str((event.data or {}).get("url") or "")
    if url.startswith("/") and not url.startswith("//"):
        return url
    return url if url.startswith(("https://", "http://")) else ""


def case_timeline(*, case: Case, user) -> list[TimelineEntry]:
    """Everything that happened to `case`, oldest first, as `user` may see it.

    The caller has checked that the case is in the user's scope. Identity fields of the
    reporter are shown only when `reporter_for(purpose="timeline")` allows it (the view
    of a denouncer's identity is then logged once per call)."""
    events = list(CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id"))
    case_rows = _history(Case, id=case.pk)
    reporter_rows = _history(Reporter, case_id=case.pk)
    deadline_rows = _history(CaseDeadline, case_id=case.pk)
    note_rows = _history(InternalNote, case_id=case.pk)
    names = _names(case_rows)
    hidden_links = _hidden_links(case, user)
    # A tố cáo's texts, the denouncer's and staff's, in every version, as this user may read
    # them (Điều 47 Luật Tố cáo).
    read = text_reader(case, user=user)

    entries: list[TimelineEntry] = []
    for event in events:
        entries.append(
            TimelineEntry(
                at=event.at,
                source="event",
                action=event.action,
                title=_action_label(event.action, kind=case.kind,
                                    from_status=event.from_status),
                actor=_user_label(event.actor),
                origin=(event.data or {}).get("origin", ""),
                public=event.is_public,
                message=read(event.public_message),
                note=read(event.note),
                detail=read(_event_detail(event, case)),
                link=_event_link(event),
            )
        )
    by_action: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_action.setdefault(entry.action, []).append(entry)

    previous = None
    for row in case_rows:
        origin, action = _reason(row)
        changes = (
            _diff(Case, previous, row, names, redact=hidden_links, read=read)
            if previous is not None
            else []
        )
        previous = row
        if row.history_type == "+":
            if "received" not in by_action:  # intake records the "received" event itself
                entries.append(
                    TimelineEntry(
                        at=row.history_date,
                        source="case",
                        action=action or "received",
                        title=_action_label(action or "received", kind=case.kind),
                        actor=_user_label(row.history_user),
                        origin=origin,
                    )
                )
            continue
        if not changes:
            continue
        # Attach the changes to the workflow event of the same step, when there is one.
        code = action[5:] if action.startswith("case_") else action
        match = next(
            (
                e
                for e in by_action.get(code, [])
                if abs(e.at - row.history_date) <= _SAME_STEP and not e.changes
            ),
            None,
        )
        if match is not None:
            match.changes.extend(changes)
            continue
        entries.append(
            TimelineEntry(
                at=row.history_date,
                source="case",
                action=action or "change",
                title=(_action_label(action, kind=case.kind) if action
                       else str(_("Cập nhật hồ sơ"))),
                actor=_user_label(row.history_user),
                origin=origin,
                changes=changes,
            )
        )

    entries.extend(_reporter_entries(case, user, reporter_rows, names))
    entries.extend(_deadline_entries(deadline_rows))
    entries.extend(_note_entries(note_rows, read))
    order = {"case": 0, "event": 1, "reporter": 2, "deadline": 3, "note": 4}
    entries.sort(key=lambda e: (e.at, order[e.source]))
    return entries


def _event_detail(event: CaseEvent, case: Case) -> str:
    """What a step recorded beyond its name, in words (`_step_detail`), and the decision it
    recorded as signed on paper (complaints/rules/paper_decision.py)."""
    from complaints.services.paper_decision import paper_decision_of

    paper = paper_decision_of(event)
    parts = [_step_detail(event, case),
             paper.text(case=case, action=event.action) if paper is not None else ""]
    return " ".join(part for part in parts if part)


def _step_detail(event: CaseEvent, case: Case) -> str:
    """What a step recorded beyond its name, in words: for ``record_notice`` the notice,
    its recipients, the day it went out and how (the codes are in `event.data`); for the
    press correction the outlet's medium, dates and deadline."""
    if event.action in ("request_correction", "record_correction_published"):
        return _correction_detail(event)
    if event.action == "mark_press_statement":
        return _statement_detail(event)
    if event.action == "conclude":
        return _decision_detail(event, case)
    if event.action == "start_verification":
        return _verification_detail(event)
    if event.action == "extend_verification":
        return _verification_extension_detail(event)
    if event.action == "report_verification":
        return _verification_report_detail(event, case)
    if event.action == "report_press_verification":
        return _press_verification_report_detail(event)
    if event.action in ("resume", "reopen"):
        return _verification_period_moved(event)
    if event.action == "document_issued":
        return _replacement_detail(event)
    if event.action != "record_notice":
        return ""
    from complaints.models import NoticeMethod
    from complaints.step_labels import party_label

    data = event.data or {}
    sent_on = data.get("sent_on") or ""
    try:
        day = formats.date_format(datetime.date.fromisoformat(sent_on), "d/m/Y")
    except ValueError:
        day = sent_on
    methods = dict(NoticeMethod.choices)
    if data.get("by_portal"):  # the portal's own e-mail of the issued document
        text = _(
            "Cổng đã gửi văn bản số %(reference)s (“%(notice)s”) cho %(recipients)s qua thư "
            "điện tử ngày %(date)s"
        ) % {
            "reference": data.get("document_ref") or "—",
            "notice": step_label(data.get("notice") or ""),
            "recipients": ", ".join(str(party_label(p)) for p in data.get("recipients") or []),
            "date": day,
        }
        return text + _notice_remarks(data) + "."
    text = _("“%(notice)s” gửi %(recipients)s ngày %(date)s, hình thức: %(method)s") % {
        "notice": step_label(data.get("notice") or ""),
        "recipients": ", ".join(str(party_label(p)) for p in data.get("recipients") or []),
        "date": day,
        "method": str(methods.get(data.get("sent_via"), data.get("sent_via") or "—")),
    }
    if data.get("document_ref"):
        text += "; " + _("văn bản số %(reference)s") % {"reference": data["document_ref"]}
    return text + _notice_remarks(data) + "."


def _notice_remarks(data: dict) -> str:
    """A recorded sending's remarks: late, and the parties the notice still awaits."""
    from complaints.step_labels import party_label

    text = ""
    if data.get("late"):
        text += "; " + _("gửi quá hạn")
    if data.get("settled") is False and data.get("missing"):
        text += "; " + _("còn chờ gửi: %(parties)s") % {
            "parties": ", ".join(str(party_label(p)) for p in data["missing"])
        }
    return text


def _replacement_detail(event: CaseEvent) -> str:
    """A document issued to replace the first of its form: which replaced which, and why
    (complaints/documents/services.py `_replacement_data`); "" for any other issue."""
    data = event.data or {}
    if not data.get("replaces"):
        return ""
    text = _("Văn bản số %(symbol)s thay thế văn bản số %(replaced)s.") % {
        "symbol": data.get("symbol", ""), "replaced": data["replaces"],
    }
    if data.get("replacement_reason"):
        text += " " + _("Lý do thay thế: %(reason)s") % {"reason": data["replacement_reason"]}
    return text


def _decision_detail(event: CaseEvent, case: Case) -> str:
    """The written decision a conclusion named (complaints/services/decision.py)."""
    from complaints.services.decision import decision_from_event

    decision = decision_from_event(case, event)
    if decision is None:
        return ""
    how = _("ký trên giấy") if decision.on_paper else _("ban hành trên Cổng")
    return f"{decision.text()} ({how})."


def verification_period_text(days, until) -> str:
    """"Thời hạn xác minh: 20 ngày, đến hết ngày 25/09/2026" (complaints/rules/verification.py);
    "" when no period was set."""
    if not days or not until:
        return ""
    return _("Thời hạn xác minh: %(days)s ngày, đến hết ngày %(until)s") % {
        "days": days, "until": _day(until)}


def _verification_detail(event: CaseEvent) -> str:
    """The period the verification step set and, for a denunciation, the declaration of
    khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP with who made it."""
    data = event.data or {}
    parts = []
    period = verification_period_text(data.get("verification_days"),
                                      data.get("verification_until"))
    if period:
        parts.append(period + ".")
    team = team_members(data.get("verification_team") or "")
    if team:
        parts.append(_("Tổ xác minh: %(members)s.") % {"members": "; ".join(
            (_("%(name)s (%(position)s, Tổ trưởng)") if member.leader else
             _("%(name)s (%(position)s)")) % {"name": member.name, "position": member.position}
            for member in team)})
    if data.get("verifier_no_conflict"):
        parts.append(_(
            "%(name)s xác nhận người được giao xác minh không có quan hệ gia đình, lợi ích liên "
            "quan trực tiếp với người bị tố cáo (%(article)s)."
        ) % {
            "name": _user_label(event.actor),
            "article": citation_read(data.get("declaration_article", "")),
        })
    return " ".join(str(part) for part in parts)


def _press_verification_report_detail(event: CaseEvent) -> str:
    """The facility's report on a press case (complaints/rules/press_verification.py)."""
    data = event.data or {}
    return _("Kết quả xác minh: %(text)s (%(article)s).") % {
        "text": data.get("verification_result") or "—",
        "article": citation_read(data.get("report_article") or ""),
    }


def _verification_report_detail(event: CaseEvent, case: Case) -> str:
    """The report on the verification's result (complaints/rules/verification_report.py):
    the proposed finding in the words of the case's law, the result, the recommendation, the
    explanation heard and the opinions kept apart, with the articles."""
    from complaints.rules.decision import finding_label

    data = event.data or {}
    parts = [_("Đề xuất: %(finding)s (%(article)s).") % {
        "finding": finding_label(case.kind, data.get("proposed_finding") or "") or "—",
        "article": citation_read(data.get("report_article") or ""),
    }]
    for name, label in (("verification_result", _("Kết quả xác minh")),
                        ("recommendation", _("Kiến nghị")),
                        ("respondent_explanation", _("Giải trình")),
                        ("dissent", _("Ý kiến khác của thành viên Tổ xác minh"))):
        if data.get(name):
            parts.append(_("%(label)s: %(text)s") % {"label": label, "text": data[name]})
    return " ".join(str(part) for part in parts)


def _verification_extension_detail(event: CaseEvent) -> str:
    """The extension of the verification period (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP):
    the days added, the old and the new end, the reason."""
    data = event.data or {}
    if not data.get("verification_until"):
        return ""
    return _(
        "Gia hạn thời gian xác minh thêm %(days)s ngày: từ hết ngày %(before)s đến hết ngày "
        "%(until)s (%(article)s). Lý do: %(reason)s"
    ) % {
        "days": data.get("verification_extra_days"),
        "before": _day(data.get("previous_until")),
        "until": _day(data.get("verification_until")),
        "article": citation_read(data.get("extension_article", "")),
        "reason": data.get("reason", ""),
    }


def _verification_period_moved(event: CaseEvent) -> str:
    """What a resumption or a reopening did to the verification period
    (complaints/services/verification.py): its days left run again to a new last day, or the
    old period no longer applies."""
    data = event.data or {}
    if event.action == "resume" and data.get("previous_verification_until"):
        return _(
            "Thời hạn xác minh tính tiếp từ ngày tiếp tục giải quyết: đến hết ngày %(until)s "
            "(trước khi tạm đình chỉ: %(before)s; %(article)s)."
        ) % {
            "until": _day(data.get("verification_until")),
            "before": _day(data.get("previous_verification_until")),
            "article": citation_read(data.get("verification_resume_article") or ""),
        }
    undone = data.get("undone") or {}
    if event.action == "reopen" and undone.get("verification_until"):
        return _("Thời hạn xác minh trước đó (đến hết ngày %(until)s) không còn áp dụng.") % {
            "until": _day(undone["verification_until"])}
    return ""


def _day(value) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(str(value)), "d/m/Y")
    except ValueError:
        return str(value or "")


def _correction_detail(event: CaseEvent) -> str:
    """The outlet's correction (complaints/rules/press_correction.py), in words."""
    from complaints.step_labels import medium_label

    data = event.data or {}
    if event.action == "request_correction":
        text = _(
            "Văn bản đề nghị cải chính: %(medium)s nhận ngày %(received)s; hạn đăng cải chính "
            "%(due)s (%(basis)s)"
        ) % {
            "medium": medium_label(data.get("medium") or ""),
            "received": _day(data.get("outlet_received_on")),
            "due": _day(data.get("due")),
            "basis": citation_read(data.get("legal_basis") or ""),
        }
        if data.get("next_issue_on"):
            text += "; " + _("số ra gần nhất ngày %(date)s") % {"date": _day(data["next_issue_on"])}
        if data.get("reply_ref"):
            text += "; " + _("văn bản số %(reference)s") % {"reference": data["reply_ref"]}
        return text + "."
    text = _("Cơ quan báo chí đăng cải chính ngày %(date)s (hạn %(due)s)") % {
        "date": _day(data.get("published_on")),
        "due": _day(data.get("due")),
    }
    if data.get("late"):
        text += "; " + _("đăng quá hạn")
    if data.get("correction_url"):
        text += "; " + data["correction_url"]
    return text + "."


def _statement_detail(event: CaseEvent) -> str:
    """The 24-hour statement decided on the case page (complaints/rules/press_statement.py):
    the ground and the deadline it opened, in words."""
    from django.utils.dateparse import parse_datetime

    from complaints.rules.press_statement import StatementGround

    data = event.data or {}
    due = parse_datetime(str(data.get("due_at") or ""))
    grounds = dict(StatementGround.choices)
    text = _("Căn cứ: %(ground)s; hạn phát ngôn, cung cấp thông tin ban đầu: %(due)s") % {
        "ground": str(grounds.get(data.get("statement_ground"), data.get("statement_ground"))),
        "due": formats.date_format(timezone.localtime(due), "H:i d/m/Y") if due else "—",
    }
    if data.get("overdue"):
        text += "; " + _("đã quá hạn khi xác định (tính từ khi tiếp nhận)")
    return text + "."


def _hidden_links(case, user) -> set[str]:
    """Links to other cases the user may not follow (`selectors.related.case_links`):
    shown as redacted in the history too (Luật TC Art 47)."""
    from complaints.selectors.related import LINK_FIELDS, link_visible

    linked = {getattr(case, f"{name}_id") for name in LINK_FIELDS}
    for row in Case.history.filter(id=case.pk).values_list(*[f"{n}_id" for n in LINK_FIELDS]):
        linked.update(row)
    linked.discard(None)
    others = Case.objects.in_bulk(linked).values()
    if any(not link_visible(case=case, other=other, user=user) for other in others):
        return set(LINK_FIELDS)
    return set()


def _reporter_entries(case, user, rows, names) -> list[TimelineEntry]:
    updates = [(prev, row) for prev, row in zip(rows, rows[1:], strict=False)]
    if not updates:
        return []
    visible = reporter_for(case=case, user=user, purpose=TIMELINE).visible
    redact = set() if visible else set(IDENTITY_FIELDS)
    entries = []
    for prev, row in updates:
        changes = _diff(Reporter, prev, row, names, redact=redact)
        if not changes:
            continue
        origin, action = _reason(row)
        entries.append(
            TimelineEntry(
                at=row.history_date,
                source="reporter",
                action=action or "change",
                title=str(_("Cập nhật thông tin người gửi")),
                actor=_user_label(row.history_user),
                origin=origin,
                changes=changes,
            )
        )
    return entries


def _deadline_entries(rows) -> list[TimelineEntry]:
    entries = []
    for row in rows:
        origin, action = _reason(row)
        when = formats.date_format(row.due, "d/m/Y")
        if row.history_type == "+":
            title = _("Thời hạn “%(step)s”: %(due)s (%(basis)s)") % {
                "step": step_label(row.step),
                "due": when,
                "basis": citation_read(row.legal_basis),
            }
        elif row.superseded_at is not None:
            title = _("Thời hạn “%(step)s” %(due)s được thay thế") % {
                "step": step_label(row.step),
                "due": when,
            }
        else:
            continue
        entries.append(
            TimelineEntry(
                at=row.history_date,
                source="deadline",
                action=action or "deadline",
                title=title,
                actor=_user_label(row.history_user),
                origin=origin,
            )
        )
    return entries


def _note_entries(rows, read) -> list[TimelineEntry]:
    entries, previous = [], {}
    for row in rows:
        origin, action = _reason(row)
        before = previous.get(row.id)
        previous[row.id] = row
        if row.history_type == "+":
            title, changes = str(_("Ghi chú nội bộ")), []
        elif row.history_type == "-":
            title, changes = str(_("Xóa ghi chú nội bộ")), []
        else:
            title = str(_("Sửa ghi chú nội bộ"))
            changes = _diff(InternalNote, before, row, {}, read=read)
        entries.append(
            TimelineEntry(
                at=row.history_date,
                source="note",
                action=action or "note",
                title=title,
                actor=_user_label(row.history_user),
                origin=origin,
                note=read(row.text),
                changes=changes,
            )
        )
    return entries
