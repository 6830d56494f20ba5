"""Public forms: filing a case, looking it up, rating it.

The submission form only reads the citizen's input into `SubmissionData`; what each
kind requires is checked by `complaints.services.intake`, whose errors are shown
beside the fields here (`add_service_errors`)."""

from __future__ import annotations

import json
import unicodedata
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind
from complaints.models import Category, Facility, FacilityKind
from complaints.notifications.sms import sms_available
from complaints.services.intake import CITIZEN_KINDS, ReporterData, SubmissionData
from complaints.services.tracking import TRACKING_CODE_RE, normalize_tracking_code
from complaints.validation import browser_email_rule, browser_phone_rule, impossible_day_problem


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if data in (None, "", []):
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [f for f in data if f]


# citizen: dates are read and shown dd/mm/yyyy (a text box: the browser's date picker
# shows the visitor's locale order, mm/dd in English); ISO dates are accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


DATE_FIELDS = ("incident_date", "decision_date", "first_decision_received_on", "first_accepted_on")
DATE_INVALID_MESSAGE = _(
    "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 25/09/2026."
)


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        attrs = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            # No autocomplete="off": a browser puts such an input back neither after Back
            # nor on reload, and the date was lost from a form sent again.
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "data-date": "dmy",
            **kwargs.pop("attrs", {}),
        }
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class CitizenDateField(forms.DateField):
    """A day as citizens type it (`DATE_INPUT_FORMATS`); one in the right form that is not on
    the calendar (31/02/2026) is refused for that, not for its form."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            problem = impossible_day_problem(value)
            if problem:
                raise forms.ValidationError(problem, code="invalid") from None
            raise


SERVICE_TO_FORM_FIELD = {
    "reporter.name": "reporter_name",
    "reporter.phone": "reporter_phone",
    "reporter.email": "reporter_email",
    "reporter.address": "reporter_address",
    "reporter.id_number": "reporter_id_number",
    "idempotency_key": None,
    "received_at": "received_on",  # the staff form's field (complaints/admin/forms.py)
    "__all__": None,
}


class VietnameseNamesSelect(forms.Select):
    """A select of Vietnamese proper names (facilities and their areas, the fields): each
    option and group is marked lang="vi", so a screen reader reads them with a Vietnamese
    voice on an English page (WCAG 3.1.2), as the CMS bodies and the case's messages are
    marked. The empty choice and the translated group ("Khác") keep the page's language."""

    template_name = "complaints/widgets/vietnamese_select.html"
    # Options named in the page's language (a field's English name): not marked.
    translated_values: frozenset[str] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, "") and value not in self.translated_values:
            option["attrs"]["lang"] = "vi"
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["translated_groups"] = [str(_("Khác"))]
        return context


def facility_choices():
    """Active facilities grouped by area (a plain select works without JavaScript)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    facilities = (
        Facility.objects.active()
        .exclude(kind=FacilityKind.EXTERNAL)
        .order_by("area", "name")
        .only("code", "name", "area")
    )
    for facility in facilities:
        groups.setdefault(facility.area or str(_("Khác")), []).append(
            (facility.code, facility.name)
        )
    return [("", _("— Chọn cơ sở y tế —")), *groups.items()]


def _plain(text: str) -> str:
    """Lower case without Vietnamese diacritics: "Đức Phổ" and "duc pho" match."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def facilities_matching(query: str, *, limit: int = 20) -> list[Facility]:
    """Active facilities whose name, area or code contains every word of `query`,
    with or without diacritics. The tree holds hundreds of rows: filtered in Python
    so the accent-insensitive match works on every database."""
    words = _plain(query).split()
    if not words:
        return []
    found = []
    facilities = (
        Facility.objects.active()
        .exclude(kind=FacilityKind.EXTERNAL)
        .order_by("name")
        .only("code", "name", "area", "address")
    )
    for facility in facilities:
        haystack = _plain(f"{facility.name} {facility.area} {facility.code} {facility.address}")
        if all(word in haystack for word in words):
            found.append(facility)
            if len(found) >= limit:
                break
    return found


def category_choices() -> tuple[list[tuple[str, str]], frozenset[str]]:
    """The active fields, named in the reader's language where the administrator gave a
    name for it (`Category.name_en`), in that name's order; and the codes of those so
    named (their options are not marked lang="vi")."""
    categories = Category.objects.filter(is_active=True).only("code", "name", "name_en")
    named = sorted(((c.code, c.label()) for c in categories), key=lambda choice: choice[1])
    translated = frozenset(c.code for c in categories if c.translated())
    return [("", _("— Không rõ hoặc lĩnh vực khác —")), *named], translated


NOTIFY_PURPOSE_CHOICES = [
    ("receipt", _("hồ sơ được tiếp nhận")),
    ("info_request", _("cần bổ sung thông tin")),
    ("decision", _("có kết quả giải quyết")),
    ("reminder", _("sắp hết hạn trả lời")),
]


def _grouped(number: int) -> str:
    """20.000 in Vietnamese, 20,000 in English: the thousands grouped with the reader's
    separator (Django's Vietnamese formats set none, so number_format would not group)."""
    from django.utils.formats import get_format

    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def _show_limits(form) -> None:
    """Put the text and file limits on the widgets (maxlength, data-*) and in the help
    texts, from the services' own figures."""
    from django.template.defaultfilters import filesizeformat

    from complaints.services.attachments import attachment_limits
    from complaints.services.intake import MAX_CONTENT_LENGTH, MIN_CONTENT_LENGTH

    if "content" in form.fields:
        field = form.fields["content"]
        field.widget.attrs.update(
            maxlength=MAX_CONTENT_LENGTH,
            **{"data-counter": "1", "data-min-length": MIN_CONTENT_LENGTH},
        )
        field.help_text = " ".join(
            (
                str(field.help_text),
                str(_("Ít nhất %(count)s ký tự.") % {"count": _grouped(MIN_CONTENT_LENGTH)}),
                str(_("Tối đa %(count)s ký tự.") % {"count": _grouped(MAX_CONTENT_LENGTH)}),
            )
        )
    limits = attachment_limits()
    field = form.fields["attachments"]
    field.widget.attrs.update(
        {
            "data-max-count": limits["max_count"],
            "data-max-file-size": limits["max_file_size"],
            "data-max-total-size": limits["max_total_size"],
        }
    )
    field.help_text = str(
        _(
            "Tối đa %(count)d tệp, mỗi tệp tối đa %(size)s, tổng cộng tối đa %(total)s; ảnh "
            "JPEG, PNG, WebP hoặc PDF. Ảnh được xử lý lại để xoá thông tin ẩn (như vị trí chụp)."
        )
        % {
            "count": limits["max_count"],
            "size": filesizeformat(limits["max_file_size"]),
            "total": filesizeformat(limits["max_total_size"]),
        }
    )


class SubmissionForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    kind = forms.ChoiceField(
        label=_("Bạn muốn gửi"),
        choices=[(k.value, k.label) for k in CITIZEN_KINDS],
        widget=forms.RadioSelect,
        required=False,
    )
    facility = forms.ChoiceField(
        label=_("Cơ sở y tế liên quan"), choices=(), required=False, widget=VietnameseNamesSelect
    )
    category = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=(), required=False, widget=VietnameseNamesSelect
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        required=False,
        max_length=255,
        help_text=_("Một câu ngắn, ví dụ: Chờ khám quá lâu tại khoa Nhi"),
    )
    content = forms.CharField(
        label=_("Nội dung sự việc"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Nêu sự việc, thời gian, địa điểm, người liên quan. Mỗi đơn một vụ việc."),
    )
    incident_date = CitizenDateField(
        label=_("Ngày xảy ra sự việc"), widget=DateInput(), required=False
    )
    already_sent_elsewhere = forms.CharField(
        label=_("Đã gửi nội dung này đến cơ quan khác chưa?"),
        required=False,
        max_length=255,
        help_text=_("Nếu đã gửi, ghi tên cơ quan và thời gian; nếu chưa, để trống."),
    )

    # khiếu nại
    second_time = forms.TypedChoiceField(
        label=_("Lần khiếu nại"),
        choices=[("0", _("Lần đầu")), ("1", _("Lần hai (không đồng ý với quyết định lần đầu)"))],
        coerce=lambda value: value == "1",
        empty_value=False,
        widget=forms.RadioSelect,
        required=False,
    )
    decision_complained = forms.CharField(
        label=_("Quyết định hoặc hành vi bị khiếu nại"), required=False, max_length=500
    )
    decision_maker = forms.CharField(
        label=_("Người ra quyết định hoặc thực hiện hành vi"), required=False, max_length=255
    )
    decision_date = CitizenDateField(
        label=_("Ngày ra quyết định, hoặc ngày bạn biết về hành vi"),
        widget=DateInput(),
        required=False,
    )
    first_decision_ref = forms.CharField(
        label=_("Số, ngày của quyết định giải quyết lần đầu"), required=False, max_length=255
    )
    # notices: second time without a first decision (Luật KN Art 33(1))
    # The window of khoản 1 Điều 33 Luật Khiếu nại: the form cannot know whether staff will
    # flag the case as in a remote area, so it says both (staff see the one the flag gives).
    first_decision_received_on = CitizenDateField(
        label=_("Ngày nhận được quyết định giải quyết lần đầu"), widget=DateInput(),
        required=False,
        help_text=_(
            "Thời hạn khiếu nại lần hai là 30 ngày kể từ ngày nhận được quyết định giải quyết "
            "lần đầu; ở vùng sâu, vùng xa đi lại khó khăn thì có thể kéo dài "
            "nhưng không quá 45 ngày (khoản 1 Điều 33 Luật "
            "Khiếu nại). Gửi muộn hơn, đơn vẫn được tiếp nhận: hãy nêu lý do trong nội dung."
        ),
    )
    first_deadline_passed = forms.BooleanField(
        label=_("Đã hết thời hạn giải quyết lần đầu mà chưa có quyết định"), required=False,
        help_text=_(
            "Khi đó thời hạn khiếu nại lần hai là 30 ngày kể từ ngày hết thời hạn giải quyết "
            "lần đầu; ở vùng sâu, vùng xa đi lại khó khăn thì có thể kéo dài "
            "nhưng không quá 45 ngày (khoản 1 Điều 33 Luật "
            "Khiếu nại)."
        ),
    )
    first_accepted_on = CitizenDateField(
        label=_("Ngày thụ lý khiếu nại lần đầu"), widget=DateInput(), required=False,
        help_text=_("Ghi trên thông báo thụ lý; nếu không nhận được thông báo, ngày gửi đơn."),
    )
    confirm_late = forms.BooleanField(
        label=_("Tôi đã đọc cảnh báo về thời hiệu và vẫn muốn gửi"), required=False
    )

    # tố cáo
    accused_name = forms.CharField(
        label=_("Họ tên người bị tố cáo"), required=False, max_length=255
    )
    accused_position = forms.CharField(
        label=_("Chức vụ, vị trí công tác"), required=False, max_length=255
    )
    accused_is_head = forms.TypedChoiceField(
        label=_("Người bị tố cáo là"),
        choices=[
            ("0", _("Cán bộ, nhân viên của cơ sở")),
            ("1", _("Người đứng đầu hoặc cấp phó của cơ sở")),
        ],
        coerce=lambda value: value == "1",
        empty_value=False,
        widget=forms.RadioSelect,
        required=False,
    )

    # người gửi
    anonymous = forms.BooleanField(label=_("Gửi ẩn danh (chỉ với phản ánh)"), required=False)
    reporter_name = forms.CharField(
        label=_("Họ và tên"), required=False, max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_phone = forms.CharField(
        label=_("Số điện thoại"), required=False, max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.CharField(
        label=_("Thư điện tử"), required=False, max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    reporter_address = forms.CharField(
        label=_("Địa chỉ"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    reporter_id_number = forms.CharField(
        label=_("Số CCCD, hoặc số hộ chiếu với người nước ngoài"),
        required=False,
        max_length=32,
        help_text=_("Chỉ cần với khiếu nại và tố cáo."),
        # No numeric keypad: a passport number has letters (C12345678).
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    attachments = MultipleFileField(
        label=_("Chọn ảnh hoặc tệp PDF (không bắt buộc)"),
        required=False,
        help_text=_(
            "Tối đa 5 tệp, mỗi tệp tối đa 10 MB. Ảnh được xử lý lại để xoá thông tin ẩn "
            "(như vị trí chụp)."
        ),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )

    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Sở Y tế và cơ quan có thẩm quyền xử lý dữ liệu cá nhân tôi cung cấp "
            "nhằm tiếp nhận và giải quyết hồ sơ này."
        ),
        required=False,
    )
    consent_contact = forms.BooleanField(
        label=_("Tôi đồng ý nhận thông báo về tiến trình giải quyết qua thư điện tử."),
        required=False,
    )
    # citizen: the SMS channel and the purposes of the notices (Luật BVDLCN 91/2025 Art 9)
    consent_sms = forms.BooleanField(
        label=_("Tôi đồng ý nhận thông báo về tiến trình giải quyết qua tin nhắn SMS."),
        required=False,
    )
    notify_purposes = forms.MultipleChoiceField(
        label=_("Báo cho tôi khi"),
        choices=NOTIFY_PURPOSE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Đánh dấu từng việc bạn muốn được báo; chỉ gửi qua kênh bạn đã đồng ý ở trên."
        ),
    )
    truth_declaration = forms.BooleanField(
        label=_(
            "Tôi cam đoan nội dung trên là đúng sự thật và do chính tôi gửi; tôi chịu trách nhiệm "
            "trước pháp luật về nội dung này."
        ),
        required=False,
    )
    # A checkbox's label is a whole sentence: the error summary names it short
    # ("Lời cam đoan: Chưa đánh dấu (bắt buộc)."), not the sentence and ".: …"
    # (_error_summary.html; intake.js reads `data-summary`).
    SUMMARY_LABELS = {
        "consent": _("Đồng ý xử lý dữ liệu cá nhân"),
        "truth_declaration": _("Lời cam đoan"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, summary in self.SUMMARY_LABELS.items():
            self.fields[name].summary_label = summary
            self.fields[name].widget.attrs["data-summary"] = summary
        self.fields["facility"].choices = facility_choices()
        choices, translated = category_choices()
        self.fields["category"].choices = choices
        self.fields["category"].widget.translated_values = translated
        if not self.is_bound and not self.initial.get("form_token"):
            self.initial["form_token"] = uuid.uuid4().hex
        # The purposes start unticked: a ticked box nobody ticked is not consent (Luật Bảo vệ
        # dữ liệu cá nhân 91/2025/QH15, Điều 9); a channel with none ticked is refused by
        # the intake service ("Hãy chọn ít nhất một việc muốn được báo…").
        # citizen: dates dd/mm/yyyy; limits shown beside the fields and checked in the
        # browser first (intake.js), from the same figures the services apply.
        for name in ("incident_date", "decision_date"):
            self.fields[name].help_text = _("Ngày/tháng/năm, ví dụ 25/09/2026.")
        for name in DATE_FIELDS:
            self.fields[name].input_formats = DATE_INPUT_FORMATS
            self.fields[name].error_messages["invalid"] = DATE_INVALID_MESSAGE
        _show_limits(self)
        # The intake service's rules for a phone number and an e-mail address, for the
        # script to check them before sending (intake.js), as the service will.
        self.fields["reporter_phone"].widget.attrs["data-phone"] = json.dumps(
            browser_phone_rule()
        )
        self.fields["reporter_email"].widget.attrs["data-email"] = json.dumps(
            browser_email_rule()
        )
        if not sms_available():  # no gateway: SMS is not offered (consent_sms stays off)
            del self.fields["consent_sms"]

    def submission(self) -> SubmissionData:
        """The parsed input (call after is_valid())."""
        data = self.cleaned_data
        return SubmissionData(
            kind=data.get("kind") or "",
            title=data.get("title") or "",
            content=data.get("content") or "",
            facility=data.get("facility") or "",
            category=data.get("category") or "",
            incident_date=data.get("incident_date"),
            reporter=ReporterData(
                name=data.get("reporter_name") or "",
                phone=data.get("reporter_phone") or "",
                email=data.get("reporter_email") or "",
                address=data.get("reporter_address") or "",
                id_number=data.get("reporter_id_number") or "",
            ),
            anonymous=bool(data.get("anonymous")),
            consent=bool(data.get("consent")),
            consent_contact=bool(data.get("consent_contact")),
            consent_sms=bool(data.get("consent_sms")),
            notify_purposes=self._notify_purposes(),
            truth_declaration=bool(data.get("truth_declaration")),
            already_sent_elsewhere=data.get("already_sent_elsewhere") or "",
            second_time=bool(data.get("second_time")),
            decision_complained=data.get("decision_complained") or "",
            decision_maker=data.get("decision_maker") or "",
            decision_date=data.get("decision_date"),
            first_decision_ref=data.get("first_decision_ref") or "",
            first_decision_received_on=data.get("first_decision_received_on"),
            first_deadline_passed=bool(data.get("first_deadline_passed")),
            first_accepted_on=data.get("first_accepted_on"),
            accused_name=data.get("accused_name") or "",
            accused_position=data.get("accused_position") or "",
            accused_is_head=bool(data.get("accused_is_head")),
        )

    def _notify_purposes(self) -> tuple[str, ...]:
        """The purposes ticked; all of them when the form did not show the choice
        (a client that posts without it: the hidden `notify_shown` marks it shown)."""
        if not self.data.get("notify_shown"):
            return tuple(c for c, _label in NOTIFY_PURPOSE_CHOICES)
        return tuple(self.cleaned_data.get("notify_purposes") or ())

    def add_service_errors(self, errors: dict[str, list[str]], *, keep: bool = False) -> None:
        """Show the service's errors beside the fields; with `keep`, a field that has an
        error of the form's own (a date it could not read) keeps that one only."""
        for key, messages in errors.items():
            field = SERVICE_TO_FORM_FIELD.get(key, key)
            if field not in self.fields:
                field = None
            if keep and field is not None and field in self.errors:
                continue
            for message in messages:
                self.add_error(field, message)

    @property
    def refused_anonymous_denunciation(self) -> bool:
        """The service refused an anonymous tố cáo: offer an anonymous phản ánh."""
        return (
            self.is_bound
            and self.data.get("kind") == CaseKind.TO_CAO
            and bool(self.errors.get("anonymous"))
        )


class PinInput(forms.TextInput):
    """The PIN box: digits, never written back into the page after a refused attempt, where
    anyone at a shared screen would read it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return None


class TrackingCodeField(forms.CharField):
    """A tracking code as the citizen types it, normalised (`normalize_tracking_code`).
    A text that cannot be a code is refused with the code's form: no code has that form, so
    this tells nothing about which codes exist, and a typo is not answered "not found" nor
    counted as a wrong PIN."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mã hồ sơ"))
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("widget", forms.TextInput(
            attrs={"placeholder": "YT-2026-000123", "autocapitalize": "characters",
                   "autocomplete": "off", "spellcheck": "false"}
        ))
        super().__init__(**kwargs)

    def clean(self, value):
        code = normalize_tracking_code(super().clean(value))
        if not TRACKING_CODE_RE.match(code):
            raise forms.ValidationError(_("Mã hồ sơ có dạng YT-2026-000123."), code="format")
        return code


class TrackingLookupForm(forms.Form):
    tracking_code = TrackingCodeField()
    pin = forms.CharField(
        label=_("Mã PIN"), max_length=16, widget=PinInput(attrs={"spellcheck": "false"})
    )


class PinForm(forms.Form):
    pin = forms.CharField(label=_("Mã PIN"), max_length=16, widget=PinInput())


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Bạn đánh giá việc giải quyết hồ sơ thế nào?"),
        choices=[
            ("5", _("5 — Rất hài lòng")),
            ("4", _("4 — Hài lòng")),
            ("3", _("3 — Bình thường")),
            ("2", _("2 — Không hài lòng")),
            ("1", _("1 — Rất không hài lòng")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn mức đánh giá từ 1 đến 5."),
            "invalid_choice": _("Hãy chọn mức đánh giá từ 1 đến 5."),
        },
    )
    comment = forms.CharField(
        label=_("Nhận xét (không bắt buộc)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---- citizen: PIN re-send and the answer to a request for information -----------------


class PinResendForm(forms.Form):
    tracking_code = TrackingCodeField()


class InfoReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung bổ sung"),
        required=False,
        max_length=5000,
        help_text=_("Tối đa 5.000 ký tự."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
    )
    attachments = MultipleFileField(
        label=_("Ảnh hoặc tệp PDF kèm theo (không bắt buộc)"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _show_limits(self)
