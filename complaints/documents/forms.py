from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.documents.models import SIGNER_AUTHORITY_CHOICES
from complaints.rules.paper_decision import PAPER_DECISION_FIELDS

# The step fields of a document that are not the step's own: the internal note stays on
# the case page, where the step is taken; the reference of a decision signed on paper is
# no part of a document issued in the portal (complaints/rules/decision.py,
# complaints/rules/paper_decision.py).
_NOT_IN_DOCUMENTS = frozenset({"note", "expected_meeting", "decision_symbol", "decision_date",
                               *PAPER_DECISION_FIELDS})


def step_fields(*, case, action: str, user=None) -> dict[str, forms.Field]:
    """The fields of the step `action` for this case, as the case page's step form defines
    them for `user` (`complaints.admin.forms.TransitionForm`: the same choices, Vietnamese
    labels and case-dependent choices such as the kind's refusal grounds and the files
    `user` may see); the dialogue minutes, a step of their own, have their two parts."""
    from complaints.admin.forms import TransitionForm
    from complaints.documents.steps import DIALOGUE_MINUTES, step_row

    if action == DIALOGUE_MINUTES:
        return {
            "minutes": forms.CharField(
                label=_("Ý kiến của những người tham gia đối thoại"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            ),
            "outcome": forms.CharField(
                label=_("Nội dung đã thống nhất, vấn đề còn ý kiến khác nhau"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            ),
        }
    transition = step_row(case, action)
    if transition is None:
        return {}
    form = TransitionForm(transition=transition, case=case, user=user)
    return {
        name: field
        for name, field in form.fields.items()
        if name in transition.fields and name not in _NOT_IN_DOCUMENTS
    }


class _TemplateSelect(forms.Select):
    """Each template's option names its step (`data-step`), so the page shows only that
    step's fields (all of them without JavaScript)."""

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.steps:
            option["attrs"]["data-step"] = self.steps[value]
        return option


class DraftForm(forms.Form):
    """The template to draft and the fields of its step, one group per step of the
    templates offered (`<step>-<field>`): only the chosen template's step is read. Its
    required fields are required unless the step was already taken on the case (the
    document then reads what the step recorded, `document_draft`)."""

    template = forms.ChoiceField(label=_("Mẫu văn bản"))

    def __init__(self, *args, templates=(), case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from complaints.documents.steps import step_event, step_label

        self.case, self.user = case, user
        self.template_steps = {t.code: t.action for t in templates}
        # The widget first: setting the choices hands them to the widget.
        self.fields["template"].widget = _TemplateSelect(steps=self.template_steps)
        self.fields["template"].choices = [(t.code, t.title) for t in templates]
        self.step_groups: list[dict] = []
        self._required: dict[str, list[str]] = {}
        self._taken: set[str] = set()  # the steps already taken on the case
        for action in dict.fromkeys(t.action for t in templates):
            fields = (
                step_fields(case=case, action=action, user=user) if case is not None else {}
            )
            if not fields:
                continue
            taken = step_event(case, action) is not None
            if taken:
                self._taken.add(action)
            self._required[action] = [] if taken else [
                name for name, field in fields.items() if field.required
            ]
            for name, field in fields.items():
                field.required = False  # only the chosen step's fields are checked
                self.fields[f"{action}-{name}"] = field
            self.step_groups.append(
                {"action": action, "label": step_label(case, action), "taken": taken,
                 "names": [f"{action}-{name}" for name in fields],
                 "required": {f"{action}-{name}" for name in self._required[action]}}
            )

    def groups(self):
        """(group, [(bound field, required)]) for the template."""
        return [
            (group, [(self[name], name in group["required"]) for name in group["names"]])
            for group in self.step_groups
        ]

    def fields_in_error(self) -> list:
        """The bound fields refused, in the form's order: the page's summary links to each."""
        return [self[name] for name in self.fields if name in self.errors]

    def chosen_step(self) -> str | None:
        return self.template_steps.get(self.cleaned_data.get("template"))

    def clean(self):
        cleaned = super().clean()
        action = self.chosen_step()
        for name in self._required.get(action, []):
            if cleaned.get(f"{action}-{name}") in (None, "", [], False):
                self.add_error(f"{action}-{name}", _("Trường này là bắt buộc."))
        if action and self.case is not None and not self.errors:
            self._check_step_values(action)
        return cleaned

    def _check_step_values(self, action: str) -> None:
        """The step's values, checked as the step checks them when the draft is issued with it
        (`step_value_refusals`): a verification team naming the denounced person is refused
        here, not after the draft was edited. A step not yet taken is checked on what the
        draft gives; one taken already that may be taken again (a report recorded anew) on
        what it recorded with the draft's changes, as the issue will take it; one that may
        not, not at all (the document reads what it recorded). A day is not checked: the
        draft may be prepared ahead of the day it is signed, and its issue checks it."""
        from complaints.documents.steps import recorded_step, step_row
        from complaints.services.workflow import step_value_refusals
        from complaints.transitions import transition_for

        if action in self._taken:
            transition = transition_for(case=self.case, action=action)
            data = {**recorded_step(self.case, action), **self.step()}
        else:
            transition, data = step_row(self.case, action), self.step()
        if transition is None:
            return
        refusals = step_value_refusals(
            transition=transition, case=self.case, data=data, actor=self.user
        )
        for name, messages in refusals.items():
            field = self.fields.get(f"{action}-{name}")
            if isinstance(field, (forms.DateField, forms.DateTimeField)):
                continue
            self.add_error(f"{action}-{name}" if field is not None else None, messages)

    def step(self) -> dict:
        """The chosen step's values as the step takes them: codes of choices, dates as
        ISO text (valid form only)."""
        action = self.chosen_step()
        prefix = f"{action}-"
        values = {}
        for key, value in self.cleaned_data.items():
            if not key.startswith(prefix) or value in (None, "") or value is False:
                continue
            values[key[len(prefix):]] = value.isoformat() if hasattr(value, "isoformat") else value
        return values


class EditForm(forms.Form):
    trich_yeu = forms.CharField(label=_("Trích yếu"), max_length=500)
    addressee = forms.CharField(label=_("Kính gửi"), max_length=500, required=False)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 16}))
    recipients = forms.CharField(label=_("Nơi nhận"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"), choices=SIGNER_AUTHORITY_CHOICES, required=False
    )
    principal_title = forms.CharField(label=_("Chức danh người đứng đầu (khi ký thay)"),
                                      max_length=255, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=255)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=255, required=False)

    def note_blanks(self, lines) -> None:
        """The draft's lines that still hold a blank (`complaints.documents.context.
        blank_lines`, the rule the issue refuses by): each field holding one is invalid for
        assistive technology (aria-invalid) and described by its note (`<id>_blanks`, the
        lines) besides its error. Saving is not refused for it: the issue is."""
        self.blanks: dict[str, list] = {}
        for line in lines:
            self.blanks.setdefault(line.part, []).append(line)
        for name in self.blanks:
            bound, widget = self[name], self.fields[name].widget
            described = [f"{bound.auto_id}_blanks"]
            if self.is_bound and bound.errors:
                described.append(f"{bound.auto_id}_error")
            widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described)})

    def rows(self) -> list[tuple]:
        """(bound field, the numbers of its lines holding a blank, `note_blanks`) in the
        form's order."""
        blanks = getattr(self, "blanks", {})
        return [
            (field, [line.number for line in blanks.get(field.name, [])]) for field in self
        ]


class SignedCopyForm(forms.Form):
    scan = forms.FileField(label=_("Bản đã ký, đóng dấu (PDF hoặc ảnh)"), required=False)
    e_signed = forms.BooleanField(label=_("Văn bản đã được ký số"), required=False)
