"""The workspace's form fields for recording a notice (`record_notice`) and a press
outlet's request (`record_press_request`): complaints/rules/notices.py, issue 9."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import NoticeMethod
from complaints.rules.notices import NOTICE_STEPS, PARTIES
from complaints.step_labels import PARTY_LABELS, step_label

_DATE = {"type": "date"}


class _RecipientsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def notice_field(name: str, *, required: bool) -> forms.Field | None:
    if name == "notice":
        return forms.ChoiceField(
            label=_("Thông báo"),
            choices=[("", "---------"), *sorted((s, step_label(s)) for s in NOTICE_STEPS)],
            help_text=_("Chỉ các thông báo đang chờ gửi của hồ sơ được chấp nhận."),
            required=required,
        )
    if name in ("sent_on", "requested_on"):
        label = (
            _("Ngày gửi")
            if name == "sent_on"
            else _("Ngày văn bản yêu cầu của cơ quan báo chí")
        )
        return forms.DateField(
            label=label,
            widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            required=required,
        )
    if name == "sent_via":
        return forms.ChoiceField(
            label=_("Hình thức gửi"),
            choices=[("", "---------"), *NoticeMethod.choices],
            required=required,
        )
    if name == "recipients":
        return _RecipientsField(
            label=_("Người nhận"),
            choices=[(p, PARTY_LABELS[p]) for p in PARTIES],
            required=required,
        )
    if name == "document_ref":
        return forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=255, required=required)
    return None
