"""What a citizen sees of a case with its tracking code and PIN: the public status,
the deadlines and the public timeline. Never the reporter's identity, never internal
notes, never who handles it inside the Sở (DOMAIN.md §3, §5)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import ratelimit
from complaints.citations import citation_for_citizen
from complaints.deadlines import is_portal_policy
from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.models import Case, CaseDeadline
from complaints.rules.signature import signature_notice_for_citizen
from complaints.selectors.event_text import system_line
from complaints.services.rating import rating_allowed
from complaints.services.tracking import (
    TRACKING_CODE_RE,
    normalize_tracking_code,
    pin_hash,
    pin_matches,
)
from portal.province import department_name
from portal.timestamps import rfc3339

# Deadlines the citizen is shown, in the order of the process.
PUBLIC_STEPS = {
    "accept": gettext_lazy("Hạn trả lời việc thụ lý (nhận giải quyết) hồ sơ"),
    "forward_not_competent": gettext_lazy("Hạn chuyển đơn nếu không thuộc thẩm quyền"),
    "resolve": gettext_lazy("Hạn giải quyết"),
    "resolve_extended": gettext_lazy("Hạn giải quyết tối đa nếu được gia hạn"),
}

# While the case is suspended its resolution clock stands still (khoản 2 Điều 28b Nghị
# định 124/2020, Nghị định 155/2026; khoản 2 Điều 34 Luật Tố cáo): the date is the one
# reached before the suspension, recounted when the case resumes.
PAUSED_LABEL = gettext_lazy("Hạn giải quyết (tạm dừng do tạm đình chỉ)")

ESTIMATED_LABELS = {
    "resolve": gettext_lazy("Hạn giải quyết dự kiến (nếu hồ sơ được thụ lý ngay)"),
    "resolve_extended": gettext_lazy("Hạn giải quyết tối đa dự kiến nếu được gia hạn"),
}

# The timeline's default words for an event that carries no public message.
ACTION_LABELS = {
    "received": gettext_lazy("Đã tiếp nhận hồ sơ"),
    "request_info": gettext_lazy("Đề nghị bổ sung thông tin"),
    "accept": gettext_lazy("Đã thụ lý hồ sơ"),
    "reject": gettext_lazy("Không thụ lý hồ sơ"),
    "forward": gettext_lazy("Đã chuyển đơn đến cơ quan có thẩm quyền"),
    "conclude": gettext_lazy("Đã có kết luận"),
    "close": gettext_lazy("Đã đóng hồ sơ"),
    "withdraw": gettext_lazy("Đã rút đơn"),
    "file": gettext_lazy("Lưu đơn"),
    # notices: the parties are told of these decisions (NĐ 124/2020 Art 28b; Luật TC
    # Arts 30(4), 34; Luật KN Art 30, NĐ 124/2020 Art 28 for the dialogue).
    "suspend": gettext_lazy("Tạm đình chỉ việc giải quyết"),
    "resume": gettext_lazy("Tiếp tục giải quyết"),
    "extend": gettext_lazy("Gia hạn thời hạn giải quyết"),
    # a complaint's longer limit (Điều 28, Điều 37 Luật Khiếu nại)
    "mark_complex": gettext_lazy("Vụ việc phức tạp: thời hạn giải quyết dài hơn"),
    "mark_remote": gettext_lazy("Vùng sâu, vùng xa: thời hạn giải quyết dài hơn"),
    "schedule_dialogue": gettext_lazy("Đã có lịch đối thoại"),
    "record_dialogue": gettext_lazy("Đã ghi nhận kết quả đối thoại"),
    # the citizen's own answer to a request for information (services.citizen_reply),
    # told to them as theirs (event_text.TO_THE_CITIZEN)
    "complete_info": gettext_lazy("Ông/bà đã bổ sung thông tin"),
    # a withdrawal after which the case goes on (Điều 7a Nghị định 124/2020/NĐ-CP;
    # khoản 2, khoản 3 Điều 33 Luật Tố cáo)
    "record_withdrawal": gettext_lazy("Đã ghi nhận việc rút đơn; tiếp tục giải quyết"),
    "reopen": gettext_lazy("Hồ sơ được xem xét lại"),
    "split": gettext_lazy("Đã tách thành các hồ sơ riêng"),
    "escalate": gettext_lazy("Đã nhận khiếu nại lần hai"),
    "document_issued": gettext_lazy("Đã ban hành văn bản"),
    "press_response_published": gettext_lazy("Sở Y tế đã đăng phản hồi"),
    # the working calendar changed (complaints.services.calendar_change)
    "calendar_changed": gettext_lazy("Thời hạn được tính lại"),
}


def action_label(action: str) -> str:
    """The timeline's words for `action` in the reader's language ("" for one it has none)."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else ""


@dataclass(frozen=True)
class PublicEvent:
    action: str
    status: str  # public status after the event, "" when it changed none
    status_label: str
    at: datetime.datetime
    message: str
    # The action in the reader's language, and whether `message` is the record's own text:
    # written in Vietnamese when the event happened (a reason, an answer), it stays so in
    # any language; a reader of another sees `label` first (track_detail.html).
    label: str = ""
    recorded: bool = False

    def as_dict(self) -> dict:
        return {
            "action": self.action,
            "status": self.status,
            "status_label": self.status_label,
            "at": rfc3339(self.at),
            "message": self.message,
            "label": self.label,
            "recorded": self.recorded,
        }


@dataclass(frozen=True)
class PublicDeadline:
    step: str
    label: str
    due: datetime.date
    legal_basis: str
    unconfirmed: bool
    policy: bool = False  # set by the portal, not by a statute
    paused: bool = False  # the case is suspended: `due` does not count down

    def as_dict(self) -> dict:
        return {
            "step": self.step,
            "label": self.label,
            "due": self.due.isoformat(),
            "legal_basis": self.legal_basis,
            "unconfirmed": self.unconfirmed,
            "paused": self.paused,
        }


@dataclass(frozen=True)
class PublicLinkedCase:
    """A case made from this one (split, second-time complaint): its code and kind,
    nothing else. Its PIN is never shown here (it went by e-mail to the reporter);
    its progress is read with its own code and PIN."""

    tracking_code: str
    kind_label: str

    def as_dict(self) -> dict:
        return {"tracking_code": self.tracking_code, "kind_label": self.kind_label}


@dataclass(frozen=True)
class PublicCase:
    tracking_code: str
    kind: str
    kind_label: str
    title: str
    facility_name: str
    status: str
    status_label: str
    received_at: datetime.datetime
    accept_by: datetime.date | None
    resolve_by: datetime.date | None
    forwarded_to: str
    public_answer: str
    deadlines: tuple[PublicDeadline, ...]
    timeline: tuple[PublicEvent, ...]
    can_rate: bool
    rating: int | None
    rating_comment: str
    linked_cases: tuple[PublicLinkedCase, ...] = ()
    # What the citizen must still send for the case to be accepted (an online complaint's or
    # denunciation's signature), or "".
    signature_notice: str = ""
    # The day the resolution was suspended, while it is (the deadline is paused), else None.
    paused_since: datetime.date | None = None
    # Who resolves it when that is not the facility named: a second-time complaint, the Sở.
    handled_by: str = ""
    # The written decision of a concluded complaint or denunciation, by its number and day
    # ("Quyết định giải quyết khiếu nại số 12/QĐ-SYT ngày 20/09/2026"), else "".
    decision: str = ""
    # Its finding in the words of its law ("Khiếu nại đúng một phần", "Tố cáo sai sự thật":
    # điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản 2 Điều 35
    # Luật Tố cáo), part of the decision the parties are sent, else "".
    finding: str = ""

    def as_dict(self) -> dict:
        return {
            "tracking_code": self.tracking_code,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "title": self.title,
            "facility": self.facility_name,
            "status": self.status,
            "status_label": self.status_label,
            "received_at": rfc3339(self.received_at),
            "accept_by": self.accept_by.isoformat() if self.accept_by else None,
            "resolve_by": self.resolve_by.isoformat() if self.resolve_by else None,
            "paused_since": self.paused_since.isoformat() if self.paused_since else None,
            "forwarded_to": self.forwarded_to,
            "public_answer": self.public_answer,
            "decision": self.decision,
            "finding": self.finding,
            "deadlines": [d.as_dict() for d in self.deadlines],
            "timeline": [e.as_dict() for e in self.timeline],
            "can_rate": self.can_rate,
            "rating": self.rating,
            "linked_cases": [c.as_dict() for c in self.linked_cases],
        }


# A phản ánh, kiến nghị is received and handled (tiếp nhận, xử lý: Nghị định 154/2026/NĐ-CP),
# never "thụ lý" (accepted for resolution), the words of a complaint or a denunciation.
# A complaint ends in a decision (quyết định giải quyết khiếu nại, Điều 31, Điều 40 Luật
# Khiếu nại), a denunciation in a conclusion (kết luận nội dung tố cáo, Điều 35 Luật Tố
# cáo), a report or recommendation in an answer (Điều 28 Luật Tiếp công dân).
KIND_STATUS_LABELS = {
    (CaseKind.PHAN_ANH, CaseStatus.ACCEPTED): gettext_lazy("Đang xử lý"),
    (CaseKind.KIEN_NGHI, CaseStatus.ACCEPTED): gettext_lazy("Đang xử lý"),
    (CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED): gettext_lazy("Đã có quyết định giải quyết"),
    (CaseKind.PHAN_ANH, CaseStatus.CONCLUDED): gettext_lazy("Đã có kết quả xử lý"),
    (CaseKind.KIEN_NGHI, CaseStatus.CONCLUDED): gettext_lazy("Đã có kết quả xử lý"),
}
KIND_ACTION_LABELS = {
    (CaseKind.PHAN_ANH, "accept"): gettext_lazy("Đã tiếp nhận để xử lý"),
    (CaseKind.KIEN_NGHI, "accept"): gettext_lazy("Đã tiếp nhận để xử lý"),
    (CaseKind.KHIEU_NAI, "conclude"): gettext_lazy("Đã có quyết định giải quyết khiếu nại"),
    (CaseKind.PHAN_ANH, "conclude"): gettext_lazy("Đã có kết quả xử lý"),
    (CaseKind.KIEN_NGHI, "conclude"): gettext_lazy("Đã có kết quả xử lý"),
}


def status_label(status: str, kind: str = "") -> str:
    """The words of a public status, in the terms of the case's kind when they differ."""
    label = KIND_STATUS_LABELS.get((kind, status))
    if label is not None:
        return str(label)
    return str(CaseStatus(status).label) if status in CaseStatus.values else ""


def public_event(event, *, kind: str = "") -> PublicEvent:
    status = public_status(event.to_status) if event.to_status else ""
    kind_label = KIND_ACTION_LABELS.get((kind, event.action))
    label = str(kind_label) if kind_label is not None else action_label(event.action)
    # A line the portal wrote itself reads in the reader's language, the citizen's own acts
    # addressed to them (event_text); an officer's text stays the Vietnamese record.
    translated = system_line(event, to_citizen=True) if event.public_message else None
    return PublicEvent(
        action=event.action,
        status=status,
        status_label=status_label(status, kind),
        at=event.at,
        message=translated or event.public_message or label,
        label=label,
        recorded=bool(event.public_message) and translated is None,
    )


# citizen: the deadlines that still mean something to the citizen, by public status.
# A decided case (concluded, closed, rejected, forwarded, withdrawn) shows none: its
# answer is what matters; an accepted one no longer shows the acceptance steps.
STEPS_SHOWN = {
    CaseStatus.RECEIVED: frozenset(PUBLIC_STEPS),
    CaseStatus.NEEDS_INFO: frozenset(PUBLIC_STEPS),
    CaseStatus.ACCEPTED: frozenset({"resolve", "resolve_extended"}),
    # Suspended: the resolution date reached so far, shown as paused (PAUSED_LABEL).
    CaseStatus.SUSPENDED: frozenset({"resolve"}),
}


def _paused_since(events) -> datetime.date | None:
    """The day of the last suspension among the case's public events (its `on`)."""
    for event in reversed(events):
        if event.action == "suspend":
            return parse_date((event.data or {}).get("on") or "") or timezone.localtime(
                event.at
            ).date()
    return None

def _without_spent_extension(
    deadlines: tuple[PublicDeadline, ...],
) -> tuple[PublicDeadline, ...]:
    """Without the "if extended" line once the resolution date has reached it: the extension
    was granted (Điều 30 Luật Tố cáo), there is no further one to announce."""
    resolve = next((d.due for d in deadlines if d.step == "resolve"), None)
    if resolve is None:
        return deadlines
    return tuple(d for d in deadlines if not (d.step == "resolve_extended" and d.due <= resolve))


def case_public_view(*, case: Case) -> PublicCase:
    """The citizen's view of `case` (three queries: deadlines, events, linked cases)."""
    status = public_status(case.status)
    waiting = case.status in (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO)
    paused = case.status == CaseStatus.SUSPENDED
    steps_shown = STEPS_SHOWN.get(status, frozenset())
    deadlines = tuple(
        PublicDeadline(
            step=row.step,
            # Before acceptance the resolution clock has not started: an estimate.
            label=str(
                PAUSED_LABEL
                if paused
                else ESTIMATED_LABELS[row.step]
                if waiting and row.step in ESTIMATED_LABELS
                else PUBLIC_STEPS[row.step]
            ),
            due=row.due,
            # In the reader's language: "Article 30(1) of the Law on Denunciations" in English;
            # without the staff's notes on the figure (citation_for_citizen).
            legal_basis=citation_for_citizen(row.legal_basis),
            unconfirmed=row.unconfirmed,
            policy=is_portal_policy(row.legal_basis),
            paused=paused,
        )
        for row in CaseDeadline.objects.filter(
            case=case, superseded_at__isnull=True, step__in=sorted(steps_shown)
        ).order_by("due", "id")
    )
    deadlines = _without_spent_extension(deadlines)
    events = list(case.events.filter(is_public=True).order_by("at", "id"))
    timeline = tuple(public_event(event, kind=case.kind) for event in events)
    linked_cases = tuple(
        PublicLinkedCase(tracking_code=code, kind_label=str(CaseKind(kind).label))
        for code, kind in Case.objects.filter(parent_case=case)
        .order_by("received_at", "id")
        .values_list("tracking_code", "kind")
    )
    return PublicCase(
        tracking_code=case.tracking_code,
        kind=case.kind,
        kind_label=str(CaseKind(case.kind).label),
        title=case.title,
        facility_name=case.facility.name if case.facility_id else "",
        status=status,
        status_label=status_label(status, case.kind),
        received_at=case.received_at,
        accept_by=case.accept_by,
        # No resolution date runs while the case is suspended (`paused_since` says so).
        resolve_by=None if paused else case.resolve_by,
        paused_since=_paused_since(events) if paused else None,
        forwarded_to=case.forwarded_to if case.status == CaseStatus.FORWARDED else "",
        public_answer=(
            case.public_answer if case.status in (CaseStatus.CONCLUDED, CaseStatus.CLOSED) else ""
        ),
        deadlines=deadlines,
        timeline=timeline,
        can_rate=rating_allowed(case),
        rating=case.rating,
        rating_comment=case.rating_comment,
        linked_cases=linked_cases,
        signature_notice=signature_notice_for_citizen(case) or "",
        handled_by=_handled_by(case),
        decision=_decision(case),
        finding=(
            case.finding_label()
            if case.status in (CaseStatus.CONCLUDED, CaseStatus.CLOSED)
            else ""
        ),
    )


def _decision(case: Case) -> str:
    """The decision of a concluded complaint or denunciation, by its number and day: the
    complainant is sent it (Điều 32, Điều 41 Luật Khiếu nại), the denouncer told of the
    conclusion (khoản 3 Điều 35 Luật Tố cáo), which is published (Điều 40 Luật Tố cáo).
    It names no person: nothing of the denouncer's identity (Điều 47 Luật Tố cáo)."""
    from complaints.services.decision import decision_recorded

    if case.status not in (CaseStatus.CONCLUDED, CaseStatus.CLOSED):
        return ""
    decision = decision_recorded(case)
    return decision.text() if decision is not None else ""


# The Sở's own units: a case with one of them is resolved by the Sở (its Giám đốc).
_SO_UNIT_KINDS = frozenset({"department", "inspectorate", "office"})


def _handled_by(case: Case) -> str:
    """A second-time complaint held by the Sở: the Giám đốc Sở resolves it (khoản 2 Điều 20
    Luật Khiếu nại), not the facility the page names; "" otherwise (no query: the units are
    the reference copy's)."""
    if case.kind != CaseKind.KHIEU_NAI or not case.second_time:
        return ""
    if case.status == CaseStatus.FORWARDED:
        return ""  # `forwarded_to` says where it went
    from complaints.selectors.contact import department_contact
    from complaints.services.reference import reference

    unit = reference().facilities.get(case.assigned_unit_id)
    if unit is None or unit.kind not in _SO_UNIT_KINDS:
        return ""
    # The unit's name in Vietnamese; the Sở's name in the reader's words otherwise, as every
    # other page names it ("Department of Health of Quảng Ngãi province").
    in_vietnamese = (translation.get_language() or "vi") == settings.LANGUAGE_CODE
    name = department_contact()["name"] if in_vietnamese else department_name()
    return _(
        "Giám đốc %(name)s giải quyết khiếu nại lần hai (khoản 2 Điều 20 Luật Khiếu nại)"
    ) % {"name": name}


# Compared against when the code is unknown, so an unknown code costs the same
# time as a wrong PIN.
_NO_CASE_HASH = pin_hash(tracking_code="YT-0000-000000", pin="-", secret="no case")
_LINK_SALT = "complaints.tracking.link"
LINK_TOKEN_LENGTH = 32  # hex digits: 128 bits


def link_token(*, tracking_code: str, stored_hash: str) -> str:
    """The long secret in the link sent with a PIN (`?khoa=`): bound to the code and
    to the PIN's stored hash, so it stops working when that PIN is replaced."""
    digest = salted_hmac(_LINK_SALT, f"{tracking_code}\n{stored_hash}", algorithm="sha256")
    return digest.hexdigest()[:LINK_TOKEN_LENGTH]


def is_link_token(secret: str) -> bool:
    secret = (secret or "").strip()
    return len(secret) == LINK_TOKEN_LENGTH and all(c in "0123456789abcdef" for c in secret)


def _secret_matches(*, code: str, secret: str, stored_hash: str) -> bool:
    if is_link_token(secret):
        expected = link_token(tracking_code=code, stored_hash=stored_hash)
        return constant_time_compare(expected, secret)
    return pin_matches(tracking_code=code, pin=secret, stored_hash=stored_hash)


def case_for_citizen(*, tracking_code: str, pin: str) -> Case | None:
    """The case whose code and PIN (or link secret) match, else None: an unknown
    code and a wrong PIN are indistinguishable (same answer, same work). A re-sent
    PIN (`PinReissue`) opens too and, once used, replaces the old one. No rate limit
    here; use `case_lookup` for anything a visitor types."""
    from complaints.models import PinReissue

    code = normalize_tracking_code(tracking_code)
    secret = (pin or "").strip()
    case = None
    if TRACKING_CODE_RE.match(code):
        case = Case.objects.select_related("facility").unique_or_none(tracking_code=code)
    stored = case.pin_hash if case is not None else _NO_CASE_HASH
    matches = _secret_matches(code=code, secret=secret, stored_hash=stored)
    if case is None:
        return None
    if matches:
        return case
    reissues = (
        PinReissue.objects.filter(case=case, expires_at__gt=timezone.now())
        .exclude(pin_hash="")
        .order_by("-id")
    )
    for reissue in reissues[:5]:
        if _secret_matches(code=code, secret=secret, stored_hash=reissue.pin_hash):
            # The citizen has the new PIN: it replaces the old one from now on.
            Case.objects.filter(pk=case.pk).update(pin_hash=reissue.pin_hash)
            PinReissue.objects.filter(case=case).delete()
            case.pin_hash = reissue.pin_hash
            return case
    return None


def case_lookup(*, tracking_code: str, pin: str, client_ip: str) -> Case | None:
    """`case_for_citizen` under the look-up limits: every attempt counts against the
    address (cache), every failure against the code and the address (database: the
    PIN guard, `ratelimit.pin_guard_check`). An address that failed too often waits;
    the owner elsewhere does not, nor the link sent with a re-sent PIN; a success clears
    the address's failures on the code. Raises `ratelimit.Throttled`."""
    code = normalize_tracking_code(tracking_code)
    ratelimit.LOOKUP_ADDRESS.hit(client_ip)
    ratelimit.pin_guard_check(code=code, address=client_ip, long_secret=is_link_token(pin))
    case = case_for_citizen(tracking_code=code, pin=pin)
    if case is None:
        ratelimit.pin_guard_fail(code=code, address=client_ip)
    else:
        ratelimit.pin_guard_pass(code=code, address=client_ip)
    return case


@dataclass(frozen=True)
class CitizenFiles:
    """Files the citizen sent at one time: with the case (`reply` False) or with an answer
    to a request for information. Names only: the tracking page lists them, never links."""

    at: datetime.datetime
    reply: bool
    names: tuple[str, ...]


def case_citizen_files(*, case: Case) -> tuple[CitizenFiles, ...]:
    """What the citizen sent, for the PIN holder's tracking page only (two queries): every
    attachment of the case but the documents the Sở issued (their PDF and signed copy), the
    ones an answer to a request for information brought grouped by that answer."""
    from complaints.documents.models import Document

    issued = Document.objects.filter(case=case)
    rows = list(
        case.attachments.exclude(pk__in=issued.exclude(pdf=None).values("pdf"))
        .exclude(pk__in=issued.exclude(signed_copy=None).values("signed_copy"))
        .order_by("uploaded_at", "id")
        .values_list("pk", "original_name")
    )
    if not rows:
        return ()
    names = dict(rows)
    groups = []
    answered: set[int] = set()
    for event in case.events.filter(action="complete_info").order_by("at", "id"):
        ids = [pk for pk in (event.data or {}).get("attachments", []) if pk in names]
        answered.update(ids)
        if ids:
            groups.append(CitizenFiles(event.at, True, tuple(names[pk] for pk in ids)))
    filed = tuple(name for pk, name in rows if pk not in answered)
    if filed:
        groups.insert(0, CitizenFiles(case.received_at, False, filed))
    return tuple(groups)


def not_found_message() -> str:
    return _("Không tìm thấy hồ sơ với mã và mã PIN này. Hãy kiểm tra lại.")


@dataclass(frozen=True)
class PressTracking:
    """A press case's code (`bao_chi`, logged by the press office from an article:
    complaints/services/press_intake.py): no citizen, its PIN random and never shown. What
    anyone reading the code is told instead of a PIN form: the article, already public, and
    the Sở's published response (complaints/services/press.py), never the case's own text."""

    tracking_code: str
    outlet: str
    article_title: str
    published_on: datetime.date | None
    response_url: str = ""
    response_title: str = ""

    def text(self) -> str:
        return _(
            "Hồ sơ %(code)s là thông tin báo chí: Sở Y tế ghi nhận từ một bài viết trên báo "
            "chí, không có người gửi nên không có mã PIN và không tra cứu bằng mã PIN. Sở Y tế "
            "trả lời công khai bằng phản hồi đăng trên cổng thông tin (kèm đề nghị cải chính "
            "nếu bài viết có thông tin không chính xác)."
        ) % {"code": self.tracking_code}

    def article(self) -> str:
        values = {"title": self.article_title, "outlet": self.outlet}
        if self.published_on is None:
            return _("Bài viết: “%(title)s”, %(outlet)s.") % values
        return _("Bài viết: “%(title)s”, %(outlet)s, ngày %(date)s.") % {
            **values, "date": self.published_on.strftime("%d/%m/%Y"),
        }

    def pending(self) -> str:
        return _("Sở Y tế sẽ đăng phản hồi trên cổng thông tin khi có kết quả xử lý.")

    def detail(self, base: str = "") -> str:
        """The whole in one text (the API's answer); `base` makes the link absolute."""
        if self.response_url:
            follow = _("Phản hồi của Sở Y tế: %(title)s, %(url)s") % {
                "title": self.response_title,
                "url": f"{base}{self.response_url}" if self.response_url.startswith("/")
                else self.response_url,
            }
        else:
            follow = self.pending()
        return f"{self.text()} {self.article()} {follow}"


def press_case_tracking(tracking_code: str) -> PressTracking | None:
    """The press case with this code, as `PressTracking`, else None (one query on the codes'
    index; a second for a press case's published response)."""
    from complaints.services.press import PRESS_RESPONSE_PUBLISHED

    code = normalize_tracking_code(tracking_code)
    if not TRACKING_CODE_RE.match(code):
        return None
    case = (
        Case.objects.filter(kind=CaseKind.BAO_CHI)
        .only("tracking_code", "press_outlet", "press_article_title", "press_published_on")
        .unique_or_none(tracking_code=code)
    )
    if case is None:
        return None
    # The response announced last and still on the portal (an unpublished one leaves the
    # public timeline: `case_press_response_unpublished`).
    published = (
        case.events.filter(action=PRESS_RESPONSE_PUBLISHED, is_public=True)
        .order_by("-at", "-id")
        .values_list("data", flat=True)
        .first()
    ) or {}
    return PressTracking(
        tracking_code=case.tracking_code,
        outlet=case.press_outlet,
        article_title=case.press_article_title,
        published_on=case.press_published_on,
        response_url=published.get("url", ""),
        response_title=published.get("title", ""),
    )
