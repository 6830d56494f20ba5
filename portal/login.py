"""The staff sign-in form (`/admin/login/`, `WAGTAILADMIN_USER_LOGIN_FORM`).

Wagtail's form gives its password field no label, so Django names it after the field
("Password", in English whatever the language); the username's label is the user model's
verbose name. Both are given here in Vietnamese (English through the catalogue)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["username"].widget.attrs["placeholder"] = _("Nhập tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].widget.attrs["placeholder"] = _("Nhập mật khẩu")
