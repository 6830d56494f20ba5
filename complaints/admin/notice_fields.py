"""The workspace's form fields for recording a notice (`record_notice`) and a press
outlet's request (`record_press_request`): complaints/rules/notices.py, issue 9; and for
the outlet's correction (`request_correction`, `record_correction_published`):
complaints/rules/press_correction.py; and for the 24-hour statement decided later
(`mark_press_statement`): complaints/rules/press_statement.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.citations import citation_read_later
from complaints.models import NoticeMethod
from complaints.rules.notices import PARTIES, PENDING_STEPS
from complaints.rules.press_correction import ARTICLE_2026, CORRECTION_MEDIA
from complaints.rules.press_statement import StatementGround
from complaints.step_labels import PARTY_LABELS, medium_label, step_label
from portal.lazy_text import lazy_message

_DATE = {"type": "date"}


class _RecipientsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def notice_field(name: str, *, required: bool) -> forms.Field | None:
    if name == "notice":
        return forms.ChoiceField(
            label=_("Thông báo"),
            choices=[("", "---------"), *sorted((s, step_label(s)) for s in PENDING_STEPS)],
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
    if name == "statement_ground":
        return forms.ChoiceField(
            label=_("Căn cứ"),
            choices=StatementGround.choices,
            widget=forms.RadioSelect,
            help_text=_(
                "Khoản 3: 24 giờ tính từ khi Sở tiếp nhận vụ việc (thời điểm ghi nhận bài báo). "
                "Khoản 4: 24 giờ tính từ lúc ghi nhận việc xác định này."
            ),
            required=required,
        )
    return _correction_field(name, required=required)


def _date_field(label, *, required: bool, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
        help_text=help_text,
        required=required,
    )


def _correction_field(name: str, *, required: bool) -> forms.Field | None:
    if name == "medium":
        return forms.ChoiceField(
            label=_("Loại hình báo chí của cơ quan báo chí"),
            choices=[
                ("", "---------"), *((m.code, medium_label(m.code)) for m in CORRECTION_MEDIA)
            ],
            help_text=lazy_message(
                _(
                    "Báo điện tử đăng cải chính ngay khi nhận văn bản; báo in hằng ngày, báo "
                    "nói, báo hình trong 02 ngày; báo tuần, tạp chí trong số ra gần nhất "
                    "(%(article)s)."
                ),
                article=citation_read_later(ARTICLE_2026),
            ),
            required=required,
        )
    if name == "outlet_received_on":
        return _date_field(_("Ngày cơ quan báo chí nhận văn bản"), required=required)
    if name == "next_issue_on":
        return _date_field(
            _("Ngày phát hành số ra gần nhất"),
            required=required,
            help_text=_("Bắt buộc với báo tuần, tạp chí."),
        )
    if name == "reply_ref":
        return forms.CharField(
            label=_("Số, ký hiệu văn bản đề nghị cải chính"), max_length=255, required=required
        )
    if name == "published_on":
        return _date_field(_("Ngày báo đăng cải chính"), required=required)
    if name == "correction_url":
        return forms.URLField(
            label=_("Đường dẫn bài cải chính"), max_length=500, required=required,
            assume_scheme="https",
        )
    return None
