"""Two-factor sign-in in the Wagtail admin: its pages, the link on the account page, the
reset button of the user list, the labels of its entries in the site history, and the
admin home's offer to whoever signs in with a password alone."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from portal.twofactor import devices, policy, urls, views


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


# Who signs and issues a unit's documents (a leader, `complaints.approve_case`): told why a
# password alone is not enough for them.
SIGNER_PERMISSION = "complaints.approve_case"


class TwoFactorOfferPanel(Component):
    """The admin home's offer of two-factor sign-in to a staff member who signs in with a
    password alone (those it is required of never reach the home without it: `policy`).
    No query of its own (the middleware already asked whether the user has a device); not
    shown once the person has one."""

    name = "twofactor_offer"
    order = 5
    template_name = "twofactor/home_offer.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        user = self.request.user
        # A session reaches the admin home unverified only when its user has no device
        # (one with a device is sent to enter its code first: `policy.pending_step`).
        if policy.is_verified(user):
            return ""
        return render_to_string(
            self.template_name,
            {"setup_url": reverse("twofactor_manage"),
             "signs": user.has_perm(SIGNER_PERMISSION)},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def offer_two_factor(request, panels):
    if request.user.is_authenticated:
        panels.insert(0, TwoFactorOfferPanel(request))


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
