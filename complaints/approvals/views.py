"""The admin screens of drafts: the queue "chờ phê duyệt", proposing, a draft's page
(approve, return, withdraw), editing. Reads through `approvals.selectors`, writes
through `approvals.services` only; a draft outside the user's scope answers 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from complaints.admin.forms import TransitionForm
from complaints.admin.rows import due_info
from complaints.admin.views import WorkspaceMixin, case_in_scope, scoped_cases
from complaints.approvals import selectors, services
from complaints.approvals.deciders import decide_refusal
from complaints.approvals.models import OPEN_DRAFT_STATUSES, Draft, DraftStatus
from complaints.approvals.rules import approval_reason, is_proposable
from complaints.documents.services import UnsignedError
from complaints.kinds import CaseKind
from complaints.models import Case
from complaints.rules.press_office import press_office_refusal
from complaints.rules.resolver import outside_unit_refusal
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, UnknownAction
from complaints.transitions import (
    TRANSITIONS,
    transition_for,
    transition_label,
    transition_of_kind,
)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.COMMENT_MAX,
        required=False,
    )


class ApproveForm(CommentForm):
    """The approval, tied to the draft's content the leader was shown (`Draft.version`):
    an edit made after the page opened is refused as a stale form (409).

    For a proposed conclusion of a complaint or denunciation (`documents`: the drafted
    decisions of the step, `decision_documents`), the decision the leader issues with it:
    each choice carries the document's version the page showed.

    `confirmations`: the leader's confirmations the step asks for now (the dialogue's
    documents, the notices owed to the parties not in the portal), as the step's form has
    them, its warning as their help (`leader_confirmations`)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, documents=(), confirmations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(confirmations or {})
        if documents:
            self.fields["document"] = forms.ChoiceField(
                label=gettext_lazy("Ban hành cùng lúc phê duyệt"),
                choices=[("", gettext_lazy("(không: văn bản đã ký trên giấy)")), *documents],
                required=False,
                help_text=gettext_lazy(
                    "Dự thảo quyết định, kết luận của hồ sơ được ban hành (cấp số) cùng bước "
                    "kết luận. Để trống khi dự thảo đã ghi số, ký hiệu của văn bản giấy."
                ),
            )
            # Issuing numbers, publishes and mails it at once (`document_issue`): the leader
            # ticks that the chosen decision was signed (leaderwalk finding 3).
            self.fields["signed_confirmed"] = forms.BooleanField(
                label=gettext_lazy("Tôi xác nhận văn bản này đã được người có thẩm quyền ký"),
                required=False,
                help_text=gettext_lazy(
                    "Khi ban hành, văn bản được cấp số, công khai trên trang tra cứu và gửi "
                    "ngay cho người dân. Chỉ ban hành văn bản đã được ký."
                ),
            )

    def unsigned(self) -> None:
        """The tick was the one thing left: `document_issue` refused the chosen decision
        unticked after every other check (its blanks first, `UnsignedError`)."""
        self.add_error("signed_confirmed", _(
            "Hãy đánh dấu xác nhận văn bản đã được người có thẩm quyền ký trước khi ban "
            "hành cùng lúc phê duyệt."
        ))

    def signed(self) -> bool:
        """The leader ticked that the document issued with the approval was signed."""
        return bool(self.cleaned_data.get("signed_confirmed"))

    def confirmations(self) -> list[str]:
        """The names of the confirmations the leader ticked (valid form only)."""
        return [n for n in services.LEADER_CONFIRMATIONS if self.cleaned_data.get(n)]

    def confirmation_fields(self) -> list:
        return [self[n] for n in services.LEADER_CONFIRMATIONS if n in self.fields]

    def document(self) -> tuple[int | None, str | None]:
        """The chosen document's id and the version the page showed (valid form only)."""
        value = self.cleaned_data.get("document") or ""
        pk, _sep, version = value.partition(":")
        return (int(pk), version) if pk.isdigit() else (None, None)


def decision_documents(draft: Draft) -> list[tuple[str, str]]:
    """The drafted decisions a leader may issue with a proposed conclusion of a complaint
    or denunciation (the step's documents of the decision's type: complaints/rules/
    decision.py), as the approve form's choices; none for another draft."""
    from complaints.documents.models import Document, DocumentStatus
    from complaints.rules.decision import decision_rule

    rule = decision_rule(draft.case)
    if draft.action != "conclude" or rule is None or draft.status != DraftStatus.PENDING:
        return []
    documents = Document.objects.filter(
        case=draft.case, action="conclude", document_type=rule.document_type,
        status=DocumentStatus.DRAFT,
    ).select_related("template").order_by("-pk")  # fmt: skip
    return [
        (f"{d.pk}:{d.version}", f"{d.template.title} — {d.trich_yeu}") for d in documents
    ]


def leader_confirmations(draft: Draft, user) -> dict:
    """The confirmations the approval of a pending draft asks of the leader: the fields of
    the step's own form (complaints/admin/forms.py), kept there only where something is
    missing, with the warning as help; none for another draft."""
    transition = transition_for(case=draft.case, action=draft.action)
    if draft.status != DraftStatus.PENDING or transition is None:
        return {}
    return step_confirmations(case=draft.case, transition=transition, user=user)


def step_confirmations(*, case, transition, user) -> dict:
    """The leader's confirmations the step `transition` asks on `case` now (the step's own
    form's fields, kept only where something is missing, with the warning as help): the
    approval of a draft and the issue of a document with its step ask the same."""
    if not any(n in transition.fields for n in services.LEADER_CONFIRMATIONS):
        return {}
    fields = TransitionForm(transition=transition, case=case, user=user).fields
    return {n: fields[n] for n in services.LEADER_CONFIRMATIONS if n in fields}


def without_confirmations(form: TransitionForm) -> TransitionForm:
    """A proposer's form of the step: the leader's confirmations are asked at approval."""
    for name in services.LEADER_CONFIRMATIONS:
        form.fields.pop(name, None)
    return form


class ReturnForm(CommentForm):
    comment = forms.CharField(
        label=gettext_lazy("Ý kiến khi trả lại (bắt buộc)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.COMMENT_MAX,
    )


def proposable_transitions(*, case, user) -> list:
    """The leader's steps `user` may propose on `case` now (state, kind and guards); on a
    press case never the press office's own steps to anyone else (rules/press_office.py),
    on a first complaint never to a unit above (`outside_unit_refusal`)."""
    if not user.has_perm(services.PROPOSE_PERMISSION):
        return []
    return [
        t
        for t in TRANSITIONS
        if is_proposable(t.action, case.kind) and t.applies_to(case) and t.refusal(case) is None
        and press_office_refusal(case=case, user=user, action=t.action) is None
        and outside_unit_refusal(case=case, user=user, action=t.action) is None
    ]


def _label(draft) -> str:
    """The draft's step as the row of its case's kind names it (`transition_label`)."""
    return transition_label(draft.action, kind=draft.case.kind)


def draft_rows(draft: Draft) -> list[tuple[str, str]]:
    """(label, value) of the draft's fields, with the form's Vietnamese labels."""
    # The transition of the draft's case kind ("conclude" of a press report asks for the
    # press finding, another kind's does not), in the words of its kind (a press case's
    # public answer is the response page's text, not an answer to a citizen).
    transition = transition_of_kind(case=draft.case, action=draft.action)
    if transition is None:
        return []
    form = TransitionForm(transition=transition)
    if draft.case.kind == CaseKind.BAO_CHI and "public_answer" in form.fields:
        form._narrow_press_answer()
    rows = []
    for name, value in draft.data.items():
        field = form.fields.get(name) or _case_field(name)
        label = str(field.label) if field is not None else name
        if name == "finding":  # in the words of the case's law (complaints/rules/decision.py)
            value = draft.case.finding_label_of(value)
        elif field is not None and hasattr(field, "choices") and not isinstance(value, list):
            value = dict(field.choices).get(value, value)
        rows.append((label, value))
    return rows


def _case_field(name: str) -> forms.Field | None:
    """The case's own field of that name, as a form field (its Vietnamese label and
    choices), for a draft's value no transition form shows."""
    try:
        model_field = Case._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    field = model_field.formfield() if hasattr(model_field, "formfield") else None
    if field is not None:
        field.label = capfirst(model_field.verbose_name)
    return field


def _refused(request, error) -> str | None:
    if isinstance(error, (Case.DoesNotExist, Draft.DoesNotExist, UnknownAction)):
        raise Http404 from error
    if isinstance(error, PermissionDenied):
        return str(error.args[0]) if error.args else _("Bạn không có quyền.")
    if isinstance(error, TransitionNotAllowed):
        return error.message
    return None


class QueueView(WorkspaceMixin, TemplateView):
    """Chờ phê duyệt: the drafts this leader may decide, nearest deadline first, and
    the user's own open drafts."""

    template_name = "complaints/approvals/queue.html"
    page_title = gettext_lazy("Chờ phê duyệt")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        queue = []
        for draft in selectors.approval_queue(user=self.request.user):
            due = selectors.draft_due(draft)
            queue.append({"draft": draft, "label": _label(draft)} | due_info(due, today))
        context.update(
            queue=queue,
            can_approve=self.request.user.has_perm(services.APPROVE_PERMISSION),
            own=[
                {
                    "draft": d,
                    "label": _label(d),
                    "last": (list(d.comments.all()) or [None])[-1],
                }
                for d in selectors.own_drafts(user=self.request.user)
            ],
        )
        return context


class ProposeView(WorkspaceMixin, TemplateView):
    """Propose one step for approval: GET its form, POST stores the draft."""

    template_name = "complaints/approvals/propose.html"

    def get_page_title(self):
        return _("Trình phê duyệt: %(label)s") % {"label": self.transition.label}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {
                "url": reverse("complaints_admin:detail", args=[self.case.tracking_code]),
                "label": self.case.tracking_code,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def load(self, tracking_code: str, action: str) -> None:
        self.case = case_in_scope(self.request.user, tracking_code, scoped_cases(self.request.user))
        if not is_proposable(action, self.case.kind):
            raise Http404
        self.transition = transition_of_kind(case=self.case, action=action)
        if self.transition is None:
            raise Http404

    def render_form(self, form, note_form, *, status=200, refusal=None):
        from complaints.admin.views import readable

        context = self.get_context_data(
            case=self.case,
            # a tố cáo's title as this user may read it (confidential_text.text_reader)
            case_title=readable(self.case, self.request.user)[0],
            form=form,
            note_form=note_form,
            transition=self.transition,
            why=approval_reason(self.transition.action, self.case.kind),
            refusal=refusal,
        )
        return self.render_to_response(context, status=status)

    def get(self, request, tracking_code, action):
        self.load(tracking_code, action)
        # A step not open on this case now is said on opening, not after the form is
        # filled in: back to the case page with the reason.
        refusal = services.propose_refusal(case=self.case, action=action, actor=request.user)
        if refusal:
            messages.error(request, refusal)
            return HttpResponseRedirect(
                reverse("complaints_admin:detail", args=[self.case.tracking_code])
            )
        form = TransitionForm(transition=self.transition, case=self.case, user=request.user)
        return self.render_form(without_confirmations(form), CommentForm())

    def post(self, request, tracking_code, action):
        self.load(tracking_code, action)
        form = without_confirmations(TransitionForm(
            request.POST, transition=self.transition, case=self.case, user=request.user
        ))
        note_form = CommentForm(request.POST)
        if not (form.is_valid() and note_form.is_valid()):
            return self.render_form(form, note_form, status=400)
        data = form.service_data()
        data.pop("expected_status", None)
        try:
            draft = services.draft_propose(
                case_id=self.case.pk,
                action=action,
                data=data,
                actor=request.user,
                origin="admin",
                note=note_form.cleaned_data["comment"],
            )
        except TransitionInvalid as error:
            form.add_service_errors(error.errors)
            return self.render_form(form, note_form, status=400)
        except Exception as error:
            refusal = _refused(request, error)
            if refusal is None:
                raise
            return self.render_form(form, note_form, status=409, refusal=refusal)
        messages.success(
            request,
            _("Đã trình dự thảo “%(label)s” của hồ sơ %(code)s để lãnh đạo phê duyệt.")
            % {"label": self.transition.label, "code": self.case.tracking_code},
        )
        return HttpResponseRedirect(reverse("approvals_admin:detail", args=[draft.pk]))


class DraftView(WorkspaceMixin, TemplateView):
    """A draft: its fields, comments and history; approve, return, withdraw."""

    template_name = "complaints/approvals/draft.html"

    def get_page_title(self):
        return _("Dự thảo “%(label)s”") % {"label": _label(self.draft)}

    def get_page_subtitle(self):
        return self.draft.case.tracking_code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("approvals_admin:queue"), "label": _("Chờ phê duyệt")},
            {"url": "", "label": self.get_page_title()},
        ]

    def load(self, draft_id: int) -> None:
        self.draft = selectors.draft_in_scope(user=self.request.user, draft_id=draft_id)
        if self.draft is None:
            raise Http404

    def page(self, *, status=200, return_form=None, approve_form=None, refusal=None):
        user, draft = self.request.user, self.draft
        pending = draft.status == DraftStatus.PENDING
        may_decide = pending and decide_refusal(draft=draft, user=user) is None
        context = self.get_context_data(
            draft=draft,
            label=_label(draft),
            rows=draft_rows(draft),
            why=approval_reason(draft.action, draft.case.kind),
            # The articles of the case's kind only (a press case's never cite Luật Khiếu nại).
            basis=(
                transition.basis_of(draft.case)
                if (transition := transition_of_kind(case=draft.case, action=draft.action))
                else ""
            ),
            due=selectors.draft_due(draft),
            comments=list(draft.comments.all()),
            history=list(draft.history.select_related("history_user").order_by("history_date")),
            may_decide=may_decide,
            own_pending=pending
            and user.has_perm(services.APPROVE_PERMISSION)
            and draft.author_id == user.pk,
            may_edit=(draft.author_id == user.pk and draft.status in OPEN_DRAFT_STATUSES)
            or may_decide,
            may_withdraw=draft.author_id == user.pk and draft.status in OPEN_DRAFT_STATUSES,
            approve_form=approve_form
            or ApproveForm(
                prefix="approve", initial={"version": draft.version},
                documents=decision_documents(draft),
                confirmations=leader_confirmations(draft, user) if may_decide else None,
            ),
            return_form=return_form or ReturnForm(prefix="return"),
            refusal=refusal,
        )
        return self.render_to_response(context, status=status)

    def get(self, request, draft_id):
        self.load(draft_id)
        return self.page()


class DraftDecideView(DraftView):
    """POST approve / return / withdraw."""

    http_method_names = ["post"]

    def post(self, request, draft_id, decision):
        self.load(draft_id)
        approve_form = ApproveForm(
            request.POST if decision == "approve" else None, prefix="approve",
            documents=decision_documents(self.draft) if decision == "approve" else (),
            confirmations=(
                leader_confirmations(self.draft, request.user) if decision == "approve" else None
            ),
        )
        return_form = ReturnForm(request.POST if decision == "return" else None, prefix="return")
        try:
            if decision == "approve":
                if not approve_form.is_valid():
                    return self.page(status=400, approve_form=approve_form)
                document_id, document_version = approve_form.document()
                services.draft_approve(
                    draft_id=self.draft.pk,
                    actor=request.user,
                    origin="admin",
                    comment=approve_form.cleaned_data["comment"],
                    # What the page showed; none (an old page) is refused as stale too.
                    expected_version=approve_form.cleaned_data["version"],
                    document_id=document_id,
                    document_version=document_version,
                    confirmations=approve_form.confirmations(),
                    signed_confirmed=approve_form.signed(),
                )
                done = _("Đã phê duyệt; thao tác “%(label)s” đã được thực hiện.")
            elif decision == "return":
                if not return_form.is_valid():
                    return self.page(status=400, return_form=return_form)
                services.draft_return(
                    draft_id=self.draft.pk,
                    actor=request.user,
                    comment=return_form.cleaned_data["comment"],
                    origin="admin",
                )
                done = _("Đã trả lại dự thảo “%(label)s” cho người đề xuất.")
            elif decision == "withdraw":
                services.draft_withdraw(draft_id=self.draft.pk, actor=request.user, origin="admin")
                done = _("Đã rút dự thảo “%(label)s”.")
            else:
                raise Http404
        except TransitionNotAllowed as error:
            if not isinstance(error.__cause__, UnsignedError):
                return self._refusal(request, error, draft_id, decision, approve_form)
            # Nothing but the tick stands in the way (`document_issue` checks the decision's
            # blanks first): the tick marked, the rest of the form as the leader filled it.
            self.load(draft_id)
            approve_form.unsigned()
            return self.page(status=400, approve_form=approve_form)
        except TransitionInvalid as error:
            self.load(draft_id)
            # The reasons themselves, in words (a conclusion without its decision: the
            # article, and how to give it), on top of the page: a form not posted (the
            # approval's return form) takes no error of its own.
            reasons = " ".join(str(p) for problems in error.errors.values() for p in problems)
            if return_form.is_bound and return_form.is_valid():
                return_form.add_error(None, reasons)
            return self.page(
                status=400, return_form=return_form,
                refusal=_("Dữ liệu không hợp lệ: %(reasons)s") % {"reasons": reasons},
            )
        except Exception as error:
            return self._refusal(request, error, draft_id, decision, approve_form)
        messages.success(request, done % {"label": _label(self.draft)})
        if decision == "approve":
            return HttpResponseRedirect(
                reverse("complaints_admin:detail", args=[self.draft.case.tracking_code])
            )
        return HttpResponseRedirect(reverse("approvals_admin:queue"))

    def _refusal(self, request, error, draft_id, decision, approve_form):
        refusal = _refused(request, error)
        if refusal is None:
            raise error
        self.load(draft_id)
        status = 403 if isinstance(error, PermissionDenied) else 409
        # The page as it is now (the new version, to approve after reading it), with
        # the comment the leader had typed.
        fresh = None
        if decision == "approve" and approve_form.is_bound:
            fresh = ApproveForm(
                prefix="approve",
                initial={
                    "version": self.draft.version,
                    "comment": approve_form.cleaned_data.get("comment", ""),
                },
                documents=decision_documents(self.draft),
                confirmations=leader_confirmations(self.draft, request.user),
            )
        return self.page(status=status, refusal=refusal, approve_form=fresh)


class DraftEditView(DraftView):
    """Edit a draft's fields (the author, or a leader who may approve it)."""

    template_name = "complaints/approvals/edit.html"

    def get_page_title(self):
        return _("Sửa dự thảo “%(label)s”") % {"label": _label(self.draft)}

    def transition(self):
        # The row of the case's kind (a complaint's conclusion names its decision, a phản
        # ánh's does not), as `services._validated` checks the draft with.
        return transition_of_kind(case=self.draft.case, action=self.draft.action)

    def edit_page(self, form, comment_form, *, status=200, refusal=None):
        context = self.get_context_data(
            draft=self.draft, form=form, comment_form=comment_form, refusal=refusal
        )
        return self.render_to_response(context, status=status)

    def get(self, request, draft_id):
        self.load(draft_id)
        initial = {k: v for k, v in self.draft.data.items() if not isinstance(v, (list, dict))}
        form = TransitionForm(
            transition=self.transition(), case=self.draft.case, user=request.user, initial=initial
        )
        return self.edit_page(without_confirmations(form), CommentForm())

    def post(self, request, draft_id):
        self.load(draft_id)
        form = without_confirmations(TransitionForm(
            request.POST, transition=self.transition(), case=self.draft.case, user=request.user
        ))
        comment_form = CommentForm(request.POST)
        if not (form.is_valid() and comment_form.is_valid()):
            return self.edit_page(form, comment_form, status=400)
        data = form.service_data()
        data.pop("expected_status", None)
        try:
            services.draft_edit(
                draft_id=self.draft.pk,
                actor=request.user,
                data=data,
                origin="admin",
                comment=comment_form.cleaned_data["comment"],
            )
        except TransitionInvalid as error:
            form.add_service_errors(error.errors)
            return self.edit_page(form, comment_form, status=400)
        except Exception as error:
            refusal = _refused(request, error)
            if refusal is None:
                raise
            return self.edit_page(form, comment_form, status=409, refusal=refusal)
        messages.success(request, _("Đã lưu dự thảo."))
        return HttpResponseRedirect(reverse("approvals_admin:detail", args=[self.draft.pk]))
