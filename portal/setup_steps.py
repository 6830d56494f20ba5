"""What is still to do before the portal takes its first case, as `setup_portal` ends by
listing it: each step checked against the database and the settings, so a run after the
units were imported no longer asks for them, and a portal with nothing left says so."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from portal.roles import ROLES

# The units not named when more are missing.
SHOWN = 5


def next_steps(*, skipped_rules: list[str]) -> list[str]:
    """The steps still to do, in order, in Vietnamese (`skipped_rules`: the default routing
    rules not installed for want of a unit, `install_default_rules().skipped`)."""
    from complaints.models import Category, Facility
    from complaints.notifications.staff import units_without_recipients

    steps = []
    units = Facility.objects.exists()
    if not units:
        steps.append(
            "Nhập cây đơn vị (import the units): manage.py import_facilities don_vi.csv\n"
            "     (cột, mã loại đơn vị: README \"Management commands\"), rồi chạy lại "
            "setup_portal\n     để cài các quy tắc phân công cần đơn vị (Thanh tra Sở, "
            "Văn phòng Sở…)."
        )
    elif skipped_rules:
        steps.append(
            f"{len(skipped_rules)} quy tắc phân công chưa cài vì thiếu đơn vị "
            f"({'; '.join(skipped_rules)}): nhập đơn vị đó (import_facilities), rồi chạy lại "
            "setup_portal."
        )
    users = get_user_model().objects.filter(is_active=True)
    admins = users.filter(is_superuser=True)
    second_factor = getattr(settings, "PORTAL_REQUIRE_2FA", True)
    if not admins.exists():
        steps.append(
            "Tạo quản trị viên đầu tiên (first administrator): manage.py createsuperuser"
            + ("\n     rồi đăng nhập /admin/ và cài xác thực hai bước (2FA) theo hướng dẫn."
               if second_factor else "")
        )
    elif second_factor and not _any_second_factor(admins):
        steps.append(
            "Đăng nhập /admin/ và cài xác thực hai bước (2FA) theo hướng dẫn trên màn hình."
        )
    if units and (unset := Category.objects.filter(is_active=True, default_unit=None).count()):
        steps.append(
            f"Chọn đơn vị mặc định của {unset} lĩnh vực (Danh mục & quy tắc → Lĩnh vực)."
        )
    roles = [name for name, _perms in ROLES.values()]
    if not users.filter(is_superuser=False, groups__name__in=roles).exists():
        steps.append("Tạo tài khoản cán bộ, gán vai trò và đơn vị (/admin/ → Người dùng).")
    silent = list(units_without_recipients().order_by("code").values_list("code", flat=True))
    if silent:
        named = ", ".join(silent[:SHOWN]) + (f" và {len(silent) - SHOWN} đơn vị khác"
                                             if len(silent) > SHOWN else "")
        steps.append(
            f"{len(silent)} đơn vị chưa có người nhận thông báo ({named}): thêm cột email "
            "khi nhập đơn vị (import_facilities), hoặc gán cán bộ nhận thông báo; đến khi đó, "
            "thông báo hồ sơ của đơn vị gửi đến hộp thư đơn vị cấp trên (hoặc Văn phòng Sở)."
        )
    if "filebased" in getattr(settings, "EMAIL_BACKEND", ""):
        steps.append(
            "Cấu hình thư điện tử (EMAIL_URL, README \"Settings\"): thư hiện chỉ được ghi vào "
            f"{getattr(settings, 'EMAIL_FILE_PATH', 'var/mail')}, không gửi cho ai."
        )
    if getattr(settings, "SMS_BACKEND", "").endswith(".FileBackend"):
        steps.append(
            "Cấu hình tin nhắn SMS (SMS_GATEWAY_URL, README \"SMS\"), hoặc tắt hẳn "
            "(SMS_BACKEND=complaints.notifications.sms.DisabledBackend): tin nhắn hiện chỉ "
            f"được ghi vào {getattr(settings, 'SMS_FILE_PATH', 'var/sms')}, không gửi cho ai."
        )
    return steps


def _any_second_factor(admins) -> bool:
    from django_otp import devices_for_user

    return any(next(devices_for_user(user, confirmed=True), None) for user in admins)


def next_steps_text(steps: list[str]) -> str:
    if not steps:
        return "\nKhông còn bước cài đặt nào (nothing left to set up)."
    lines = [f"  {number}. {step}" for number, step in enumerate(steps, start=1)]
    return "\nCác bước tiếp theo (next steps):\n" + "\n".join(lines)
