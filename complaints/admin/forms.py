"""Forms of the case workspace. They only collect input: every rule is checked by
the services they hand it to (`case_transition`, `cases_assign`, `case_note_add`),
whose errors come back beside the fields."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.admin.choices import workspace_choices
from complaints.admin.choosers import category_chooser_viewset, facility_chooser_viewset
from complaints.admin.widgets import InlineOptionsSelect
from complaints.forms import SubmissionForm
from complaints.kinds import CaseKind, CaseStatus, Channel, ConclusionFinding, PressFinding
from complaints.models import Category, Facility
from complaints.rules.verification import DECLARATION
from complaints.transitions import (
    CITIZEN_KINDS,
    FILE_REASONS,
    STAFF_RECORDED_CHANNELS,
    Transition,
)

# How many matters the split form offers (the service accepts up to 10).
SPLIT_PARTS = 3

_TEXTAREA = {"rows": 3}


def facility_choices() -> list[tuple[str, str]]:
    """Active facilities by code (the services take codes), kept per process
    (`complaints.admin.choices`)."""
    return [("", "---------"), *workspace_choices().active_units]


def assignable_facility_choices(user, *, case=None) -> list[tuple[str, str]]:
    """`facility_choices` narrowed to the units `user` may give work to (a unit's handler:
    its own subtree and the Văn phòng Sở, `assignable_unit_ids`); all for the Sở's officers."""
    from complaints.services.competence import assignable_unit_ids

    choices = facility_choices()
    allowed = assignable_unit_ids(user, case=case) if user is not None else None
    if allowed is None:
        return choices
    ids = workspace_choices().unit_ids
    return [(code, label) for code, label in choices if not code or ids.get(code) in allowed]


def own_facility_choices(user, units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`units` narrowed to those whose people `user` may name as handler (`own_unit_ids`:
    a unit's handler, their own unit and those below it; the Sở's office they hand a case
    back to picks its own officer, with the reason asked, `hand_up_refusal`)."""
    from complaints.services.competence import own_unit_ids

    own = own_unit_ids(user) if user is not None else None
    if own is None:
        return units
    ids = workspace_choices().unit_ids
    return [(code, label) for code, label in units if not code or ids.get(code) in own]


def handler_choices(
    units: list[tuple[str, str]] | None = None, *, case_kind: str | None = None
) -> list:
    """Active staff who may act on cases of `case_kind` (None: any kind), grouped by unit:
    the chosen unit's group only is valid (`clean_unit_handler`; a script shows only that
    group). Kept per process; with `units` (the "Đơn vị xử lý" choices offered beside it),
    only those units' groups, so no one reads the names of staff of a unit they may not give
    work to. A group is labelled like its unit's choice ("name (code)",
    `handler_choices_by_unit`)."""
    choices = workspace_choices()
    groups = (
        choices.press_handlers_by_unit
        if case_kind == CaseKind.BAO_CHI
        else choices.handlers_by_unit
    )
    if units is not None:
        offered = {label for code, label in units if code}
        groups = [group for group in groups if group[0] in offered]
    return [("", _("(chưa chọn cán bộ)")), *groups]


def clean_unit_handler(form, *, case_kind: str | None = None) -> None:
    """Staff alerts (issue 11): the handler named must be one of the chosen unit's people
    for a case of `case_kind` (None: any kind), checked here so a form posted without
    JavaScript is refused the same way."""
    from complaints.selectors.unit_staff import handler_of_unit

    facility, user = form.cleaned_data.get("facility"), form.cleaned_data.get("user")
    if (
        facility
        and user
        and not handler_of_unit(facility_code=facility, username=user, case_kind=case_kind)
    ):
        form.add_error("user", _("Cán bộ này không thuộc đơn vị được giao."))


def _field(name: str, transition: Transition) -> forms.Field:
    """The form field of one of a transition's fields (names of `complaints.transitions`)."""
    required = name in transition.required_fields
    text = {"required": required}
    if name == "reason" and transition.action == "file":
        return forms.ChoiceField(
            label=_("Lý do lưu đơn"),
            choices=[("", "---------"), *FILE_REASONS.items()],
            **text,
        )
    specs = {
        "reason": lambda: forms.CharField(
            label=_("Lý do"), widget=forms.Textarea(attrs=_TEXTAREA), **text
        ),
        "legal_ground": lambda: forms.CharField(
            label=_("Căn cứ pháp lý (điều, khoản)"), max_length=255, **text
        ),
        "to": lambda: forms.CharField(
            label=_("Cơ quan có thẩm quyền nhận"), max_length=255, **text
        ),
        "message": lambda: forms.CharField(
            label=_("Nội dung đề nghị bổ sung (gửi người dân)"),
            widget=forms.Textarea(attrs=_TEXTAREA),
            **text,
        ),
        "facility": lambda: forms.ChoiceField(
            label=_("Đơn vị xử lý"), choices=facility_choices(), widget=InlineOptionsSelect,
            **text,
        ),
        "user": lambda: forms.ChoiceField(
            label=_("Cán bộ xử lý"), choices=handler_choices(), widget=InlineOptionsSelect,
            **text,
        ),
        "very_complex": lambda: forms.BooleanField(
            label=_("Vụ việc đặc biệt phức tạp (tố cáo: gia hạn hai lần)"), required=False
        ),
        "conclusion": lambda: forms.CharField(
            label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 5}), **text
        ),
        "public_answer": lambda: forms.CharField(
            label=_("Trả lời công khai cho người dân"),
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Người gửi đọc được nội dung này khi tra cứu hồ sơ."),
            **text,
        ),
        "press_finding": lambda: forms.ChoiceField(
            label=_("Kết quả xác minh thông tin báo chí"),
            choices=[("", "---------"), *PressFinding.choices],
            **text,
        ),
        "duplicate_of": lambda: forms.CharField(
            label=_("Mã hồ sơ bị trùng"), max_length=32, **text
        ),
        "decided_on": lambda: forms.DateField(
            label=_("Ngày ra quyết định"),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Để trống nếu là hôm nay."),
            **text,
        ),
        "content": lambda: forms.CharField(
            label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}), **text
        ),
        "title": lambda: forms.CharField(label=_("Tiêu đề"), max_length=255, **text),
        "first_decision_ref": lambda: forms.CharField(
            label=_("Số, ngày quyết định giải quyết lần đầu"), max_length=255, **text
        ),
        # escalate: how the second complaint came in (its own channel in the reports)
        "channel": lambda: forms.ChoiceField(
            label=_("Kênh nhận đơn khiếu nại lần hai"),
            choices=[("", "---------"),
                     *((c, Channel(c).label) for c in STAFF_RECORDED_CHANNELS)],
            help_text=_("Để trống: như hồ sơ lần đầu (đơn qua bưu điện nếu hồ sơ lần đầu đến "
                        "từ ứng dụng đối tác hoặc báo chí)."),
            **text,
        ),
        # escalate: the first case has a second-time complaint already (services/second_round.py)
        "different_complaint": lambda: forms.BooleanField(
            label=_("Đây là một khiếu nại khác"),
            help_text=_(
                "Hồ sơ này đã có khiếu nại lần hai. Chỉ đánh dấu khi người khiếu nại khiếu nại "
                "một nội dung khác của quyết định, không phải gửi lại cùng khiếu nại (khoản 7 "
                "Điều 11 Luật Khiếu nại)."
            ),
            required=False,
        ),
        # conclude (khiếu nại, tố cáo): the decision signed on paper (rules/decision.py)
        "decision_symbol": lambda: forms.CharField(
            label=_("Số, ký hiệu quyết định, kết luận đã ký trên giấy"),
            max_length=64,
            help_text=_(
                "Ví dụ 12/QĐ-SYT. Để trống khi ban hành văn bản cùng bước này trên Cổng (trang "
                "“Văn bản” của hồ sơ: “Phê duyệt bước và ban hành”)."
            ),
            **text,
        ),
        # conclude (khiếu nại, tố cáo): its finding, in the kind's words (_narrow_finding)
        "finding": lambda: forms.ChoiceField(
            label=_("Kết luận nội dung"),
            choices=[("", "---------"), *ConclusionFinding.choices],
            **text,
        ),
        "decision_date": lambda: forms.DateField(
            label=_("Ngày ban hành"),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Ngày ký văn bản giấy: không sau hôm nay, không trước ngày thụ lý."),
            **text,
        ),
        # start_verification of a complaint, a denunciation: its decision signed on paper
        # (complaints/rules/paper_decision.py), named in the kind's words (_narrow_paper_decision)
        "paper_decision_symbol": lambda: forms.CharField(
            label=_("Số, ký hiệu văn bản đã ký trên giấy"), max_length=64, **text
        ),
        "paper_decision_date": lambda: forms.DateField(
            label=_("Ngày ban hành"),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Ngày ký văn bản giấy: không sau hôm nay, không trước ngày tiếp nhận "
                        "hồ sơ."),
            **text,
        ),
        # start_verification (complaints/rules/verification.py): the period; for a
        # denunciation the declaration of khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP. No
        # min_value, so a 0 or less gets the service's message, not Django's.
        "verification_days": lambda: forms.IntegerField(
            label=_("Thời hạn xác minh (số ngày)"),
            widget=forms.NumberInput(attrs={"min": 1}),
            help_text=_(
                "Số ngày kể từ ngày giao xác minh (không tính ngày giao); việc xác minh phải "
                "kết thúc trong thời hạn giải quyết của hồ sơ."
            ),
            **text,
        ),
        # The team, when one is formed (complaints/rules/verification_team.py).
        "verification_team": lambda: forms.CharField(
            label=_("Tổ xác minh (nếu thành lập)"),
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Mỗi dòng một người: họ và tên, chức vụ. Dòng đầu là Tổ trưởng. Tổ xác minh có "
                "từ hai người trở lên; để trống nếu chỉ giao một người xác minh."
            ),
            **text,
        ),
        "verifier_no_conflict": lambda: forms.BooleanField(label=DECLARATION, **text),
        # extend_verification (complaints/rules/verification_extension.py): the days added;
        # no min_value, so a 0 gets the service's message with its article.
        "verification_extra_days": lambda: forms.IntegerField(
            label=_("Số ngày gia hạn thời gian xác minh"),
            widget=forms.NumberInput(attrs={"min": 1}),
            help_text=_(
                "Tính từ ngày kế tiếp ngày hết thời hạn xác minh; thời hạn xác minh sau gia hạn "
                "không được vượt quá hạn giải quyết khiếu nại (khoản 3 Điều 7 Thông tư "
                "07/2013/TT-TTCP)."
            ),
            **text,
        ),
        # report_verification (complaints/rules/verification_report.py): the report's parts;
        # the finding's choices and the labels in the words of the case's law
        # (_narrow_verification_report).
        "verification_result": lambda: forms.CharField(
            label=_("Kết quả xác minh"),
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Kết quả xác minh đối với từng nội dung được giao xác minh."),
            **text,
        ),
        "proposed_finding": lambda: forms.ChoiceField(
            label=_("Đề xuất đánh giá nội dung"), choices=[("", "---------")], **text),
        "recommendation": lambda: forms.CharField(
            label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}), **text),
        "respondent_explanation": lambda: forms.CharField(
            label=_("Nội dung giải trình (nếu có)"),
            widget=forms.Textarea(attrs={"rows": 3}),
            **text,
        ),
        "dissent": lambda: forms.CharField(
            label=_("Ý kiến khác của thành viên Tổ xác minh (nếu có)"),
            widget=forms.Textarea(attrs={"rows": 2}),
            **text,
        ),
        "note": lambda: forms.CharField(
            label=_("Ghi chú nội bộ"),
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Chỉ cán bộ xem được."),
            **text,
        ),
    }
    specs.update(_procedure_specs(transition, text))
    if name in specs:
        return specs[name]()
    # notices: the fields of record_notice and record_press_request.
    from complaints.admin.notice_fields import notice_field

    field = notice_field(name, required=required)
    if field is not None:
        return field
    return forms.CharField(label=name, **text)


_TRI_STATE = [("", _("(giữ nguyên)")), ("yes", _("Có")), ("no", _("Không"))]


def _procedure_specs(transition: Transition, text: dict) -> dict:
    """Fields of the procedure's actions (issue 9): refusal grounds, competence facts,
    signature, dialogue, withdrawal, review."""
    from complaints.rules.dialogue import SETTLING, DialogueStatus
    from complaints.rules.refusal_grounds import REFUSAL_GROUNDS
    from complaints.rules.signature import SignatureMethod
    from complaints.rules.withdrawal import ContinueGround, WithdrawalForm, WithdrawalScope

    def choice(label, choices, **extra):
        return lambda: forms.ChoiceField(
            label=label, choices=[("", "---------"), *choices], **text, **extra
        )

    def line(label, **extra):
        return lambda: forms.CharField(label=label, max_length=255, **text, **extra)

    def area(label, rows=3, **extra):
        return lambda: forms.CharField(
            label=label, widget=forms.Textarea(attrs={"rows": rows}), **text, **extra
        )

    def moment(label, **extra):
        return lambda: forms.DateTimeField(
            label=label,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            **text, **extra,
        )

    grounds = [
        (g.code, g.choice_label())
        for g in REFUSAL_GROUNDS
        if transition.action in g.actions
    ]
    return {
        "legal_ground": choice(
            _("Căn cứ pháp lý"), grounds,
            help_text=_("Người gửi được thông báo căn cứ này; lý do chỉ nêu thêm chi tiết."),
        ),
        "method": choice(_("Hình thức"), SignatureMethod.choices),
        "attachment": choice(_("Tệp đính kèm của hồ sơ"), []),
        "document_ref": line(_("Số, ngày văn bản (đơn, biên bản, bản có chữ ký)")),
        "about_facility": lambda: forms.ChoiceField(
            label=_("Cơ sở có quyết định, hành vi bị khiếu nại, tố cáo"),
            choices=facility_choices(), **text,
        ),
        "category": lambda: forms.ChoiceField(
            label=_("Lĩnh vực"),
            choices=[
                ("", "---------"),
                *Category.objects.filter(is_active=True)
                .order_by("name")
                .values_list("code", "name"),
            ],
            **text,
        ),
        "second_time": lambda: forms.ChoiceField(
            label=_("Khiếu nại lần hai"), choices=_TRI_STATE, **text
        ),
        "accused_is_head": lambda: forms.ChoiceField(
            label=_("Người bị tố cáo là người đứng đầu hoặc cấp phó"), choices=_TRI_STATE, **text
        ),
        "sent_to_competent_body": lambda: forms.ChoiceField(
            label=_("Người tố cáo đã gửi đồng thời cơ quan có thẩm quyền (Điều 24 Luật Tố cáo)"),
            choices=_TRI_STATE, **text,
        ),
        "decision_complained": line(_("Quyết định, hành vi bị khiếu nại")),
        "decision_maker": line(_("Người ra quyết định, thực hiện hành vi")),
        "accused_name": line(_("Người bị tố cáo")),
        "accused_position": line(_("Chức vụ người bị tố cáo")),
        "scheduled_at": moment(
            _("Thời gian đối thoại"),
            help_text=_("Ít nhất 05 ngày sau ngày gửi giấy mời (Điều 28 Nghị định 124/2020)."),
        ),
        "notified_on": lambda: forms.DateField(
            label=_("Ngày gửi giấy mời đối thoại"),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=_("Để trống nếu là hôm nay."),
            **text,
        ),
        # The pending meeting the page showed: a move made meanwhile by someone else is
        # refused (complaints/services/dialogue_expected.py, `_narrow_expected_meeting`).
        "expected_meeting": lambda: forms.CharField(widget=forms.HiddenInput, required=False),
        "place": line(_("Địa điểm")),
        "participants": area(_("Thành phần tham gia")),
        "outcome": choice(
            _("Kết quả"),
            [(v, DialogueStatus(v).label) for v in DialogueStatus.values if v in SETTLING],
        ),
        "led_by": line(_("Người chủ trì đối thoại (họ tên, chức vụ)")),
        "led_by_head": lambda: forms.BooleanField(
            label=_("Giám đốc Sở (người giải quyết khiếu nại lần hai) trực tiếp chủ trì đối thoại"),
            help_text=_(
                "Bắt buộc khi đã đối thoại một khiếu nại lần hai: không phân công cấp phó hay "
                "cán bộ khác chủ trì (điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi "
                "bởi Điều 11 Nghị định 155/2026/NĐ-CP)."
            ),
            required=False,
        ),
        "without_dialogue_documents": lambda: forms.BooleanField(
            label=_("Vẫn kết luận: thông báo, biên bản đối thoại đã có bằng văn bản giấy ngoài "
                    "cổng"),
            required=False,
        ),
        "notices_given_outside": lambda: forms.BooleanField(
            label=_("Vẫn kết luận: các thông báo cho các bên đã được gửi ngoài cổng"),
            required=False,
        ),
        "minutes": area(_("Biên bản đối thoại (Mẫu số 14)"), rows=5),
        "result": area(
            _("Kết quả đối thoại: những nội dung đã thống nhất, những vấn đề còn ý kiến khác "
              "nhau"),
            rows=4,
            help_text=_(
                "Bắt buộc khi đã đối thoại; in vào mục III “Kết quả đối thoại” của biên bản "
                "(khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, "
                "thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP)."
            ),
        ),
        # record_dialogue: when a meeting held began and ended (Mẫu số 14)
        "started_at": moment(
            _("Giờ bắt đầu đối thoại"),
            help_text=_("Để trống nếu bắt đầu đúng thời gian đã mời."),
        ),
        "ended_at": moment(
            _("Giờ kết thúc đối thoại"),
            help_text=_(
                "Cùng ngày với giờ bắt đầu; in vào câu cuối của biên bản đối thoại (Mẫu số 14): "
                "“Buổi đối thoại kết thúc hồi … giờ … phút cùng ngày”."
            ),
        ),
        "form": choice(_("Hình thức rút đơn"), WithdrawalForm.choices),
        "scope": choice(_("Phạm vi"), WithdrawalScope.choices),
        "continue_ground": choice(_("Căn cứ tiếp tục giải quyết"), ContinueGround.choices),
        "withdrawn_by": line(_("Người rút đơn")),
        "withdrawn_part": area(_("Nội dung được rút")),
        "stop_decision_ref": line(_("Số, ngày quyết định đình chỉ")),
        "review_decision": line(_("Văn bản của cấp trên (số, ngày)")),
    }


def _report_proposal(case) -> str:
    """What the latest report on the verification proposed (complaints/rules/
    verification_report.py), for the resolver deciding the finding: "Báo cáo kết quả xác
    minh ngày 20/12/2026 đề xuất: Khiếu nại đúng một phần."; "" when there is none."""
    from django.utils.formats import date_format

    from complaints.rules.decision import finding_label
    from complaints.rules.verification_report import STEP

    if not case.pk or case.status != CaseStatus.VERIFYING:  # no report before verifying
        return ""
    event = case.events.filter(action=STEP).order_by("-at", "-pk").first()
    label = finding_label(case.kind, (event.data or {}).get("proposed_finding", "")) if (
        event) else ""
    if not label:
        return ""
    return _("Báo cáo kết quả xác minh ngày %(date)s đề xuất: %(finding)s.") % {
        "date": date_format(timezone.localtime(event.at).date(), "d/m/Y"), "finding": label}


def _press(case) -> bool:
    return case is not None and case.kind == CaseKind.BAO_CHI


def audience_line(*, public: bool, press: bool) -> str:
    """Who reads what the step records, beside its article. A press case has no sender
    (báo chí phản ánh: complaints/rules/press_office.py): the outlet and the public read the
    Sở's response published on the portal (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP), never
    the case's timeline (`press_case_tracking`)."""
    if press:
        return _(
            "Cơ quan báo chí và công chúng không xem diễn biến hồ sơ; họ đọc phản hồi đã đăng "
            "trên Cổng."
        )
    return _("Người gửi được thông báo.") if public else _("Thao tác nội bộ.")


class TransitionForm(forms.Form):
    """The fields of one transition, plus the state the user saw (`expected_status`):
    if the case moved meanwhile, the service refuses (a stale form, HTTP 409)."""

    expected_status = forms.CharField(widget=forms.HiddenInput)
    # One per form shown: the same form posted twice (a re-sent page, a double click
    # without JavaScript, two requests racing) is one step (`CaseActionView.post`).
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, transition: Transition, case=None, user=None, **kwargs):
        kwargs.setdefault("prefix", transition.action)
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields["form_token"].initial = uuid.uuid4().hex
        # Why a choice is not offered, shown above the fields. Not `notice`: a template reads
        # `form.notice` as the form's field of that name first (record_notice has one).
        self.form_notice = ""
        # The articles of this case's kind only (a khiếu nại's form cites no Luật Tố cáo).
        self.legal_basis = transition.basis_of(case) if case else transition.legal_basis
        self.public = transition.public_for(case.kind) if case else transition.public
        self.audience = audience_line(public=self.public, press=_press(case))
        if case is not None:
            self.fields["expected_status"].initial = case.status
        for name in transition.fields:
            if name == "parts":
                self._add_split_fields(case)
            else:
                self.fields[name] = _field(name, transition)
        self.case_kind = case.kind if case is not None else None
        if transition.action == "assign" and "facility" in self.fields:
            units = None
            if user is not None:
                units = assignable_facility_choices(user, case=case)
                self.fields["facility"].choices = units
            named = own_facility_choices(user, units) if units is not None else None
            if "user" in self.fields:
                self.fields["user"].choices = handler_choices(named, case_kind=self.case_kind)
            if "note" in self.fields and named is not None and len(named) < len(units):
                # A unit offered outside the user's own (the Sở's office): `hand_up_refusal`.
                self.fields["note"].help_text = _(
                    "Bắt buộc khi trả hồ sơ về đơn vị ngoài đơn vị bạn: ghi lý do và căn cứ."
                )
        if user is not None and case is not None and "user" in self.fields:
            self._narrow_handler(case, user)
        if case is not None:
            self._narrow_to_case(case, user)

    def _narrow_handler(self, case, user) -> None:
        """On a tố cáo only a leader names the handler (khoản 1 Điều 31, Điều 47 Luật Tố
        cáo, `may_name_handler`): to anyone else the form lists no officer and says who
        assigns; the unit alone is theirs to give."""
        from complaints.rules.denunciation_handler import LEADER_NAMES_HANDLER, may_name_handler

        if may_name_handler(case=case, actor=user):
            return
        del self.fields["user"]
        self.form_notice = LEADER_NAMES_HANDLER

    def _narrow_to_case(self, case, user) -> None:
        """Choices that depend on the case: its kind's refusal grounds, its attachments
        (those `user` may see: a denouncer's files go with their identity)."""
        from complaints.rules.refusal_grounds import grounds_for

        if "legal_ground" in self.fields:
            self.fields["legal_ground"].choices = [
                ("", "---------"),
                *(
                    (g.code, g.choice_label())
                    for g in grounds_for(kind=case.kind, action=self.transition.action)
                ),
            ]
        if "notice" in self.fields:
            self._narrow_notices(case)
        if "recipients" in self.fields:
            self._narrow_recipients(case)
        if "attachment" in self.fields:
            self._narrow_attachments(case, user)
        if "led_by_head" in self.fields:
            self._narrow_dialogue_lead(case)
        self._narrow_confirmations(case)
        if "different_complaint" in self.fields:
            self._narrow_second_round(case)
        if "scheduled_at" in self.fields:
            self._narrow_dialogue_day()
        if "expected_meeting" in self.fields:
            self._narrow_expected_meeting(case)
        if "decision_symbol" in self.fields:
            self._narrow_decision(case)
        if "finding" in self.fields:
            self._narrow_finding(case)
        if "verification_days" in self.fields:
            self._narrow_verification(case)
        if "paper_decision_symbol" in self.fields:
            self._narrow_paper_decision(case)
        if "verification_extra_days" in self.fields:
            self._narrow_verification_extension(case)
        if "proposed_finding" in self.fields:
            self._narrow_verification_report(case)
        if "public_answer" in self.fields and case.kind == CaseKind.BAO_CHI:
            self._narrow_press_answer()
        if self.transition.action == "record_correction_published":
            self._narrow_correction_basis(case)

    def _narrow_correction_basis(self, case) -> None:
        """The article of the pending request's own deadline: the rule in force on the day
        the outlet received it (complaints/rules/press_correction.py `correction_basis`),
        as the deadline table and the public response page cite it."""
        from complaints.services.press_correction import correction_pending

        row = correction_pending(case)
        if row is not None:
            self.legal_basis = row.legal_basis

    def _narrow_press_answer(self) -> None:
        """A press case's public answer is not read by tracking the case (an outlet has no
        PIN): it is the text of the Sở's response published on the portal's “Phản hồi báo
        chí” once reviewed (cms/services.py `press_response_create_from_case`)."""
        field = self.fields["public_answer"]
        field.label = _("Nội dung phản hồi công khai")
        field.help_text = _(
            "Nội dung trang “Phản hồi báo chí” trên Cổng: bộ phận báo chí soạn trang từ nội "
            "dung này và đăng sau khi được duyệt."
        )

    def _narrow_notices(self, case) -> None:
        """Only the notices the case owes now (its kind's steps still pending, soonest
        first; `complaints.services.notices.notices_pending`): a press case is never
        offered a denunciation's acceptance or a suspension decision. With one pending,
        it is chosen."""
        from complaints.services.notices import notices_pending
        from complaints.step_labels import step_label

        steps = dict.fromkeys(notices_pending(case).values_list("step", flat=True))
        self.fields["notice"].choices = [("", "---------"), *((s, step_label(s)) for s in steps)]
        if len(steps) == 1:  # the one notice owed: chosen already (the keyboard walk)
            self.fields["notice"].initial = next(iter(steps))

    def _narrow_recipients(self, case) -> None:
        """Only the parties the case's pending notices go to (complaints/rules/notices.py):
        a press case's statement to the outlet or in public, never a complaint's parties;
        with one notice pending, those it must reach are chosen (the outlet)."""
        from complaints.rules.notices import PARTIES
        from complaints.services.notices import notice_definition, notices_pending
        from complaints.step_labels import PARTY_LABELS

        steps = dict.fromkeys(notices_pending(case).values_list("step", flat=True))
        notices = [
            notice for step in steps
            if (notice := notice_definition(kind=case.kind, step=step, second=case.second_time))
        ]
        if not notices:
            return
        parties = {party for notice in notices for party in notice.recipients}
        field = self.fields["recipients"]
        field.choices = [(p, PARTY_LABELS[p]) for p in PARTIES if p in parties]
        if len(notices) == 1:
            field.initial = list(notices[0].must_reach)

    def _narrow_verification_report(self, case) -> None:
        """The report's parts in the words of the case's law (complaints/rules/
        verification_report.py): the proposed finding's choices are the decision's, the
        recommendation a complaint's resolution or a denunciation's handling, the
        explanation the respondent's or the denounced person's."""
        from complaints.citations import citation_read
        from complaints.rules.decision import decision_rule
        from complaints.rules.verification_report import DISSENT_ARTICLE, report_article

        if case.verification_reported_on is not None:  # a report again takes its place
            field = self.fields["verification_result"]
            replaces = _(
                "Đã có báo cáo kết quả xác minh ngày %(date)s: báo cáo này sẽ thay thế báo cáo "
                "trước trong hồ sơ và khi kết luận; lịch sử vẫn giữ cả hai."
            ) % {"date": case.verification_reported_on.strftime("%d/%m/%Y")}
            field.help_text = f"{field.help_text} {replaces}"
        rule = decision_rule(case)
        self.fields["proposed_finding"].choices = [("", "---------"), *rule.finding_choices()]
        self.fields["proposed_finding"].help_text = _(
            "Người giải quyết quyết định kết luận; đề xuất này hiện bên ô “Kết luận nội dung” "
            "khi kết luận (%(article)s)."
        ) % {"article": citation_read(report_article(case.kind))}
        denunciation = case.kind == CaseKind.TO_CAO
        self.fields["recommendation"].label = (
            _("Kiến nghị biện pháp xử lý") if denunciation
            else _("Kiến nghị nội dung giải quyết khiếu nại"))
        self.fields["recommendation"].help_text = _(
            "Kiến nghị xử lý đối với cơ quan, tổ chức, cá nhân có hành vi vi phạm; các biện pháp "
            "cần thiết để bảo vệ lợi ích của Nhà nước, quyền và lợi ích hợp pháp của cơ quan, tổ "
            "chức, cá nhân."
        ) if denunciation else _(
            "Kiến nghị giữ nguyên, hủy bỏ toàn bộ hoặc sửa đổi, bổ sung một phần quyết định hành "
            "chính, hành vi hành chính bị khiếu nại."
        )
        self.fields["respondent_explanation"].label = (
            _("Nội dung giải trình của người bị tố cáo (nếu có)") if denunciation
            else _("Nội dung giải trình của người bị khiếu nại (nếu có)"))
        self.fields["dissent"].help_text = (_(
            "Báo cáo được các thành viên Tổ xác minh thảo luận, đóng góp ý kiến (%(article)s); "
            "ghi ở đây ý kiến khác của thành viên."
        ) if denunciation else _(
            "Thành viên có ý kiến khác về kết quả xác minh được bảo lưu ý kiến của mình và ghi rõ "
            "trong báo cáo (%(article)s)."
        )) % {"article": citation_read(DISSENT_ARTICLE[case.kind])}

    def _narrow_verification_extension(self, case) -> None:
        """The period being extended and the limit, the resolution deadline, with the article
        (khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP); the reason named as the decision's."""
        from django.utils.formats import date_format

        from complaints.rules.verification_extension import EXTENSION_ARTICLE

        self.fields["reason"].label = _("Lý do gia hạn thời gian xác minh")
        if case.verification_until is None or case.resolve_by is None:
            return
        self.fields["verification_extra_days"].help_text = _(
            "Thời hạn xác minh hiện nay: %(days)s ngày, đến hết ngày %(until)s. Số ngày gia hạn "
            "tính từ ngày kế tiếp ngày hết thời hạn xác minh (hoặc ngày quyết định gia hạn, nếu "
            "thời hạn đã hết); thời hạn xác minh sau gia hạn không được sau hạn giải quyết khiếu "
            "nại ngày %(due)s (%(article)s)."
        ) % {
            "days": case.verification_days or "…",
            "until": date_format(case.verification_until, "d/m/Y"),
            "due": date_format(case.resolve_by, "d/m/Y"),
            "article": EXTENSION_ARTICLE,
        }

    def _narrow_verification(self, case) -> None:
        """The period's limit, the case's resolution deadline, with the article; the officer
        the declaration is about, when the case names one (complaints/rules/verification.py)."""
        from django.utils.formats import date_format

        from complaints.citations import citation_read
        from complaints.rules.verification import period_article
        from complaints.rules.verification_team import team_article
        from complaints.selectors.history import staff_name

        if case.resolve_by is not None:
            values = {"due": date_format(case.resolve_by, "d/m/Y"),
                      "article": citation_read(period_article(case))}
            self.fields["verification_days"].help_text = (_(
                "Số ngày kể từ ngày giao xác minh (không tính ngày giao); việc xác minh phải "
                "kết thúc không muộn hơn hạn giải quyết ngày %(due)s (%(article)s)."
            ) if values["article"] else _(
                "Số ngày kể từ ngày giao xác minh (không tính ngày giao); việc xác minh phải "
                "kết thúc không muộn hơn hạn giải quyết ngày %(due)s."
            )) % values
        team = self.fields.get("verification_team")
        article = citation_read(team_article(case.kind))
        if team is not None and article:
            team.help_text = (_(
                "Mỗi dòng một người: họ và tên, chức vụ. Dòng đầu là Tổ trưởng. Tổ xác minh có "
                "từ hai người trở lên (%(article)s); để trống nếu chỉ giao một người xác minh."
            ) if case.kind == CaseKind.TO_CAO else _(
                "Thành lập khi cần thiết (%(article)s). Mỗi dòng một người: họ và tên, chức vụ. "
                "Dòng đầu là Tổ trưởng. Tổ xác minh có từ hai người trở lên; để trống nếu chỉ "
                "giao một người xác minh."
            )) % {"article": article}
        field = self.fields.get("verifier_no_conflict")
        if field is not None and case.assigned_user is not None:
            field.help_text = _("Người được giao xác minh: %(name)s.") % {
                "name": staff_name(case.assigned_user)
            }

    def _narrow_paper_decision(self, case) -> None:
        """The step's decision signed on paper in the words of the case's law, with the
        article requiring it in writing (complaints/rules/paper_decision.py)."""
        from complaints.rules.paper_decision import paper_decision_rule

        rule = paper_decision_rule(case=case, action=self.transition.action)
        values = {"decision": rule.name_read(), "article": rule.article_for(case)}
        symbol = self.fields["paper_decision_symbol"]
        symbol.label = _("Số, ký hiệu %(decision)s đã ký trên giấy") % values
        symbol.help_text = _(
            "Khi %(decision)s (%(article)s) được ký trên giấy, không ban hành trên Cổng: ghi số, "
            "ký hiệu (ví dụ 12/QĐ-SYT) và ngày ban hành để các văn bản sau (như quyết định gia "
            "hạn thời gian xác minh) dẫn chiếu; để trống khi ban hành trên Cổng."
        ) % values
        self.fields["paper_decision_date"].label = _("Ngày ban hành %(decision)s") % values

    def _narrow_finding(self, case) -> None:
        """The finding in the words of the case's law, with its article: "Khiếu nại đúng một
        phần" (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại), "Tố cáo sai sự
        thật" (điểm c khoản 2 Điều 35 Luật Tố cáo); none for another kind."""
        from complaints.rules.decision import decision_rule

        rule = decision_rule(case)
        if rule is None:
            del self.fields["finding"]
            return
        field = self.fields["finding"]
        field.choices = [("", "---------"), *rule.finding_choices()]
        field.label = _("Kết luận nội dung %(kind)s") % {"kind": case.get_kind_display().lower()}
        field.help_text = _(
            "Theo %(article)s, %(decision)s phải kết luận nội dung là đúng, đúng một phần "
            "hay sai."
        ) % {"article": rule.finding_article_for(case), "decision": rule.name_read()}
        proposal = _report_proposal(case)
        if proposal:
            field.help_text = f"{field.help_text} {proposal}"

    def _narrow_decision(self, case) -> None:
        """The decision's fields in the words of the case's kind and its article: a
        complaint's decision (khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại), a
        denunciation's conclusion (khoản 1 Điều 35 Luật Tố cáo); none for another kind."""
        from complaints.rules.decision import DECISION_FIELDS, decision_rule

        rule = decision_rule(case)
        if rule is None:
            for name in DECISION_FIELDS:
                self.fields.pop(name, None)
            return
        values = {"decision": rule.name_read(), "article": rule.article_for(case)}
        self.fields["decision_symbol"].label = (
            _("Số, ký hiệu %(decision)s đã ký trên giấy") % values
        )
        self.fields["decision_symbol"].help_text = _(
            "Theo %(article)s, kết luận phải có %(decision)s bằng văn bản. Ghi số, ký hiệu của "
            "văn bản đã ký (ví dụ 12/QĐ-SYT); để trống khi ban hành văn bản cùng bước này trên "
            "Cổng (trang “Văn bản” của hồ sơ: “Phê duyệt bước và ban hành”)."
        ) % values
        self.fields["decision_date"].label = _("Ngày ban hành %(decision)s") % values

    def _narrow_expected_meeting(self, case) -> None:
        """The meeting pending as the page is shown, which a move replaces."""
        from complaints.services.dialogue_expected import pending_token

        self.fields["expected_meeting"].initial = pending_token(case)

    def _narrow_dialogue_day(self) -> None:
        """The earliest meeting day for an invitation sent today, a working day
        (`earliest_meeting_day`: 05 days after, moved past a weekend or holiday)."""
        from django.utils import timezone
        from django.utils.formats import date_format

        from complaints.citations import citation_read
        from complaints.rules.dialogue import NOTICE_ARTICLE, earliest_meeting_day
        from complaints.services.calendar import working_calendar

        day = earliest_meeting_day(timezone.localdate(), working_calendar())
        self.fields["scheduled_at"].help_text = _(
            "Ít nhất 05 ngày sau ngày gửi giấy mời (%(article)s). Giấy mời gửi hôm nay: ngày "
            "đối thoại sớm nhất là %(date)s (ngày làm việc)."
        ) % {"article": citation_read(NOTICE_ARTICLE), "date": date_format(day, "d/m/Y")}

    def _narrow_confirmations(self, case) -> None:
        """A confirmation of what the portal lacks before a decision only where something is
        missing, the warning as its help: the dialogue's notice or minutes
        (complaints/rules/dialogue_documents.py), the notices owed to the parties
        (complaints/rules/owed_notices.py)."""
        from complaints.rules import dialogue_documents, owed_notices

        for rule in (dialogue_documents, owed_notices):
            if rule.CONFIRMATION not in self.fields:
                continue
            missing = rule.missing(case)
            if not missing:
                del self.fields[rule.CONFIRMATION]
                continue
            self.fields[rule.CONFIRMATION].help_text = rule.missing_warning(missing)

    def _narrow_second_round(self, case) -> None:
        """The confirmation of a different complaint only where the first case has a
        second-time complaint already (complaints/services/second_round.py)."""
        from complaints.services.second_round import second_round_of

        if second_round_of(case) is None:
            del self.fields["different_complaint"]

    def _narrow_dialogue_lead(self, case) -> None:
        """A second-time complaint's dialogue is led by the head in person (điểm a khoản 2
        Điều 28 Nghị định 124/2020/NĐ-CP): the confirmation, and the head's name when the
        portal knows them (`unit_head`); for any other complaint neither."""
        from complaints.citations import citation_read
        from complaints.documents.services import unit_head
        from complaints.rules.dialogue import HEAD_LEADS_ARTICLE, head_must_lead
        from complaints.selectors.history import staff_name

        if not head_must_lead(case):
            del self.fields["led_by_head"]
            return
        head = unit_head(case.assigned_unit) if case.assigned_unit_id else None
        if head is not None and "led_by" in self.fields:
            # The head known, the chair must name them: the tick is derived from it, so an
            # inspector recording the minutes for the head confirms nothing in their place.
            del self.fields["led_by_head"]
            self.fields["led_by"].initial = staff_name(head)
            self.fields["led_by"].help_text = _(
                "Khiếu nại lần hai: Giám đốc Sở %(head)s trực tiếp chủ trì đối thoại (%(article)s)."
            ) % {"head": staff_name(head), "article": citation_read(HEAD_LEADS_ARTICLE)}

    def _narrow_attachments(self, case, user) -> None:
        """The case's files `user` may see (`attachments_for`). To whoever may not see a
        denouncer's identity the select names no file and takes none: a file picked
        by its number is an invalid choice (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""
        from complaints.selectors.identity import attachments_hidden

        field = self.fields["attachment"]
        if attachments_hidden(case=case, user=user):
            field.choices = [("", "---------")]
            field.widget.attrs["disabled"] = True
            field.help_text = _(
                "Tệp của đơn tố cáo được giữ bí mật cùng danh tính người tố cáo (khoản 3 "
                "Điều 8, Điều 47 Luật Tố cáo): ghi số, ngày của văn bản thay cho tệp."
            )
            return
        field.choices = [
            ("", "---------"),
            *((str(a.pk), a.original_name) for a in case.attachments.all()),
        ]

    def clean(self):
        cleaned = super().clean()
        if self.transition.action == "assign":
            clean_unit_handler(self, case_kind=self.case_kind)
            if "user" not in self.fields and self.data.get(self.add_prefix("user")):
                # An officer named on a form that offers none: refused, not dropped.
                self.add_error(None, self.form_notice)
        return cleaned

    def _add_split_fields(self, case) -> None:
        kinds = [(k, label) for k, label in CaseKind.choices if k in CITIZEN_KINDS]
        if case is not None and case.anonymous:
            kinds = [(k, label) for k, label in kinds if k != CaseKind.TO_CAO]
        for number in range(1, SPLIT_PARTS + 1):
            first = number == 1
            self.fields[f"part_{number}_title"] = forms.CharField(
                label=_("Vấn đề %(number)s: tiêu đề") % {"number": number},
                max_length=255,
                required=first,
            )
            self.fields[f"part_{number}_content"] = forms.CharField(
                label=_("Vấn đề %(number)s: nội dung") % {"number": number},
                widget=forms.Textarea(attrs=_TEXTAREA),
                required=first,
            )
            self.fields[f"part_{number}_kind"] = forms.ChoiceField(
                label=_("Vấn đề %(number)s: loại") % {"number": number},
                choices=kinds,
                initial=case.kind if case is not None else None,
                required=False,
            )

    def part_field_groups(self) -> list[list]:
        """The split form's fields, matter by matter (for the template)."""
        return [
            [self[f"part_{n}_{name}"] for name in ("title", "content", "kind")]
            for n in range(1, SPLIT_PARTS + 1)
            if f"part_{n}_title" in self.fields
        ]

    def service_data(self) -> dict:
        """What `case_transition` takes as `data` (valid form only)."""
        data = {"expected_status": self.cleaned_data["expected_status"]}
        for name in self.transition.fields:
            if name == "parts":
                data["parts"] = [
                    {
                        "title": self.cleaned_data[f"part_{n}_title"],
                        "content": self.cleaned_data[f"part_{n}_content"],
                        "kind": self.cleaned_data[f"part_{n}_kind"] or None,
                    }
                    for n in range(1, SPLIT_PARTS + 1)
                    if self.cleaned_data.get(f"part_{n}_title")
                    or self.cleaned_data.get(f"part_{n}_content")
                ]
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "") or value is False:
                continue
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's `TransitionInvalid.errors`, beside their fields."""
        for name, messages in errors.items():
            target = name if name in self.fields else None
            if name == "parts" and "part_1_title" in self.fields:
                target = None
            for message in messages:
                self.add_error(target, message)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ghi chú nội bộ mới"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Chỉ cán bộ xem được; không gửi cho người dân."),
    )
    # The same note form sent twice is one note (`CaseNoteView.post`).
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = uuid.uuid4().hex
        if _press(case):  # no sender: the outlet and the public read the published response
            self.fields["text"].help_text = _(
                "Chỉ cán bộ xem được; không gửi cho cơ quan báo chí, không công khai."
            )


class BulkAssignForm(forms.Form):
    """Assign many cases at once (`cases_assign`: all or none).

    `kinds` maps each case the form may carry to its kind (the list's rows, or the cases
    posted, read in the one query that checks their scope; `case_ids` alone: kinds
    unknown). On a tố cáo only a leader names the handler (khoản 1 Điều 31, Điều 47 Luật
    Tố cáo; `may_name_handlers`): to anyone else the officers' list says so
    (`leader_only_ids`: the rows whose ticking hides it), is not offered on a list of tố
    cáo only, and an officer posted with a tố cáo is refused here, before any case is
    touched."""

    case_ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), label=_("Hồ sơ"))
    facility = forms.ChoiceField(label=_("Giao cho đơn vị"), widget=InlineOptionsSelect)
    user = forms.ChoiceField(label=_("Cán bộ xử lý"), required=False, widget=InlineOptionsSelect)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case_ids=(), kinds=None, user=None, **kwargs):
        from complaints.rules.denunciation_handler import may_name_handlers

        # Its own ids: the list's filter form beside it has a `facility` too (one id, one
        # element; the label "Giao cho đơn vị" names this select).
        kwargs.setdefault("auto_id", "id_bulk_%s")
        super().__init__(*args, **kwargs)
        kinds = kinds if kinds is not None else dict.fromkeys(case_ids, "")
        self.fields["case_ids"].choices = [(pk, pk) for pk in kinds]
        # Evaluated once per form (a callable would query at every iteration).
        # Within the user's own units only: handing a case up to the Sở's office asks for
        # its reason, one case at a time (`hand_up_refusal`).
        units = own_facility_choices(user, assignable_facility_choices(user))
        self.fields["facility"].choices = units
        # The press office's officers are offered for press cases only (`press_office_counts`).
        press_only = bool(kinds) and set(kinds.values()) == {CaseKind.BAO_CHI}
        self.case_kind = CaseKind.BAO_CHI if press_only else None
        self.fields["user"].choices = handler_choices(units, case_kind=self.case_kind)
        self.form_notice = ""  # not `notice`: a field's name would shadow it in a template
        self.leader_only_ids = frozenset(
            pk
            for pk, kind in kinds.items()
            if user is not None and not may_name_handlers(kinds=[kind], actor=user)
        )
        if self.leader_only_ids:
            self._narrow_handler(every_case=self.leader_only_ids == set(kinds))

    def _narrow_handler(self, *, every_case: bool) -> None:
        from complaints.rules.denunciation_handler import BULK_LEADER_NAMES_HANDLER

        if every_case and not self.is_bound:
            # A list of tố cáo only: no officer to offer, only why.
            del self.fields["user"]
            self.form_notice = BULK_LEADER_NAMES_HANDLER
        else:
            self.fields["user"].help_text = BULK_LEADER_NAMES_HANDLER
            self.fields["user"].widget.attrs["aria-describedby"] = "cw-bulk-handler-help"

    def clean(self):
        from complaints.rules.denunciation_handler import BULK_REFUSAL

        cleaned = super().clean()
        clean_unit_handler(self, case_kind=self.case_kind)
        chosen = set(cleaned.get("case_ids") or ())
        if cleaned.get("user") and chosen & self.leader_only_ids:
            self.add_error("user", BULK_REFUSAL)
        return cleaned


# ---- cases staff record: a call, a visit, a letter; a press article --------------------


_DATE = {"type": "date"}


def _fieldsets(form, groups) -> list[tuple[str, list]]:
    """(legend, bound fields) for the template, skipping fields the form lacks."""
    return [
        (legend, [form[name] for name in names if name in form.fields])
        for legend, names in groups
    ]


class StaffIntakeForm(SubmissionForm):
    """A call to the hotline, a citizen at the reception desk or a letter, entered by
    staff (DOMAIN.md §1): the public form, plus the channel. The citizen's consent and
    the signature stand-in are what the citizen said or signed, recorded by staff;
    the filing-period warning is shown after saving, not asked to be confirmed."""

    channel = forms.ChoiceField(
        label=_("Hồ sơ đến qua"),
        choices=[
            (Channel.HOTLINE.value, Channel.HOTLINE.label),
            (Channel.IN_PERSON.value, Channel.IN_PERSON.label),
            (Channel.MAIL.value, Channel.MAIL.label),
        ],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Ngày Sở Y tế nhận được"),
        help_text=_(
            "Ngày nhận thư, cuộc gọi hoặc tiếp công dân; thời hạn tính từ ngày này. "
            "Để trống nếu là hôm nay."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    confirm_late = None  # the citizen's own acknowledgement: not asked of staff

    field_order = ["channel", "received_on", "kind"]

    def received_at(self):
        """When the Sở received it, for `case_submit`; None means now."""
        day = self.cleaned_data.get("received_on")
        if day is None or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["kind"].label = _("Loại hồ sơ")
        fields["anonymous"].label = _("Người dân không cho biết danh tính (chỉ với phản ánh)")
        fields["consent"].label = _(
            "Người dân đã đồng ý để Sở Y tế và cơ quan có thẩm quyền xử lý dữ liệu cá nhân "
            "của họ nhằm tiếp nhận và giải quyết hồ sơ này."
        )
        fields["consent"].help_text = _(
            "Hỏi người dân và chỉ đánh dấu khi họ đồng ý (im lặng không phải là đồng ý)."
        )
        fields["consent_contact"].label = _(
            "Người dân đồng ý nhận thông báo tiến trình qua thư điện tử."
        )
        if "consent_sms" in fields:  # only while the portal sends SMS (sms_available)
            fields["consent_sms"].label = _(
                "Người dân đồng ý nhận thông báo tiến trình qua tin nhắn SMS."
            )
        fields["notify_purposes"].label = _("Người dân muốn được báo khi")
        fields["notify_purposes"].help_text = _(
            "Hỏi người dân muốn được báo những việc nào và chỉ đánh dấu những việc họ chọn; "
            "chỉ gửi qua kênh họ đã đồng ý ở trên."
        )
        fields["truth_declaration"].label = _(
            "Đơn có chữ ký hoặc điểm chỉ của người gửi, hoặc người dân đã ký biên bản ghi "
            "lời khiếu nại, tố cáo."
        )
        fields["truth_declaration"].help_text = _(
            "Bắt buộc với khiếu nại và tố cáo (Điều 8 Luật Khiếu nại, Điều 23 Luật Tố cáo)."
        )
        fields["attachments"].label = _("Bản chụp đơn, giấy tờ kèm theo (không bắt buộc)")

    def _notify_purposes(self) -> tuple[str, ...]:
        """The purposes staff ticked: the form always shows them (no `notify_shown`)."""
        return tuple(self.cleaned_data.get("notify_purposes") or ())

    @property
    def fieldsets(self):
        return _fieldsets(
            self,
            [
                (_("Tiếp nhận"), ["channel", "received_on", "kind", "facility", "category"]),
                (_("Nội dung"), ["title", "content", "incident_date", "already_sent_elsewhere"]),
                (
                    _("Khiếu nại"),
                    ["second_time", "decision_complained", "decision_maker", "decision_date",
                     "first_decision_ref", "first_decision_received_on",
                     "first_deadline_passed", "first_accepted_on"],
                ),
                (_("Tố cáo"), ["accused_name", "accused_position", "accused_is_head"]),
                (
                    _("Người gửi"),
                    ["anonymous", "reporter_name", "reporter_phone", "reporter_email",
                     "reporter_address", "reporter_id_number"],
                ),
                (
                    _("Đồng ý và chữ ký"),
                    ["consent", "consent_contact", "consent_sms", "notify_purposes",
                     "truth_declaration"],
                ),
                (_("Tệp kèm theo"), ["attachments"]),
            ],
        )


class PressReportForm(forms.Form):
    """A published article, as the press office logs it (`case_log_press_report`)."""

    form_token = forms.CharField(widget=forms.HiddenInput)
    outlet = forms.CharField(label=_("Cơ quan báo chí"), max_length=255)
    article_title = forms.CharField(label=_("Tên bài báo"), max_length=500)
    article_url = forms.URLField(
        label=_("Đường dẫn bài báo"),
        max_length=1000,
        assume_scheme="https",
        required=False,
        help_text=_("Để trống nếu là báo in, truyền hình hoặc phát thanh."),
    )
    published_on = forms.DateField(
        label=_("Ngày đăng"),
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
        help_text=_("Ngày đăng, ngày phát sóng hoặc ngày ra số báo."),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Tôi đã xem hồ sơ đã có và vẫn muốn ghi nhận thành hồ sơ mới"),
        required=False,
    )
    matter = forms.CharField(
        label=_("Vấn đề bài báo nêu"),
        max_length=255,
        help_text=_("Một câu ngắn: là tiêu đề của hồ sơ."),
    )
    facility = forms.ModelChoiceField(
        label=_("Cơ sở y tế được nêu"),
        queryset=Facility.objects.all(),
        required=False,
        widget=facility_chooser_viewset.widget_class(),
    )
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        widget=category_chooser_viewset.widget_class(),
    )
    incident_date = forms.DateField(
        label=_("Ngày xảy ra sự việc"),
        required=False,
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
    )
    content = forms.CharField(
        label=_("Tóm tắt nội dung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Để trống: dùng nội dung bài báo."),
    )
    statement_needed = forms.BooleanField(
        label=_("Cần cung cấp thông tin ban đầu cho báo chí trong 24 giờ"),
        required=False,
        help_text=_(
            "Sự kiện, vấn đề quan trọng có tác động lớn trong xã hội, hoặc dư luận có nhiều ý "
            "kiến không thống nhất (khoản 3, khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP): 24 giờ "
            "tính từ lúc tiếp nhận. Nếu xác định sau, dùng thao tác “Xác định cần phát ngôn "
            "trong 24 giờ” trên trang hồ sơ."
        ),
    )
    article_text = forms.CharField(
        label=_("Bản sao nội dung bài báo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Dán toàn văn bài báo: bài trên mạng có thể bị sửa hoặc gỡ."),
    )

    # The cases already logged for this article (press_report_duplicates), set by the
    # view: the form then names them and asks to confirm.
    duplicates: list = ()

    @property
    def fieldsets(self):
        article = ["outlet", "article_title", "article_url", "published_on"]
        if self.duplicates or (self.is_bound and self.data.get("confirm_duplicate")):
            article.append("confirm_duplicate")
        return _fieldsets(
            self,
            [
                (_("Bài báo"), article),
                (
                    _("Vấn đề nêu"),
                    [
                        "matter", "facility", "category", "incident_date", "content",
                        "statement_needed",
                    ],
                ),
                (_("Bản sao bài báo"), ["article_text"]),
            ],
        )

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)

