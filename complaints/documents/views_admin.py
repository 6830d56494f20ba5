"""The documents of a case in the staff workspace (under /admin/ho-so/<code>/van-ban/).

Views read through the selectors and write through `complaints.documents.services` (and
`case_transition` when a leader approves the step with its document). Cases are looked up
in the user's scope (404 outside). An issued document addressed to a denouncer holds
their identity: it is served only to whom `reporter_for` shows the identity (and logged).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from complaints.admin.views import WorkspaceMixin, case_in_scope
from complaints.approvals.services import LEADER_CONFIRMATIONS
from complaints.documents import rendering
from complaints.documents.context import BLANK_PARTS, blank_lines, is_confidential
from complaints.documents.dialogue_notice import replacement_offer
from complaints.documents.forms import DraftForm, EditForm, SignedCopyForm, step_fields
from complaints.documents.models import EDITABLE_FIELDS, Document, DocumentStatus
from complaints.documents.selectors import documents_for_staff
from complaints.documents.services import (
    ACT,
    BlanksError,
    DocumentError,
    UnsignedError,
    document_attach_signed,
    document_cancel,
    document_draft,
    document_file_name,
    document_issue,
    document_refresh,
    document_update,
    issue_signer,
    read_apart,
    read_apart_refusal,
    refreshable,
    signed_confirmation_label,
    templates_for,
)
from complaints.documents.steps import (
    SCHEDULE_DIALOGUE,
    VERIFIERS_DOCUMENTS,
    earlier_issued,
    issue_refusal,
    may_issue,
    step_label,
)
from complaints.rules.documents import REPORTER_ONLY
from complaints.services.attachments import AttachmentsInvalid
from complaints.services.confidential_text import text_reader
from complaints.services.dialogue_expected import pending_token

ORIGIN = "admin"


def _document_url(document, *, issued: str = "") -> str:
    """The document's page; `issued` ("1", or "buoc" when issued with its step) asks it to
    confirm the issue from the document itself (`_issued_banner`)."""
    url = reverse("complaints_admin:document", args=[document.case.tracking_code, document.pk])
    return f"{url}?issued={issued}" if issued else url


def _replacements(document) -> dict:
    """What the issue events record of replacement (`replacement_refusal`): the earlier
    document this one replaces, and the later one that replaced it, each {"symbol", "url",
    "reason"}; None when there is none."""
    from complaints.models import CaseEvent

    def link(pk, symbol, reason):
        url = reverse("complaints_admin:document", args=[document.case.tracking_code, pk])
        return {"symbol": symbol, "url": url, "reason": reason}

    events = CaseEvent.objects.filter(case_id=document.case_id, action="document_issued")
    mine = events.filter(data__document_id=document.pk).first()
    data = mine.data if mine is not None else {}
    replaces = (
        link(data["replaces_document_id"], data.get("replaces", ""),
             data.get("replacement_reason", ""))
        if data.get("replaces_document_id") else None
    )  # fmt: skip
    later = events.filter(data__replaces_document_id=document.pk).order_by("-at").first()
    replaced_by = (
        link(later.data.get("document_id"), later.data.get("symbol", ""),
             later.data.get("replacement_reason", ""))
        if later is not None else None
    )  # fmt: skip
    return {"replaces": replaces, "replaced_by": replaced_by}


def _issued_banner(document, request) -> str:
    """The confirmation of an issue, written from the document shown (its own number and
    step), never from the session's messages, which another tab may have left: the page
    the issue redirects to (`?issued=1`, `?issued=buoc` with its step). Empty for a
    document not issued."""
    issued = request.GET.get("issued", "")
    if not issued or not document.is_issued:
        return ""
    values = {"symbol": document.symbol, "step": step_label(document.case, document.action)}
    if issued != "buoc":
        return _("Đã ban hành văn bản số %(symbol)s.") % values
    if document.action in VERIFIERS_DOCUMENTS:
        return _("Đã thực hiện bước “%(step)s” và ban hành văn bản số %(symbol)s.") % values
    return _("Đã phê duyệt bước “%(step)s” và ban hành văn bản số %(symbol)s.") % values


def _step_transition(document, user):
    """The workflow edge of the document's step, if the user may take it now."""
    from complaints.transitions import allowed_actions

    for transition in allowed_actions(case=document.case, user=user):
        if transition.action == document.action:
            return transition
    return None


def _holds_identity(document) -> bool:
    """An issued document addressed to a denouncer: its text holds their identity."""
    return (
        document.is_issued
        and is_confidential(document.case)
        and document.audience == REPORTER_ONLY
    )


def _preview_for(document, request, *, read) -> dict:
    """The preview as this user may see it. A document that holds a denouncer's identity
    (Điều 47 Luật Tố cáo) is read as the case page's reporter panel reads the identity
    (`reporter_panel`, through `reporter_for`): shown only to whom the identity is shown,
    on request (`?danh_tinh=1`) and logged; to anyone else no preview, as the files are
    refused to them."""
    if not _holds_identity(document):
        # Its texts as this user may read them (`rendering.parts_for`, `read`, the user's
        # `text_reader`).
        return {
            "preview": rendering.document_html(
                rendering.parts_for(document, read=read), standalone=False),
            "identity": None,
        }
    from complaints.admin.views import reporter_panel

    panel = reporter_panel(document.case, request)
    shown = panel["view"] is not None and panel["view"].visible
    return {
        "preview": rendering.document_html(rendering.parts_for(document), standalone=False)
        if shown
        else "",
        "identity": {"allowed": panel["allowed"], "shown": shown},
    }


def _draft_blanks(document, form) -> list:
    """The draft's lines that still hold a blank, by the rule its issue refuses by
    (`blank_lines`), computed each time the draft page is shown: of the text the officer
    sent when a save was refused (what the form shows), else of the draft as saved. The
    form's fields holding one are marked (`EditForm.note_blanks`). None for an issued or
    cancelled document."""
    if document.status != DocumentStatus.DRAFT:
        return []
    texts = {
        name: form.data.get(name, "") if form.is_bound else getattr(document, name)
        for name in BLANK_PARTS
    }
    lines = blank_lines(texts, case=document.case, audience=document.audience)
    form.note_blanks(lines)
    return lines


class _CaseMixin(WorkspaceMixin):
    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {
                "url": reverse("complaints_admin:detail", args=[self.case.tracking_code]),
                "label": self.case.tracking_code,
            },
            {"url": "", "label": gettext_lazy("Văn bản")},
        ]


class CaseDocumentsView(_CaseMixin, TemplateView):
    """The case's documents and the form that drafts one from the case."""

    template_name = "complaints/documents/admin/case_documents.html"
    page_title = gettext_lazy("Văn bản của hồ sơ")

    def dispatch(self, request, tracking_code, *args, **kwargs):
        self.case = case_in_scope(request.user, tracking_code)
        return super().dispatch(request, tracking_code, *args, **kwargs)

    def get_context_data(self, *, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        templates = templates_for(case=self.case)
        context.update(
            case=self.case,
            form=form or DraftForm(
                templates=templates, case=self.case, user=self.request.user,
                # A link that names the template to draft (the dialogue notice owed after a
                # move, complaints/documents/dialogue_notice.py).
                initial={"template": self.request.GET.get("mau", "")},
            ),
            templates=templates,
            **documents_for_staff(case=self.case, user=self.request.user),
        )
        return context

    def post(self, request, tracking_code):
        # Only who may draft has the step's values checked: the checks' answers (a
        # denouncer's identity in a text) are no one else's to probe.
        if not request.user.has_perm(ACT):
            raise PermissionDenied
        form = DraftForm(
            request.POST, templates=templates_for(case=self.case), case=self.case,
            user=request.user,
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            document = document_draft(
                case_id=self.case.pk,
                template_code=form.cleaned_data["template"],
                actor=request.user,
                origin=ORIGIN,
                step=form.step(),
            )
        except DocumentError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, _("Đã soạn dự thảo văn bản từ hồ sơ."))
        if not document.signer_name:
            messages.warning(
                request,
                _(
                    "Cổng không xác định được người đứng đầu của %(unit)s: hãy điền họ tên "
                    "người ký trước khi ban hành."
                )
                % {"unit": document.issuer.name},
            )
        return HttpResponseRedirect(_document_url(document))


class DocumentView(_CaseMixin, TemplateView):
    """One document: edit the draft with its preview, issue it (alone or with its step),
    cancel it; for an issued one, its files and the signed copy."""

    template_name = "complaints/documents/admin/document.html"

    def dispatch(self, request, tracking_code, pk, *args, **kwargs):
        self.case = case_in_scope(request.user, tracking_code)
        self.document = get_object_or_404(
            Document.objects.select_related("template", "issuer", "case"), case=self.case, pk=pk
        )
        return super().dispatch(request, tracking_code, pk, *args, **kwargs)

    def get_page_title(self):
        return self.document.symbol or _("Dự thảo: %(title)s") % {
            "title": self.document.template.title
        }

    def get_context_data(
        self, *, form=None, signed_form=None, error=None, signed_error=None, **kwargs
    ):
        context = super().get_context_data(**kwargs)
        document, user = self.document, self.request.user
        initial = {name: getattr(document, name) for name in EDITABLE_FIELDS}
        form = form or EditForm(initial=initial)
        blanks = _draft_blanks(document, form)
        draft = document.status == DocumentStatus.DRAFT
        read = text_reader(self.case, user=user)
        apart = read_apart(document, user=user, read=read)
        earlier = earlier_issued(document).first() if draft else None
        offer = replacement_offer(document, earlier)
        step_transition = _step_transition(document, user) if not document.is_issued else None
        context.update(
            case=self.case,
            document=document,
            form=form,
            # The lines still holding a blank, summed up at the top of the page and marked
            # on their fields: a draft may be saved with them, not issued.
            blanks=blanks,
            blank_count=sum(line.count for line in blanks),
            signed_form=signed_form or SignedCopyForm(),
            **_preview_for(document, self.request, read=read),
            step_transition=step_transition,
            # The meeting pending as the page is shown: issued with `schedule_dialogue`, the
            # notice's step does not move a meeting moved since (services/dialogue_expected).
            expected_meeting=(pending_token(self.case) if step_transition is not None
                              and step_transition.action == SCHEDULE_DIALOGUE else ""),
            # What the leader confirms to take the step though the dialogue's papers or the
            # notices were given outside the portal: the step's own form's confirmations.
            step_confirmations=_confirmations_of(self.case, step_transition, user),
            # Why the document may not be issued on its own now (before its step): a
            # refusal only when the page offers no other way to issue it; with its step
            # offered, the page says it is issued with the step (leaderwalk finding 5).
            issue_alone_refusal=issue_refusal(document) if not document.is_issued else None,
            # The tick the issuer gives, naming who signs (`document_issue`).
            signed_label=(signed_confirmation_label(issue_signer(document, user))
                          if draft else ""),
            signed_error=signed_error,
            # The case recorded the step's fields after the draft was made: “Cập nhật từ hồ sơ”.
            refreshable=bool(refreshable(document)),
            # A draft holding what this user may not read is not theirs to edit
            # (`read_apart`): its form would send "[đã ẩn]" back over the stored text.
            can_edit=user.has_perm("complaints.act_on_case") and not apart,
            read_apart=apart and draft,
            texts_apart=apart,
            read_apart_refusal=read_apart_refusal() if apart and draft else "",
            # A leader; the verifier for their own report (`may_issue`).
            can_issue=may_issue(document, user),
            verifiers_document=document.action in VERIFIERS_DOCUMENTS,
            # The document of the same form already issued for this step: a second one is
            # issued only as its stated replacement (`replacement_refusal`).
            earlier=earlier,
            earlier_step=step_label(document.case, document.action),
            # A dialogue notice after a move: the replacement offered ticked, its reason
            # the move (complaints/documents/dialogue_notice.py).
            replacement_checked=self.request.POST.get("replaces", offer.get("checked", "")),
            replacement_reason=self.request.POST.get("replacement_reason", offer.get("reason", "")),
            issued_banner=_issued_banner(document, self.request),
            **(_replacements(document) if document.is_issued else {}),
            error=error,
        )
        return context

    def post(self, request, tracking_code, pk):
        operation = request.POST.get("operation", "save")
        handler = {
            "save": self._save,
            "issue": self._issue,
            "issue_step": self._issue_step,
            "cancel": self._cancel,
            "refresh": self._refresh,
            "signed": self._signed,
        }.get(operation)
        if handler is None:
            raise Http404
        # The edits sent and not saved (a refused save): shown again as typed, never lost.
        self.edited = None
        # The edits sent with "Ban hành" were saved before the issue was refused: said.
        self.saved_edits = False
        try:
            return handler(request)
        except UnsignedError as error:
            # Not ticked, and nothing else stands in the way (`document_issue` checks the
            # blanks and everything else first): the tick is marked, the page shown again.
            return self.render_to_response(
                self.get_context_data(
                    form=self.edited, error=self._refused(error.message),
                    signed_error=error.message,
                ),
                status=400,
            )
        except BlanksError:
            # The lines are listed once, in the page's own summary of its blanks.
            return self.render_to_response(
                self.get_context_data(
                    form=self.edited,
                    error=self._refused(
                        _("Chưa ban hành được: văn bản còn chỗ trống chưa điền, liệt kê "
                          "dưới đây. Hãy điền vào rồi bấm ban hành lại.")
                    ),
                ),
                status=409,
            )
        except DocumentError as error:
            return self.render_to_response(
                self.get_context_data(form=self.edited, error=self._refused(error.message)),
                status=409,
            )

    def _refused(self, message) -> str:
        """The refusal, after "Đã lưu dự thảo." when the edits sent with it were saved."""
        return f"{_('Đã lưu dự thảo.')} {message}" if self.saved_edits else str(message)

    def page_version(self) -> str:
        """The draft's version the page's form carries: the stored one, except when the page
        shows edits sent and not saved (a save refused, e.g. as the draft was edited by
        someone else meanwhile): then the version those edits were made on, so that sending
        them again is refused again rather than overwriting the other person's edit."""
        if getattr(self, "edited", None) is not None and self.request.POST.get("version"):
            return self.request.POST["version"]
        return self.document.version

    def _save_edits(self, request, *, expected_version: str | None = None):
        """The draft's fields sent with the button: saved (`document_update`), else the page
        again with them as typed (400). Sent with "Ban hành", the version the page showed
        is checked first, as the issue checks it: a draft edited since is not overwritten."""
        form = EditForm(request.POST)
        self.edited = form
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.document = document_update(
            document_id=self.document.pk, actor=request.user, origin=ORIGIN,
            expected_version=expected_version, **form.cleaned_data,
        )
        self.edited = None
        self.saved_edits = True
        return None

    def _issue_version(self, request) -> tuple[str, HttpResponse | None]:
        """The version to issue: the page's; when the page sent the draft's fields with its
        "Ban hành" (one form, leaderwalk), they are saved first, in their own transaction,
        so nothing typed is lost whatever the issue then says, and the saved version is
        issued. A page without the fields (the issuer may not edit) issues as before."""
        version = request.POST.get("version", "")
        if not any(name in request.POST for name in EditForm.base_fields):
            return version, None
        refused = self._save_edits(request, expected_version=version)
        return (version, refused) if refused else (self.document.version, None)

    def _save(self, request):
        # The version the page showed, when it sent one: a draft edited by someone else
        # since is not overwritten (the page again, the text as typed).
        refused = self._save_edits(request, expected_version=request.POST.get("version") or None)
        if refused:
            return refused
        messages.success(request, _("Đã lưu dự thảo."))
        return HttpResponseRedirect(_document_url(self.document))

    @staticmethod
    def _ticked(request) -> bool:
        """The issuer ticked that the document was signed: issuing numbers, publishes and
        mails it at once. Checked by `document_issue` after every other check (the blanks
        first), which refuses without it (`UnsignedError`, the page again, 400)."""
        return bool(request.POST.get("signed_confirmed"))

    def _issue(self, request):
        if not may_issue(self.document, request.user):
            raise PermissionDenied
        version, refused = self._issue_version(request)
        if refused:
            return refused
        replaces = request.POST.get("replaces", "")
        document = document_issue(
            document_id=self.document.pk,
            actor=request.user,
            origin=ORIGIN,
            # The version the page showed (none: an old page, refused as stale too), or
            # the one its edits were just saved as.
            expected_version=version,
            # Ticked "Thay thế văn bản số … đã ban hành": the earlier document's id.
            replaces=int(replaces) if replaces.isdigit() else None,
            replacement_reason=request.POST.get("replacement_reason", ""),
            signed_confirmed=self._ticked(request),
        )
        # Confirmed on the page from the document itself: a session message may be shown
        # in another tab, naming another tab's document.
        return HttpResponseRedirect(_document_url(document, issued="1"))

    def _issue_step(self, request):
        from complaints.services.workflow import (
            TransitionInvalid,
            TransitionNotAllowed,
            case_transition,
        )

        transition = _step_transition(self.document, request.user)
        if transition is None:
            raise DocumentError(_("Bước của văn bản này không thực hiện được lúc này."))
        version, refused = self._issue_version(request)
        if refused:
            return refused
        data = {k: v for k, v in self.document.step_data.items() if k in transition.fields}
        # The leader's confirmations ticked on the page (`_confirmations_of`), never the
        # draft's: the step checks them as the Kết luận form's.
        data.update({
            name: True for name in LEADER_CONFIRMATIONS
            if name in transition.fields and request.POST.get(name)
        })
        if transition.action == SCHEDULE_DIALOGUE:
            # The meeting the page showed pending ("none": none), checked by the step under
            # the case's lock; an older page without it is refused, as a missing `version` is.
            data["expected_meeting"] = request.POST.get("expected_meeting", "")
            if not data["expected_meeting"]:
                raise DocumentError(_("Trang này đã cũ: hãy tải lại trang rồi thực hiện lại."))
        try:
            case_transition(
                case_id=self.case.pk,
                action=transition.action,
                actor=request.user,
                data=data,
                origin=ORIGIN,
                document_id=self.document.pk,
                document_version=version,
                # Checked last, after the step's checks and the document's (its blanks).
                signed_confirmed=self._ticked(request),
            )
        except TransitionNotAllowed as error:
            if isinstance(error.__cause__, UnsignedError | BlanksError):
                raise error.__cause__ from None
            raise DocumentError(error.message) from error
        except TransitionInvalid as error:
            # Named as the draft page names the step's fields, never by their codes.
            labels = {
                name: field.label
                for name, field in step_fields(
                    case=self.case, action=transition.action, user=request.user
                ).items()
            }
            problems = "; ".join(
                f"{labels.get(k, k)}: {' '.join(map(str, v))}" for k, v in error.errors.items()
            )
            raise DocumentError(
                _("Bước cần thêm thông tin: %(problems)s") % {"problems": problems}
            ) from error
        self.document.refresh_from_db()
        return HttpResponseRedirect(_document_url(self.document, issued="buoc"))

    def _refresh(self, request):
        _document, kept = document_refresh(
            document_id=self.document.pk, actor=request.user, origin=ORIGIN
        )
        if kept:
            messages.warning(request, _(
                "Đã cập nhật dự thảo từ hồ sơ. Một số dòng bạn đã sửa được giữ nguyên: hãy "
                "đối chiếu với kết quả đã ghi nhận trên hồ sơ."))
        else:
            messages.success(request, _("Đã cập nhật dự thảo từ hồ sơ."))
        return HttpResponseRedirect(_document_url(self.document))

    def _cancel(self, request):
        document_cancel(document_id=self.document.pk, actor=request.user, origin=ORIGIN)
        messages.success(request, _("Đã hủy dự thảo."))
        return HttpResponseRedirect(
            reverse("complaints_admin:documents", args=[self.case.tracking_code])
        )

    def _signed(self, request):
        form = SignedCopyForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(signed_form=form), status=400)
        try:
            document_attach_signed(
                document_id=self.document.pk,
                actor=request.user,
                origin=ORIGIN,
                upload=form.cleaned_data.get("scan"),
                e_signed=form.cleaned_data.get("e_signed", False),
            )
        except AttachmentsInvalid as error:
            raise DocumentError(" ".join(error.messages)) from error
        messages.success(request, _("Đã lưu bản đã ký."))
        return HttpResponseRedirect(_document_url(self.document))


class DocumentFileView(WorkspaceMixin, View):
    """The PDF (issued, or a draft rendered now), the DOCX for editing, the signed copy."""

    def get(self, request, tracking_code, pk, fmt):
        case = case_in_scope(request.user, tracking_code)
        document = get_object_or_404(
            Document.objects.select_related("pdf", "signed_copy", "issuer", "case"),
            case=case,
            pk=pk,
        )
        if _holds_identity(document):
            from complaints.selectors.identity import DOWNLOAD, reporter_for

            if not reporter_for(case=case, user=request.user, purpose=DOWNLOAD).visible:
                raise Http404
        name = document_file_name(document)
        # A tố cáo's document holding what this user may not read (`read_apart`): its files
        # as issued or drafted carry it, so they get a copy rendered now from its texts as
        # they read them, and never the signed copy, a scan of the same text (khoản 3 Điều
        # 8, Điều 47 Luật Tố cáo).
        read = text_reader(case, user=request.user)
        apart = read_apart(document, user=request.user, read=read)
        read = read if apart else None
        if fmt == "pdf":
            if document.pdf_id and not apart:
                return self._stream(document.pdf.file, f"{name}.pdf", "application/pdf")
            parts = rendering.parts_for(document, read=read)
            return self._bytes(rendering.pdf_bytes(rendering.document_html(parts)),
                               f"{name}.pdf", "application/pdf")
        if fmt == "docx":
            docx_type = (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            if document.docx and not apart:
                return self._stream(document.docx, f"{name}.docx", docx_type)
            return self._bytes(rendering.docx_bytes(rendering.parts_for(document, read=read)),
                               f"{name}.docx", docx_type)
        if fmt == "ban-ky" and document.signed_copy_id and not apart:
            copy = document.signed_copy
            return self._stream(copy.file, copy.original_name, copy.content_type)
        raise Http404

    @staticmethod
    def _headers(response):
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def _stream(self, field_file, filename, content_type):
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return self._headers(FileResponse(handle, as_attachment=True, filename=filename,
                                          content_type=content_type))

    def _bytes(self, data, filename, content_type):
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return self._headers(response)


__all__ = ["CaseDocumentsView", "DocumentFileView", "DocumentView"]


def _confirmations_of(case, transition, user) -> list:
    """(name, field) of the confirmations the step asks now (`step_confirmations`, the
    approval's own), for the issue-with-step form; none without a step."""
    if transition is None:
        return []
    from complaints.approvals.views import step_confirmations

    return list(step_confirmations(case=case, transition=transition, user=user).items())
