from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One field: the 6-digit code of the app, or (when signing in) a backup code. The
    input is written out in twofactor/_code_field.html (one-time-code, numeric keypad)."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        strip=True,
        error_messages={"required": _("Hãy nhập mã xác thực.")},
    )

    def __init__(self, *args, backup_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã dự phòng.")
            if backup_allowed
            else _("6 chữ số đang hiện trong ứng dụng xác thực sau khi thêm tài khoản.")
        )
