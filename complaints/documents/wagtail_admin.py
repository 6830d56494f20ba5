"""Document templates in the Wagtail admin: a snippet with live preview (the template
filled with a sample case, laid out as the PDF) and Wagtail's history of every edit
(django-simple-history keeps each version too; issued documents record theirs)."""

from __future__ import annotations

from django import forms
from django.template import TemplateSyntaxError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from complaints.admin.columns import yes_no
from complaints.documents.models import DocumentTemplate
from complaints.documents.template_language import known_variables_text, unknown_variables
from complaints.kinds import CaseKind

TEMPLATE_FIELDS = ("trich_yeu", "addressee", "body", "recipients")


class DocumentTemplateForm(WagtailAdminModelForm):
    """A template is refused on save when it is no template of the documents' language, or
    reads a variable no document provides (`{{ case.reporter.name }}`, a misspelt
    `{{ case.tittle }}`: complaints/documents/template_language.py, docs/documents.md).
    The kinds it serves are ticked, not typed as JSON: stored as the same list."""

    kinds = forms.MultipleChoiceField(
        label=_("loại hồ sơ áp dụng"),
        choices=CaseKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một loại hồ sơ dùng mẫu này.")},
    )

    def clean_kinds(self) -> list[str]:
        return sorted(set(self.cleaned_data["kinds"]))  # as the shipped templates store them

    def clean(self):
        cleaned = super().clean()
        for name in TEMPLATE_FIELDS:
            try:
                unknown = unknown_variables(cleaned.get(name) or "")
            except TemplateSyntaxError as error:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Cú pháp mẫu không hợp lệ: %(error)s"), params={"error": error}
                    ),
                )
                continue
            if unknown:
                self.add_error(name, forms.ValidationError(
                    _(
                        "Mẫu dùng biến không có trong văn bản: %(names)s. Dùng được: %(known)s "
                        "(thông tin người gửi chỉ qua party, đã che theo người nhận văn bản)."
                    ),
                    params={"names": ", ".join(unknown), "known": known_variables_text()},
                ))
        if not self.errors:
            self._check_sample(cleaned)
        return cleaned

    def _check_sample(self, cleaned) -> None:
        """The template filled with the preview's sample case, as a draft would be: a
        `{% include %}` (no file is loaded) or a filter given a wrong value is refused here,
        not when staff draft."""
        from complaints.documents.samples import sample_document

        template = DocumentTemplate(
            **{name: cleaned.get(name) for name in ("document_type", "action", "audience")},
            kinds=cleaned.get("kinds") or [],
            **{name: cleaned.get(name) or "" for name in TEMPLATE_FIELDS},
        )
        try:
            sample_document(template)
        except Exception as error:  # an administrator's template: any failure is theirs
            self.add_error(None, forms.ValidationError(
                _("Mẫu không điền được với hồ sơ mẫu: %(error)s"), params={"error": error}
            ))


class DocumentTemplateViewSet(SnippetViewSet):
    model = DocumentTemplate
    icon = "doc-full"
    menu_label = _("Mẫu văn bản")
    menu_name = "document_templates"
    url_prefix = "mau-van-ban"
    add_to_admin_menu = False
    list_display = [
        "title", "action", "document_type", "legal_basis",
        yes_no(DocumentTemplate, "reconstructed"), yes_no(DocumentTemplate, "is_active"),
    ]
    list_filter = ["action", "document_type", "reconstructed", "is_active"]
    search_fields = ["title", "code", "legal_basis"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("code"),
                    FieldPanel("title"),
                    FieldPanel("document_type"),
                    FieldPanel("action"),
                    FieldPanel("kinds"),
                    FieldPanel("audience"),
                    FieldPanel("owed_to_citizen"),
                ],
                heading=_("Văn bản của bước"),
            ),
            MultiFieldPanel(
                [FieldPanel("legal_basis"), FieldPanel("form_ref"), FieldPanel("reconstructed")],
                heading=_("Căn cứ"),
            ),
            FieldPanel("trich_yeu"),
            FieldPanel("addressee"),
            FieldPanel("body"),
            FieldPanel("recipients"),
            FieldPanel("is_active"),
        ],
        base_form_class=DocumentTemplateForm,
    )


register_snippet(DocumentTemplateViewSet)
