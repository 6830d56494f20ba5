"""The one write path of a case's documents: draft, edit, issue, signed copy.

- `document_draft` fills a template from the case in one step (parties, facts,
  deadlines, legal grounds, the step's fields); staff edit it with `document_update`.
- `document_issue` is a leader's act (the verifier's report also the verifier's:
  `complaints.documents.steps.may_issue`): number under a lock, PDF and DOCX, a private
  attachment of the case, a `CaseEvent` (public when the citizen is owed the document),
  and the copy sent to the citizen by a background task after commit. Called by
  `case_transition(document_id=…)` so that the approval of a step and of its document are
  one transaction.
- `document_attach_signed` keeps the signed scan (or records an electronic signature).

Every service checks the actor's scope (`Case.objects.in_scope_of`) and permission, runs
in one transaction, and saves with the history user and a change reason."""

from __future__ import annotations

import re
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.documents import rendering
from complaints.documents.context import (
    BLANK_PARTS,
    blank_refusal,
    denouncer_letter_refusal,
    identity_fill,
    issue_fill,
    template_context,
    verifier_view,
)
from complaints.documents.models import (
    EDITABLE_FIELDS,
    Document,
    DocumentStatus,
    DocumentTemplate,
)
from complaints.documents.numbering import number_next
from complaints.documents.steps import (
    earlier_issued,
    issue_refusal,
    may_issue,
    recorded_step,
    replacement_refusal,
)
from complaints.models import Attachment, Case, CaseEvent, Facility, FacilityKind
from complaints.rules.documents import FORMS, SIGNER_AUTHORITIES, SIGNER_TITLES
from complaints.rules.resolver import document_signer_refusal, outside_unit_refusal
from complaints.rules.verification_report import STEP as REPORT_STEP
from complaints.rules.verification_report import report_signer_title
from complaints.services.attachments import attachments_clean, attachments_store
from complaints.services.confidential_text import identity_refusal, text_reader
from complaints.signals import case_event_recorded
from portal.tasks import enqueue_on_commit

__all__ = [
    "DocumentError",
    "document_attach_signed",
    "document_cancel",
    "document_draft",
    "document_issue",
    "document_update",
    "issue_signer",
    "signed_confirmation_label",
    "signed_refusal",
    "signed_required",
    "UnsignedError",
    "templates_for",
    "templates_sync",
]

ACT = "complaints.act_on_case"
APPROVE = "complaints.approve_case"


class DocumentError(Exception):
    """The document cannot be drafted, edited or issued now; `message` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnsignedError(DocumentError):
    """The one refusal left once every other check passed: the issuer did not confirm that
    the document was signed (`document_issue`'s `signed_confirmed`). The pages mark their
    tick with it; every other refusal, a blank among them, comes before it."""


class BlanksError(DocumentError):
    """The document still holds a blank (`blank_refusal`, its lines named): the draft page
    lists those lines once, in its own summary, and says only that they stand in the way."""


# ---- templates --------------------------------------------------------------------------


SYNC_REASON = "origin=rules action=document_templates_sync"
UPDATE_REASON = "origin=rules action=document_templates_update"


def _shipped_values(form) -> dict:
    return {
        "title": form.title,
        "document_type": form.document_type,
        "action": form.action,
        "kinds": sorted(form.kinds),
        "audience": form.audience,
        "owed_to_citizen": form.owed_to_citizen,
        "form_ref": form.form_ref,
        "legal_basis": form.legal_basis,
        "reconstructed": form.reconstructed,
        "trich_yeu": form.trich_yeu,
        "addressee": form.addressee,
        "body": form.body,
        "recipients": form.recipients,
    }


def templates_sync() -> int:
    """Create the templates of `complaints.rules.documents.FORMS` that are missing, and
    bring a template nobody has edited up to the shipped text (a corrected form reaches
    an existing portal after its upgrade); an administrator's edits are never overwritten.
    Returns the number created or updated."""
    existing = {t.code: t for t in DocumentTemplate.objects.all()}
    edited = set(
        DocumentTemplate.history.exclude(history_change_reason__in=(SYNC_REASON, UPDATE_REASON))
        .values_list("code", flat=True)
    )
    changed = 0
    for form in FORMS:
        values = _shipped_values(form)
        template = existing.get(form.code)
        if template is None:
            template = DocumentTemplate(code=form.code, **values)
            template._change_reason = SYNC_REASON
        elif form.code in edited or all(getattr(template, k) == v for k, v in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(template, name, value)
            template._change_reason = UPDATE_REASON
        template.save()
        changed += 1
    return changed


def templates_for(*, case, action: str | None = None) -> list[DocumentTemplate]:
    """The active templates that apply to this case's kind (and step, when given)."""
    templates_sync()
    queryset = DocumentTemplate.objects.filter(is_active=True)
    if action:
        queryset = queryset.filter(action=action)
    return [t for t in queryset if case.kind in (t.kinds or [])]


# ---- helpers ----------------------------------------------------------------------------


def _case_for(actor, case_id: int, *, lock: bool = False) -> Case:
    queryset = Case.objects.in_scope_of(actor)
    if lock:
        queryset = queryset.select_for_update()
    return queryset.select_related("facility", "assigned_unit").get(pk=case_id)


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied


def _issuer_for(case) -> Facility:
    """The unit that issues the case's documents: the one handling it, else the root."""
    issuer = case.assigned_unit or case.facility
    if issuer is None:
        issuer = Facility.objects.filter(kind=FacilityKind.DEPARTMENT, parent=None).first()
    if issuer is None:
        raise DocumentError(_("Chưa xác định được cơ quan ban hành văn bản: hãy giao xử lý."))
    return issuer


def _place_of(issuer) -> str:
    node = issuer
    while node is not None:
        if node.area:
            return node.area
        node = node.parent
    return getattr(settings, "DOCUMENTS_PLACE", "Quảng Ngãi")


def _superior_of(issuer) -> str:
    if issuer.parent is not None:
        return issuer.parent.name
    top = getattr(settings, "DOCUMENTS_TOP_AUTHORITY", "")
    return top or f"Ủy ban nhân dân tỉnh {_place_of(issuer)}"


def _save(document: Document, *, actor, reason: str) -> None:
    document._history_user = actor
    document._change_reason = reason
    document.save()


def _event(*, case, action: str, actor, public: bool, message: str, data: dict) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        actor=actor,
        at=timezone.now(),
        is_public=public,
        public_message=message if public else "",
        data=data,
    )
    transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
    return event


def _safe_file_name(text: str) -> str:
    """`text` in plain letters for a file's name: "Về việc tổ chức đối thoại" is
    "Ve-viec-to-chuc-doi-thoai" (đ/Đ is a letter of its own, which decomposing drops)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.-]+", "-", ascii_text).strip("-") or "van-ban"


def document_file_name(document: Document, *, subject: bool = False) -> str:
    """A document's files' name, without the extension, in plain ASCII (safe in a
    Content-Disposition header): an issued one's number and symbol ("05-QD-SYT-QNG"), with
    its trích yếu after it when `subject` (the stored copy the citizen receives); a draft,
    what it is and of which case ("du-thao-thong-bao-<case code>"), never one name for
    every draft."""
    if document.symbol:
        text = f"{document.symbol}-{document.trich_yeu[:60]}" if subject else document.symbol
        return _safe_file_name(text)
    kind = document.document_type.replace("_", "-")
    return _safe_file_name(f"du-thao-{kind}-{document.case.tracking_code}")


# ---- draft and edit ---------------------------------------------------------------------


def document_draft(
    *, case_id: int, template_code: str, actor, origin: str, step: dict | None = None
) -> Document:
    """Draft the document of `template_code` for the case, filled from the case and the
    step's fields (`step`: reason, to, message, conclusion…, as the step form names them,
    choices by their codes; a step already taken supplies what it recorded). Needs
    `act_on_case` and the case in the actor's scope. A denouncer's identity is never
    written in a draft. The signer's name is the issuing unit's head (`unit_head`), else
    left empty to fill in."""
    _require(actor, ACT)
    templates_sync()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = _case_for(actor, case_id)
        template = DocumentTemplate.objects.filter(code=template_code, is_active=True).first()
        if template is None or case.kind not in (template.kinds or []):
            raise DocumentError(
                _("Mẫu văn bản “%(code)s” không áp dụng cho hồ sơ này.") % {"code": template_code}
            )
        # A step taken already: what it recorded, unless the draft says otherwise.
        step = {**recorded_step(case, template.action), **(step or {})}
        issuer = _issuer_for(case)
        signer_title = SIGNER_TITLES.get(issuer.kind, "THỦ TRƯỞNG CƠ QUAN")
        # The issuing unit's own head signs; unknown, the name is left for the issuer.
        head = unit_head(issuer)
        signer_name = _name(head) if head is not None else ""
        if template.action == REPORT_STEP:  # the verifier's report, to the head
            verifier = verifier_view(case)
            signer_title = report_signer_title(team=bool(verifier.team))
            signer_name = "" if verifier.leader == "…" else verifier.leader
        context = template_context(
            case=case,
            template=template,
            issuer=issuer,
            signer_title=signer_title,
            signer_name=signer_name,
            step=step,
            read=text_reader(case, user=actor),
        )
        version = template.history.order_by("-history_id").values_list("history_id", flat=True)
        document = Document(
            case=case,
            template=template,
            template_version=version.first(),
            action=template.action,
            step_data={k: str(v) for k, v in step.items()},
            document_type=template.document_type,
            audience=template.audience,
            owed_to_citizen=template.owed_to_citizen,
            issuer=issuer,
            superior_name=_superior_of(issuer),
            place=_place_of(issuer),
            trich_yeu=rendering.render_text(template.trich_yeu, context)[:500],
            addressee=rendering.render_text(template.addressee, context)[:500],
            body=rendering.render_text(template.body, context),
            recipients=rendering.render_text(template.recipients, context),
            signer_title=signer_title,
            signer_name=signer_name,
            created_by=actor,
        )
        _save(document, actor=actor, reason=f"origin={origin} action=document_draft")
    return document


def read_apart(document: Document, *, user, read=None) -> bool:
    """Whether `user` reads the texts of `document` other than as written: a tố cáo's
    draft holding what they may not see (a phone, an e-mail, an ID number, the denouncer's
    identity), shown to them "[đã ẩn]" (`text_reader`, `rendering.parts_for`, the edit
    form's texts). `read`: the user's reader of the case, when the caller has it already."""
    read = read or text_reader(document.case, user=user)
    return any(
        read(text) != text for text in (getattr(document, n) for n in rendering.READ_PARTS)
    )


def _overwrites_hidden(document: Document, fields: dict) -> bool:
    """Whether a save sends back "[đã ẩn]" where the draft holds none: the form of a user who
    reads the draft redacted (`read_apart`) would write the mark over what an officer who may
    see the denouncer wrote (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""
    label = _("[đã ẩn]")
    return any(
        (fields.get(name) or "").count(label) > (getattr(document, name) or "").count(label)
        for name in rendering.READ_PARTS
        if name in fields
    )


def read_apart_refusal() -> str:
    """Why a save that would write "[đã ẩn]" over a draft's text is refused."""
    return _(
        "Nội dung còn “[đã ẩn]”, chỗ thông tin được giữ bí mật mà bạn không được xem: lưu sẽ "
        "ghi đè lên thông tin đó. Hãy xóa các chỗ “[đã ẩn]” hoặc nhờ người được xem danh tính "
        "người tố cáo của hồ sơ này sửa dự thảo (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."
    )


def _stale_draft() -> str:
    return _(
        "Dự thảo văn bản đã được sửa sau khi bạn mở trang; hãy xem lại bản mới trước khi "
        "ban hành."
    )


def document_update(
    *, document_id: int, actor, origin: str, expected_version: str | None = None, **fields
) -> Document:
    """Staff edit a draft's parts (EDITABLE_FIELDS). Issued documents never change; a save
    never writes "[đã ẩn]" over the draft's text (`_overwrites_hidden`). `expected_version`,
    when given (the page's edits sent with its "Ban hành"), is the `Document.version` the
    page showed: a draft edited since is not overwritten."""
    _require(actor, ACT)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise DocumentError(_("Không sửa được: %(fields)s") % {"fields": names})
    if fields.get("signer_authority", "") not in SIGNER_AUTHORITIES:
        raise DocumentError(_("Thẩm quyền ký không hợp lệ."))
    with transaction.atomic():
        document = _locked(document_id, actor)
        if document.status != DocumentStatus.DRAFT:
            raise DocumentError(_("Văn bản đã ban hành hoặc đã hủy: không sửa được."))
        if expected_version is not None and expected_version != document.version:
            raise DocumentError(_stale_draft())
        if _overwrites_hidden(document, fields):
            raise DocumentError(read_apart_refusal())
        for name, value in fields.items():
            setattr(document, name, (value or "").strip())
        if not document.body or not document.trich_yeu or not document.signer_title:
            raise DocumentError(_("Trích yếu, nội dung và chức vụ người ký không được để trống."))
        _save(document, actor=actor, reason=f"origin={origin} action=document_update")
    return document


def _refuse_identity(document: Document, *, actor) -> None:
    """A document not addressed to the denouncer that holds their identity (`identity_leaks`)
    is not issued; the refusals a writer may draw are counted (`identity_refusal`)."""
    text = "\n".join([document.trich_yeu, document.addressee, document.body, document.recipients])
    refusal = identity_refusal(
        text, case=document.case, writer=actor, audience=document.audience, document=True
    )
    if refusal:
        raise DocumentError(refusal)


def _refuse_identity_in_reason(document: Document, reason: str, *, actor) -> None:
    """The reason for a replacement is staff text every reader of the document's page reads:
    on a denunciation it may not hold the denouncer's identity (khoản 3 Điều 8, Điều 47
    Luật Tố cáo; `identity_refusal`)."""
    refusal = identity_refusal(reason, case=document.case, writer=actor) if reason else None
    if refusal:
        raise DocumentError(refusal)


def refreshable(document: Document) -> dict:
    """What the case recorded of the draft's step since it was drafted (the dialogue held,
    its chair and result, for the minutes): the step's fields whose value differs from the
    draft's, by name; empty when the draft is up to date or is no draft."""
    if document.status != DocumentStatus.DRAFT:
        return {}
    drafted = document.step_data or {}
    return {
        name: str(value)
        for name, value in recorded_step(document.case, document.action).items()
        if str(value) != drafted.get(name, "")
    }


def _drafted_template(document: Document):
    """The template as the draft was made from it (its version), else as it is."""
    record = document.template.history.filter(history_id=document.template_version).first()
    return record.instance if record is not None else document.template


def document_refresh(*, document_id: int, actor, origin: str) -> tuple[Document, int]:
    """“Cập nhật từ hồ sơ”: a draft made before its step was recorded (the minutes drafted
    before the dialogue's result) takes up what the case recorded since (`refreshable`),
    without being cancelled. Its parts are filled again from the template it was drafted
    from: a line that changed replaces the same line of the draft if the officer left it as
    drafted; a line the officer edited is kept (`line_merge.merged`). Returns the draft
    and the number of changed lines kept as the officer wrote them."""
    from complaints.documents.line_merge import merged

    _require(actor, ACT)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        document = _locked(document_id, actor)
        if document.status != DocumentStatus.DRAFT:
            raise DocumentError(_("Văn bản đã ban hành hoặc đã hủy: không sửa được."))
        changed = refreshable(document)
        if not changed:
            return document, 0
        template = _drafted_template(document)
        before = dict(document.step_data or {})
        after = {**before, **changed}

        read = text_reader(document.case, user=actor)

        def filled(step: dict) -> dict:
            return template_context(
                case=document.case, template=template, issuer=document.issuer,
                signer_title=document.signer_title, signer_name=document.signer_name,
                step=step, read=read,
            )

        then, now = filled(before), filled(after)
        kept = 0
        for name in ("trich_yeu", "addressee", "body", "recipients"):
            source = getattr(template, name)
            result = merged(getattr(document, name), rendering.render_text(source, then),
                            rendering.render_text(source, now))
            short = name in ("trich_yeu", "addressee")  # 500 characters, as drafted
            setattr(document, name, result.text[:500] if short else result.text)
            kept += result.kept
        document.step_data = after
        _save(document, actor=actor, reason=f"origin={origin} action=document_refresh")
    return document, kept


def document_cancel(*, document_id: int, actor, origin: str) -> Document:
    """Drop a draft (it never had a number)."""
    _require(actor, ACT)
    with transaction.atomic():
        document = _locked(document_id, actor)
        if document.status != DocumentStatus.DRAFT:
            raise DocumentError(_("Chỉ hủy được dự thảo."))
        document.status = DocumentStatus.CANCELLED
        _save(document, actor=actor, reason=f"origin={origin} action=document_cancel")
    return document


def _lock_case_of(document_id: int) -> None:
    """Lock the case of the document (before the document: `case_transition`'s order)."""
    case_ids = Document.objects.filter(pk=document_id).values_list("case_id", flat=True)
    list(Case.objects.select_for_update().filter(pk__in=case_ids).values_list("pk", flat=True))


def _replaced(document: Document, replaces: int | None) -> Document | None:
    """The earlier document `document` replaces (checked already by `replacement_refusal`)."""
    return earlier_issued(document).filter(pk=replaces).first() if replaces else None


def _replacement_data(earlier: Document | None, reason: str) -> dict:
    """The event's record of the earlier document this one replaces: its id, number and the
    officer's reason (the staff's timeline reads them); empty otherwise."""
    if earlier is None:
        return {}
    return {
        "replaces_document_id": earlier.pk,
        "replaces": earlier.symbol,
        "replacement_reason": (reason or "").strip(),
    }


def _issued_line(document: Document, earlier: Document | None) -> str:
    """The citizen's timeline line of an issued document ("" when it shows none): the
    documents the citizen is owed, and the replacement of one they were sent and shown
    (`owed_to_citizen`), by its number; never the officer's reason."""
    told = earlier is not None and earlier.owed_to_citizen
    values = {"symbol": document.symbol, "replaced": earlier.symbol if told else ""}
    if not document.owed_to_citizen:
        return (
            _("Văn bản số %(replaced)s đã được thay thế bằng văn bản số %(symbol)s.") % values
            if told else ""
        )
    values.update(
        type=(document.get_document_type_display() or _("văn bản")).lower(),
        summary=document.trich_yeu,
    )
    if told:
        return _(
            "Đã ban hành %(type)s số %(symbol)s thay thế văn bản số %(replaced)s: %(summary)s"
        ) % values
    return _("Đã ban hành %(type)s số %(symbol)s: %(summary)s") % values


def _locked(document_id: int, actor) -> Document:
    document = (
        Document.objects.select_for_update()
        .select_related("case", "issuer", "template")
        .get(pk=document_id)
    )
    if not Case.objects.in_scope_of(actor).filter(pk=document.case_id).exists():
        raise Document.DoesNotExist
    return document


# ---- issue -------------------------------------------------------------------------------


def _name(user) -> str:
    from complaints.selectors.history import staff_name

    return staff_name(user)


def unit_head(issuer: Facility):
    """The head of the issuing unit, as far as the portal knows: its one active member who
    may approve (`approve_case`). None when nobody or several may (a director and their
    deputies: the portal cannot tell who heads the unit)."""
    from django.contrib.auth import get_user_model

    members = (
        get_user_model()
        .objects.filter(is_active=True, facility_memberships__facility=issuer)
        .distinct()
    )
    heads = [user for user in members if user.has_perm(APPROVE)]
    return heads[0] if len(heads) == 1 else None


def _signer_name(document: Document, actor) -> str:
    """Who signs, when the draft names nobody: the leader who issues if they belong to the
    issuing unit, else the unit's head. Never a person of another unit (a leader of the Sở
    does not sign as GIÁM ĐỐC of a health centre): unknown, the issuer fills the name in."""
    issuer = document.issuer
    if actor.facility_memberships.filter(facility=issuer).exists():
        return _name(actor)
    head = unit_head(issuer)
    if head is not None:
        return _name(head)
    raise DocumentError(
        _(
            "Chưa có họ tên người ký: Cổng không xác định được người đứng đầu của "
            "%(unit)s. Hãy điền họ tên người ký (và KT., TM. nếu ký thay) vào dự thảo, "
            "lưu rồi ban hành."
        )
        % {"unit": issuer.name}
    )


def issue_signer(document: Document, actor) -> str:
    """Who signs the draft as issuing would record it (`_signer_name` when the draft names
    nobody), for the confirmation the issuer ticks; "" when the portal cannot tell."""
    if document.signer_name:
        return document.signer_name
    try:
        return _signer_name(document, actor)
    except DocumentError:
        return ""


def signed_confirmation_label(signer: str) -> str:
    """The tick the issuer gives before issuing (the document page, the approval page)."""
    if signer:
        return _(
            "Tôi xác nhận văn bản này đã được người có thẩm quyền ký (người ký: %(signer)s)"
        ) % {"signer": signer}
    return _("Tôi xác nhận văn bản này đã được người có thẩm quyền ký")


def signed_required() -> str:
    """The API's answer to an issue without `signed_confirmed: true`."""
    return _(
        "Ban hành văn bản cần xác nhận văn bản đã được người có thẩm quyền ký: gửi "
        "“signed_confirmed”: true. Khi ban hành, văn bản được cấp số, công khai trên trang "
        "tra cứu và gửi ngay cho người dân (nếu văn bản gửi người dân); văn bản đã ban hành "
        "không sửa được."
    )


def signed_refusal(document: Document, signer: str) -> str:
    """Why issuing waits for the tick: what issuing does at once and cannot undo."""
    if document.owed_to_citizen:
        what = _(
            "Khi ban hành, văn bản được cấp số, công khai trên trang tra cứu và gửi ngay cho "
            "người dân; văn bản đã ban hành không sửa được."
        )
    else:
        what = _("Khi ban hành, văn bản được cấp số; văn bản đã ban hành không sửa được.")
    return _(
        "Chưa ban hành: hãy đánh dấu “%(tick)s” sau khi văn bản đã được ký. %(what)s"
    ) % {"tick": signed_confirmation_label(signer), "what": what}


def document_issue(
    *,
    document_id: int,
    actor,
    origin: str,
    case_id: int | None = None,
    action: str | None = None,
    expected_version: str | None = None,
    replaces: int | None = None,
    replacement_reason: str = "",
    signed_confirmed: bool = False,
) -> Document:
    """A leader issues the draft (needs `approve_case`); the verification's report, the
    verifier's own, also the officer the case is assigned to (`may_issue`).

    Guarantees: one transaction (joins the step's transaction when called from
    `case_transition`); the document row is locked, so a double click issues once and the
    second call fails with DocumentError; the number comes from `number_next` under a lock
    and is never reused; a denouncer's identity is written only into a document addressed to
    them, and a document addressed to anyone else that contains any of its fields is
    refused; a text that still holds a blank left for the officer ("…", "....."; the
    denouncer's identity field the case lacks, in a letter to them) is refused, naming its
    lines (`blank_refusal`); PDF (private attachment) and DOCX are stored; a
    `document_issued` event is recorded (public when the citizen is owed the document) and
    the copy is sent to the citizen by a background task after commit. `case_id`/`action`,
    when given, must match the document (the step it belongs to). `expected_version`, when
    given, is the `Document.version` the leader was shown: a draft edited since is not
    issued. A document of a step is issued only with its step (`case_transition` records the
    step's event first, in this transaction) or after the step was taken and not undone
    (`complaints.documents.steps.issue_refusal`): never ahead of the step's legal checks. A
    draft that names no signer gets the issuing unit's own signer (`_signer_name`), never a
    person of another unit; none known, it is refused until the name is filled in. A
    second document of the same form for the same step is refused unless it states the
    earlier one it replaces (`replaces`, its id) and why (`replacement_reason`;
    `complaints.documents.steps.replacement_refusal`), recorded in the event; the case row
    is locked first (as `case_transition` locks it), so two tabs issuing the same form at
    once issue one and refuse the other. Issuing numbers the document, publishes it and
    mails it at once, and it is never edited after: it is refused unless the issuer
    confirms that the competent person signed it (`signed_confirmed`, the page's tick and
    the API's field of the same name; `signed_refusal` names the signer), after every
    other check, so the refusal is the last thing left to do."""
    if not (actor.has_perm(APPROVE) or actor.has_perm(ACT)):
        raise PermissionDenied
    stored: list[Attachment] = []
    try:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            _lock_case_of(document_id)
            document = _locked(document_id, actor)
            if not may_issue(document, actor):
                raise PermissionDenied
            if case_id is not None and document.case_id != case_id:
                raise DocumentError(_("Văn bản không thuộc hồ sơ này."))
            if action is not None and document.action != action:
                raise DocumentError(
                    _("Văn bản này thuộc bước “%(step)s”, không phải bước đang thực hiện.")
                    % {"step": document.action}
                )
            if document.status != DocumentStatus.DRAFT:
                raise DocumentError(_("Văn bản đã được ban hành hoặc đã hủy."))
            if expected_version is not None and expected_version != document.version:
                raise DocumentError(_stale_draft())
            refusal = (
                issue_refusal(document)
                or replacement_refusal(
                    document, replaces=replaces, reason=replacement_reason
                )
                or document_signer_refusal(document=document, actor=actor)
                or outside_unit_refusal(
                    case=document.case, user=actor, action=document.action
                )
                or denouncer_letter_refusal(
                    case=document.case, audience=document.audience,
                    addressee=document.addressee, recipients=document.recipients,
                )
            )  # fmt: skip
            if refusal:
                raise DocumentError(refusal)
            _refuse_identity_in_reason(document, replacement_reason, actor=actor)
            if not document.signer_name:
                document.signer_name = _signer_name(document, actor)
            case = document.case
            # The values of the step's marks, as they stood at the step (the period of an
            # acceptance, not of a later extension); then the denouncer's identity.
            filled = {
                name: issue_fill(getattr(document, name), case=case, action=document.action)
                for name in BLANK_PARTS
            }
            blanks = blank_refusal(
                filled, case=case, audience=document.audience,
                basis=document.template.legal_basis,
            )  # fmt: skip
            for name, text in filled.items():
                setattr(document, name, identity_fill(text, case=case, audience=document.audience))
            _refuse_identity(document, actor=actor)
            if blanks:  # after the identity check: its refusal is the graver
                if refreshable(document):  # the case holds what the draft lacks
                    blanks = _("%(blanks)s Hồ sơ đã ghi nhận thông tin của bước (như kết quả "
                               "đối thoại) sau khi soạn dự thảo: bấm “Cập nhật từ hồ sơ” trên "
                               "trang dự thảo để điền vào, không cần hủy dự thảo.") % {
                                   "blanks": blanks}
                raise BlanksError(blanks)
            if not signed_confirmed:
                raise UnsignedError(signed_refusal(document, document.signer_name))
            now = timezone.now()
            document.year = timezone.localtime(now).year
            document.number = number_next(
                issuer=document.issuer, year=document.year, document_type=document.document_type
            )
            document.symbol = rendering.symbol_for(
                number=document.number,
                document_type=document.document_type,
                issuer_code=document.issuer.code,
            )
            document.issued_at = now
            document.issued_by = actor
            document.status = DocumentStatus.ISSUED
            parts = rendering.parts_for(document)
            pdf = rendering.pdf_bytes(rendering.document_html(parts))
            name = document_file_name(document, subject=True)
            stored = attachments_store(case=case, cleaned=attachments_clean(files=[
                ContentFile(pdf, name=f"{name}.pdf")
            ]))
            document.pdf = stored[0]
            document.docx.save(
                f"{uuid.uuid4().hex}.docx", ContentFile(rendering.docx_bytes(parts)), save=False
            )
            _save(document, actor=actor, reason=f"origin={origin} action=document_issue")
            earlier = _replaced(document, replaces)
            line = _issued_line(document, earlier)
            _event(
                case=case,
                action="document_issued",
                actor=actor,
                public=bool(line),
                message=line,
                data={
                    "origin": origin, "document_id": document.pk, "symbol": document.symbol,
                    # The public line's values, for it to be written again in the reader's
                    # language (complaints/selectors/event_text.py); only what it shows.
                    **({"document_type": document.document_type, "summary": document.trich_yeu,
                        # its purpose, named to a reader of another language (document_purposes)
                        "step": document.action}
                       if document.owed_to_citizen else {}),
                    **_replacement_data(earlier, replacement_reason),
                },
            )
            if document.owed_to_citizen:
                from complaints.documents.tasks import document_send_to_citizen

                enqueue_on_commit(document_send_to_citizen, document.pk)
    except Exception:
        for row in stored:
            row.file.storage.delete(row.file.name)
        raise
    return document


# ---- signed copy -------------------------------------------------------------------------


def document_attach_signed(
    *, document_id: int, actor, origin: str, upload=None, e_signed: bool = False
) -> Document:
    """Keep the signed scan of an issued document (PDF or image, checked and cleaned like
    any attachment), or record that it was signed electronically."""
    _require(actor, ACT)
    if upload is None and not e_signed:
        raise DocumentError(_("Hãy chọn bản đã ký hoặc xác nhận văn bản đã được ký số."))
    cleaned = attachments_clean(files=[upload]) if upload is not None else []
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            document = _locked(document_id, actor)
            if document.status != DocumentStatus.ISSUED:
                raise DocumentError(_("Chỉ văn bản đã ban hành mới có bản đã ký."))
            refusal = outside_unit_refusal(
                case=document.case, user=actor, action=document.action
            )  # the unit's own paper: not a unit above's, as its steps (resolver.py)
            if refusal:
                raise DocumentError(refusal)
            if cleaned:
                stored = attachments_store(case=document.case, cleaned=cleaned)
                document.signed_copy = stored[0]
            document.e_signed = document.e_signed or e_signed
            document.signed_recorded_at = timezone.now()
            document.signed_recorded_by = actor
            _save(document, actor=actor, reason=f"origin={origin} action=document_attach_signed")
            _event(
                case=document.case,
                action="document_signed_copy",
                actor=actor,
                public=False,
                message="",
                data={"origin": origin, "document_id": document.pk, "e_signed": e_signed},
            )
    except Exception:
        for row in stored:
            row.file.storage.delete(row.file.name)
        raise
    return document


def document_mark_sent(*, document_id: int) -> None:
    """Record that the citizen's copy went out (called by the background task)."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.sent_to_citizen_at is None:
            document.sent_to_citizen_at = timezone.now()
            _save(document, actor=None, reason="origin=task action=document_send_to_citizen")



def templates_sync_after_migrate(sender, app_config=None, **kwargs) -> None:
    """`post_migrate` receiver: the administrator finds every template in the admin."""
    if app_config is not None and app_config.label == "complaints":
        templates_sync()
