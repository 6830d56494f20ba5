"""The admin's user forms (/admin/users/) with the units a staff member works for.

Wagtail's user viewset (`WagtailUsersAppConfig.user_viewset`, set in
`complaints.admin.users_app`) with two more things on the create and edit forms:
- "Đơn vị công tác": the `FacilityMembership` rows (which cases the person sees,
  `CaseQuerySet.in_scope_of`; whose alerts they receive), saved through
  `complaints.services.staff.staff_units_set`, every change in the membership's history;
- an e-mail address used by another account is refused (`OneAccountPerAddressMixin`);
- deactivating someone or moving them out of a unit while they handle open cases of it
  asks for a confirmation naming how many, with a link to them; on saving, those cases
  are unassigned (`staff_cases_release`) and wait under "Chưa giao cán bộ" for a leader
  (so does the user list's bulk deactivation).
The user list shows each person's roles (groups) and units, and their state in words."""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm, UserForm
from wagtail.users.views import users as wagtail_users

from complaints.admin.filters import OPEN
from complaints.models import Facility, FacilityMembership
from complaints.services.staff import (
    cases_released_by,
    held_cases,
    staff_cases_release,
    staff_units_set,
)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def held_cases_url(user) -> str:
    """The case list showing the open cases `user` handles."""
    query = urlencode({"status": OPEN, "handler": user.get_username()})
    return f"{reverse('complaints_admin:index')}?{query}"


class StaffUnitsMixin(forms.Form):
    units = UnitChoiceField(
        queryset=Facility.objects.none(),
        required=False,
        label=_("Đơn vị công tác"),
        help_text=_(
            "Cán bộ thấy và xử lý hồ sơ của các đơn vị này và các đơn vị trực thuộc. "
            "Người có quyền “Xem hồ sơ toàn tỉnh” không cần đơn vị."
        ),
        # Boxes to tick, not a multiple select: a click without Ctrl on a select drops
        # every other unit (and with them the cases held there).
        widget=forms.CheckboxSelectMultiple,
    )
    receives_notifications = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Nhận thư thông báo hồ sơ mới của đơn vị"),
    )
    release_confirmed = forms.BooleanField(
        required=False,
        label=_("Đồng ý bỏ giao các hồ sơ cán bộ này đang xử lý"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance if self.instance.pk else None
        units = Facility.objects.filter(is_active=True)
        if user is not None:
            units = Facility.objects.filter(Q(is_active=True) | Q(memberships__user=user))
            memberships = list(user.facility_memberships.all())
            self.initial.setdefault("units", [m.facility_id for m in memberships])
            if memberships:
                self.initial.setdefault(
                    "receives_notifications", any(m.receives_notifications for m in memberships)
                )
        self.fields["units"].queryset = units.distinct().order_by("name")
        self.held_count = held_cases(user).count() if user is not None else 0
        self.held_url = held_cases_url(user) if user is not None else ""
        self.releasing_ids: list[int] = []

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or not self.held_count:
            return cleaned
        active = cleaned.get("is_active", self.instance.is_active)
        releasing = cases_released_by(
            self.instance, active=active, units=cleaned.get("units") or []
        )
        self.releasing_ids = list(releasing.values_list("pk", flat=True))
        count = len(self.releasing_ids)
        if count and not cleaned.get("release_confirmed"):
            self.add_error(
                "release_confirmed",
                format_html(
                    '{} <a href="{}">{}</a>',
                    ngettext(
                        "Cán bộ này đang xử lý %(count)s hồ sơ chưa kết thúc của đơn vị sắp "
                        "rời hoặc bị bỏ kích hoạt: khi lưu, hồ sơ sẽ bị bỏ giao và hiện ở "
                        "“Chưa giao cán bộ” để lãnh đạo giao lại. Đánh dấu ô này để lưu.",
                        "Cán bộ này đang xử lý %(count)s hồ sơ chưa kết thúc của đơn vị sắp "
                        "rời hoặc bị bỏ kích hoạt: khi lưu, hồ sơ sẽ bị bỏ giao và hiện ở "
                        "“Chưa giao cán bộ” để lãnh đạo giao lại. Đánh dấu ô này để lưu.",
                        count,
                    )
                    % {"count": count},
                    self.held_url,
                    _("Xem các hồ sơ"),
                ),
            )
        return cleaned


class OneAccountPerAddressMixin(forms.Form):
    """An e-mail address belongs to one account, whatever its case: a password reset
    (/admin/password_reset/) mails a working link for every account of the address, so
    whoever reads a shared mailbox could take them all over. And a taken username is said
    in Vietnamese only (Wagtail's message names the field "username")."""

    error_messages = {
        **UserForm.error_messages,
        "duplicate_username": _("Tên đăng nhập này đã được dùng."),
    }

    def clean_email(self):
        email = self.cleaned_data.get("email") or ""
        other = (
            get_user_model()
            .objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .order_by("pk")
            .first()
        )
        if email and other is not None:
            raise forms.ValidationError(
                _(
                    "Thư điện tử này đã dùng cho tài khoản %(username)s: thư đặt lại mật khẩu "
                    "gửi đến một địa chỉ mở được mọi tài khoản của địa chỉ đó. Dùng một địa chỉ "
                    "riêng cho mỗi tài khoản."
                ),
                code="duplicate_email",
                params={"username": other.get_username()},
            )
        return email


class StaffUserCreationForm(OneAccountPerAddressMixin, StaffUnitsMixin, UserCreationForm):
    pass


class StaffUserEditForm(OneAccountPerAddressMixin, StaffUnitsMixin, UserEditForm):
    pass


class StaffUnitsSaveMixin:
    """Saves the units with the user, and unassigns the cases the change releases, in the
    transaction of Wagtail's `form_valid`."""

    def save_instance(self):
        user = super().save_instance()
        data = self.form.cleaned_data
        staff_units_set(
            user=user,
            units=data["units"],
            receives_notifications=data["receives_notifications"],
        )
        if self.form.releasing_ids:
            released = staff_cases_release(
                user=user, case_ids=self.form.releasing_ids, actor=self.request.user
            )
            if released:
                messages.warning(
                    self.request,
                    ngettext(
                        "Đã bỏ giao %(count)s hồ sơ của cán bộ này; hồ sơ hiện ở “Chưa giao "
                        "cán bộ” chờ lãnh đạo giao lại.",
                        "Đã bỏ giao %(count)s hồ sơ của cán bộ này; hồ sơ hiện ở “Chưa giao "
                        "cán bộ” chờ lãnh đạo giao lại.",
                        len(released),
                    )
                    % {"count": len(released)},
                )
        return user


class StaffUserCreateView(StaffUnitsSaveMixin, wagtail_users.CreateView):
    pass


class StaffUserEditView(StaffUnitsSaveMixin, wagtail_users.EditView):
    pass


def _roles(user) -> str:
    names = [group.name for group in user.groups.all()]
    if user.is_superuser:
        names.insert(0, str(_("Quản trị hệ thống")))
    return ", ".join(names) or "—"


def _units(user) -> str:
    return ", ".join(m.facility.name for m in user.facility_memberships.all()) or "—"


class StaffUserIndexView(wagtail_users.IndexView):
    """Who each person is for the portal: their roles (the groups that give their rights),
    their units (the cases they see) and whether the account is open, in words (Wagtail's
    own column is an icon titled "True"/"False"); two prefetches, whatever the page's size."""

    @cached_property
    def columns(self):
        name, username, last_login = (
            column for column in super().columns
            if column.name in {"name", self.model.USERNAME_FIELD, "last_login"}
        )
        return [
            super().columns[0],  # the bulk actions' checkbox
            name,
            username,
            Column("roles", accessor=_roles, label=_("Vai trò"), classname="roles"),
            Column("units", accessor=_units, label=_("Đơn vị công tác"), classname="units"),
            Column(
                "is_active",
                accessor=lambda u: _("Đang hoạt động") if u.is_active else _("Đã khóa"),
                label=_("Trạng thái"),
                sort_key="is_active",
                classname="status",
            ),
            last_login,
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related(
            "groups",
            Prefetch(
                "facility_memberships",
                queryset=FacilityMembership.objects.select_related("facility").order_by(
                    "facility__name"
                ),
            ),
        )


class StaffUserViewSet(wagtail_users.UserViewSet):
    index_view_class = StaffUserIndexView
    add_view_class = StaffUserCreateView
    edit_view_class = StaffUserEditView
    create_template_name = "complaints/admin/users/create.html"
    edit_template_name = "complaints/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


@hooks.register("after_bulk_action")
def release_cases_of_deactivated_users(request, action_type, objects, action_class_instance):
    """The user list's bulk "set active state" to inactive: the users' open cases are
    unassigned as the edit form does it."""
    if action_type != "set_active_state" or not objects:
        return
    if action_class_instance.cleaned_form.cleaned_data.get("mark_as_active"):
        return
    with transaction.atomic():
        for user in objects:
            user.refresh_from_db(fields=["is_active"])
            if not user.is_active:
                ids = list(held_cases(user).values_list("pk", flat=True))
                staff_cases_release(user=user, case_ids=ids, actor=request.user)
