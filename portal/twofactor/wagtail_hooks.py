"""Two-factor sign-in in the Wagtail admin: its pages, the link on the account page, the
reset button of the user list, and the labels of its entries in the site history."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from portal.twofactor import devices, urls, views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("", include(urls))]


@hooks.register("register_account_menu_item")
def account_menu_item(request):
    return {
        "url": reverse("twofactor_manage"),
        "label": _("Xác thực hai bước"),
        "help_text": _(
            "Đăng nhập bằng mật khẩu và mã 6 chữ số từ ứng dụng xác thực trên điện thoại."
        ),
    }


@hooks.register("register_user_listing_buttons")
def reset_button(user, request_user):
    if views.may_reset(request_user) and user.pk != request_user.pk:
        yield Button(
            _("Đặt lại xác thực hai bước"),
            url=reverse("twofactor_reset", args=[user.pk]),
            icon_name="lock",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in (
        (devices.LOG_SETUP, _("Thiết lập xác thực hai bước")),
        (devices.LOG_BACKUP_CODES, _("Tạo mã dự phòng mới")),
        (devices.LOG_BACKUP_CODE_USED, _("Đăng nhập bằng mã dự phòng")),
        (devices.LOG_DISABLE, _("Tắt xác thực hai bước")),
        (devices.LOG_RESET, _("Đặt lại xác thực hai bước")),
    ):
        actions.register_action(action, label, label)
