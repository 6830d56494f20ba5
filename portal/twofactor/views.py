"""The pages of two-factor sign-in, under /admin/xac-thuc-hai-buoc/ (Vietnamese, no
JavaScript needed): the code after the password, the setup with a QR code, the user's own
settings, and an administrator's reset of another user's devices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.twofactor import devices, policy
from portal.twofactor.forms import CodeForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _refusal_message(refused) -> str:
    if refused.throttled:
        return _(
            "Đã nhập sai mã quá nhiều lần. Hãy đợi %(seconds)d giây rồi thử lại với mã mới "
            "trong ứng dụng."
        ) % {"seconds": refused.wait}
    return _(
        "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng "
        "(mỗi mã chỉ dùng được một lần)."
    )


def _refused_response(request, template, context, form, refused):
    form.add_error("code", _refusal_message(refused))
    response = TemplateResponse(request, template, {**context, "form": form},
                                status=429 if refused.throttled else 200)
    if refused.throttled:
        response["Retry-After"] = str(refused.wait)
    return response


def verify(request):
    """The code after the password, once per session."""
    if policy.pending_step(request.user) != policy.VERIFY:
        return redirect(_next_url(request))
    context = {"next": _next_url(request), "backup_left": devices.backup_codes_left(request.user)}
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checked = devices.check_code(request.user, form.cleaned_data["code"])
        if isinstance(checked, devices.Refused):
            return _refused_response(request, "twofactor/verify.html", context, form, checked)
        devices.sign_in(request, checked)
        return redirect(context["next"])
    return TemplateResponse(request, "twofactor/verify.html", {**context, "form": form})


def setup(request):
    """Add an authenticator app: a QR code (and the key to type), then one of its codes.
    A user who already has a device must have used it in this session first."""
    step = policy.pending_step(request.user)
    if step == policy.VERIFY:
        return redirect(f"{reverse('twofactor_verify')}?next={reverse('twofactor_setup')}")
    device = devices.pending_app_device(request.user)
    required = policy.required_for(request.user)
    context = {
        "next": _next_url(request),
        "required": required,
        "first_time": step == policy.SETUP,
        "replacing": devices.has_app(request.user),
        "qr_svg": devices.qr_svg(device),
        "secret": devices.secret_for_people(device),
    }
    form = CodeForm(request.POST or None, backup_allowed=False)
    if request.method == "POST" and form.is_valid():
        result = devices.confirm_setup(request, device, form.cleaned_data["code"])
        if isinstance(result, devices.Refused):
            return _refused_response(request, "twofactor/setup.html", context, form, result)
        return TemplateResponse(
            request, "twofactor/backup_codes.html",
            {"codes": result, "next": context["next"], "just_set_up": True},
        )  # fmt: skip
    return TemplateResponse(request, "twofactor/setup.html", {**context, "form": form})


def manage(request):
    """The user's own page: state, set up or change the app, new backup codes, turn off."""
    user = request.user
    context = {
        "enabled": devices.has_app(user),
        "required": policy.required_for(user),
        "backup_left": devices.backup_codes_left(user),
        "last_used": devices.last_used(user),
    }
    return TemplateResponse(request, "twofactor/manage.html", context)


@require_POST
def backup_codes(request):
    if not devices.has_app(request.user):
        return redirect("twofactor_manage")
    codes = devices.regenerate_backup_codes(request)
    return TemplateResponse(
        request, "twofactor/backup_codes.html",
        {"codes": codes, "next": reverse("twofactor_manage"), "just_set_up": False},
    )  # fmt: skip


@require_POST
def disable(request):
    if policy.required_for(request.user):
        messages.error(request, _("Tài khoản của bạn bắt buộc dùng xác thực hai bước."))
        return redirect("twofactor_manage")
    devices.disable(request)
    messages.success(request, _("Đã tắt xác thực hai bước."))
    return redirect("twofactor_manage")


def may_reset(user) -> bool:
    return user.is_superuser or user.has_perm(policy.ADMINISTRATOR_PERMISSION)


def reset(request, user_id: int):
    """An administrator removes every device of another user (a lost or changed phone)."""
    if not may_reset(request.user):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = devices.reset(target, by=request.user)
        messages.success(
            request,
            _("Đã đặt lại xác thực hai bước của %(name)s (%(count)d thiết bị đã xóa).")
            % {"name": target.get_full_name() or target.get_username(), "count": removed},
        )
        return redirect("wagtailusers_users:index")
    context = {
        "target": target,
        "enabled": devices.has_app(target),
        "required": policy.required_for(target),
    }
    return TemplateResponse(request, "twofactor/reset.html", context)
