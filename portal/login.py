"""The staff sign-in form (`/admin/login/`, `WAGTAILADMIN_USER_LOGIN_FORM`).

Wagtail's form gives its password field no label, so Django names it after the field
("Password", in English whatever the language); the username's label is the user model's
verbose name. Both are given here in Vietnamese (English through the catalogue).

Signing in as someone else in a browser already signed in ends the first person's session
there without a sign-out (Django's `login` flushes it): the form tells `staff_access`, so
that person's dashboards in this browser close as after a sign-out."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from complaints.selectors.staff_access import session_replaced


class StaffLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["username"].widget.attrs["placeholder"] = _("Nhập tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].widget.attrs["placeholder"] = _("Nhập mật khẩu")

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        session = getattr(self.request, "session", None)
        previous = session.get(SESSION_KEY) if session is not None else None
        if user is not None and previous is not None and str(previous) != str(user.pk):
            session_replaced(previous)
        return cleaned
