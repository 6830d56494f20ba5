"""Forms of the case workspace. They only collect input: every rule is checked by
the services they hand it to (`case_transition`, `cases_assign`, `case_note_add`),
whose errors come back beside the fields."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind, PressFinding
from complaints.models import Facility
from complaints.selectors.history import staff_name
from complaints.transitions import CITIZEN_KINDS, FILE_REASONS, Transition

# How many matters the split form offers (the service accepts up to 10).
SPLIT_PARTS = 3

_TEXTAREA = {"rows": 3}


def facility_choices() -> list[tuple[str, str]]:
    """Active facilities by code (the services take codes)."""
    rows = Facility.objects.active().order_by("name").values_list("code", "name")
    return [("", "---------"), *((code, f"{name} ({code})") for code, name in rows)]


def handler_choices() -> list[tuple[str, str]]:
    """Active staff who may act on cases (the service checks the unit)."""
    User = get_user_model()
    act = Permission.objects.filter(content_type__app_label="complaints", codename="act_on_case")
    has_act = Q(is_superuser=True) | Q(user_permissions__in=act) | Q(groups__permissions__in=act)
    users = (
        User.objects.filter(has_act, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    return [
        ("", _("(chưa chọn cán bộ)")),
        *((u.get_username(), f"{staff_name(u)} ({u.get_username()})") for u in users),
    ]


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
            label=_("Đơn vị xử lý"), choices=facility_choices(), **text
        ),
        "user": lambda: forms.ChoiceField(
            label=_("Cán bộ xử lý"), choices=handler_choices(), **text
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
        "note": lambda: forms.CharField(
            label=_("Ghi chú nội bộ"),
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Chỉ cán bộ xem được."),
            **text,
        ),
    }
    if name in specs:
        return specs[name]()
    return forms.CharField(label=name, **text)


class TransitionForm(forms.Form):
    """The fields of one transition, plus the state the user saw (`expected_status`):
    if the case moved meanwhile, the service refuses (a stale form, HTTP 409)."""

    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, transition: Transition, case=None, **kwargs):
        kwargs.setdefault("prefix", transition.action)
        super().__init__(*args, **kwargs)
        self.transition = transition
        if case is not None:
            self.fields["expected_status"].initial = case.status
        for name in transition.fields:
            if name == "parts":
                self._add_split_fields(case)
            else:
                self.fields[name] = _field(name, transition)

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


class BulkAssignForm(forms.Form):
    """Assign many cases at once (`cases_assign`: all or none)."""

    case_ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), label=_("Hồ sơ"))
    facility = forms.ChoiceField(label=_("Giao cho đơn vị"))
    user = forms.ChoiceField(label=_("Cán bộ xử lý"), required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, case_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_ids"].choices = [(pk, pk) for pk in case_ids]
        # Evaluated once per form (a callable would query at every iteration).
        self.fields["facility"].choices = facility_choices()
        self.fields["user"].choices = handler_choices()
