"""Demo accounts (CONTRACT.md: admin, inspector, intake, facility, press, press_head),
one shared password, in the roles of `portal.roles`. Never for production
(`load_demo_data` refuses there)."""

from __future__ import annotations

import os
import secrets
import string
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.roles import ROLES, install_roles

# username -> (full name, role codes, facility code or None, superuser)
ACCOUNTS: dict[str, tuple[str, list[str], str | None, bool]] = {
    "admin": ("Quản trị hệ thống", [], None, True),
    "inspector": ("Nguyễn Văn Thanh", ["inspector"], None, False),
    "intake": ("Trần Thị Tiếp", ["intake"], None, False),
    "facility": ("Lê Văn Cơ", ["facility_handler"], "TTYT-DP", False),
    # A leader of the Sở: supervises every unit, so may open a denouncer's identity
    # (Luật TC Art 56); an inspector only on the cases assigned to them.
    "leader": ("Phạm Lãnh Đạo", ["leader"], "SYT-QNG", False),
    "press": ("Võ Thị Báo", ["press"], None, False),
    "press_head": ("Đặng Văn Trưởng", ["press_head"], None, False),
}


@dataclass
class DemoAccounts:
    password: str
    groups: dict[str, Group]
    usernames: list[str]


def demo_password() -> str:
    """DEMO_PASSWORD, else one generated once and kept in var/ so reruns change nothing."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    path = settings.VAR_DIR / "demo_password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        alphabet = string.ascii_letters + string.digits  # easy to type and to copy
        path.write_text("".join(secrets.choice(alphabet) for _ in range(12)))
        path.chmod(0o600)
    return path.read_text().strip()


def load(*, stdout) -> DemoAccounts:
    from complaints.models import Facility, FacilityMembership

    groups = install_roles()
    password = demo_password()
    User = get_user_model()
    for username, (full_name, roles, facility_code, superuser) in ACCOUNTS.items():
        first, _sep, last = full_name.rpartition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": last,
                "last_name": first,
                "email": f"{username}@syt.example.vn",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(*[groups[role] for role in roles])
        if facility_code:
            facility = Facility.objects.get(code=facility_code)
            FacilityMembership.objects.get_or_create(user=user, facility=facility)
    return DemoAccounts(password=password, groups=groups, usernames=list(ACCOUNTS))


def print_accounts(accounts: DemoAccounts, *, stdout) -> None:
    stdout.write("Tài khoản mẫu (đăng nhập tại /admin/):")
    for username in accounts.usernames:
        full_name, roles, facility, _superuser = ACCOUNTS[username]
        role_names = ", ".join(ROLES[r][0] for r in roles) or "Quản trị"
        where = f" tại {facility}" if facility else ""
        stdout.write(f"  {username:<11} {accounts.password}   {full_name} — {role_names}{where}")
