"""Demo accounts (CONTRACT.md: admin, inspector, intake, facility, press, press_head; and
the leaders who decide: leader, facility_leader, facility_leader_sn, facility_leader_dp,
facility_leader_dkt),
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
    # The director of the hospital the demo complaint is about: decides it (its competent
    # unit's leader, complaints/rules/resolver.py) and sees only that hospital's cases.
    "facility_leader": ("Huỳnh Văn Giám", ["facility_leader"], "BV-DTT", False),
    # The director of the hospital the demo denunciation is about (Bệnh viện Sản - Nhi
    # tỉnh): a denunciation is decided by the head of the body managing the denounced person
    # (khoản 1 Điều 12 Luật Tố cáo), so only a leader of that hospital takes its decisions.
    "facility_leader_sn": ("Đoàn Thị Mỹ Hạnh", ["facility_leader"], "BV-SAN-QNG", False),
    # The director of Trung tâm Y tế Đức Phổ, where `facility` handles cases (CONTRACT.md):
    # approves the handler's drafts and decides the centre's complaints (its competent
    # unit's leader), so the loop "the handler proposes, the head approves" can be played.
    "facility_leader_dp": ("Trương Công Minh", ["facility_leader"], "TTYT-DP", False),
    # The director of Bệnh viện Đa khoa tỉnh: without a leader there, a complaint about the
    # province's main hospital could be accepted by no one (Điều 19 Luật Khiếu nại; the admin
    # home warns of such a unit: complaints/selectors/facility_gaps.py).
    "facility_leader_dkt": ("Lương Văn Đức", ["facility_leader"], "BV-DKT-QNG", False),
    "press": ("Võ Thị Báo", ["press"], None, False),
    "press_head": ("Đặng Văn Trưởng", ["press_head"], None, False),
}

# Accounts whose "full name" is a role, not a person's name: Vietnamese order (họ, tên
# đệm, tên) does not apply, so the whole of it is the name an e-mail greets.
ROLE_ACCOUNTS = frozenset({"admin"})


def account_names(username: str, full_name: str) -> tuple[str, str]:
    """(first_name, last_name) of a demo account: a person's given name is the last word
    of a Vietnamese name ("Nguyễn Văn Thanh" → "Thanh", "Nguyễn Văn"); a role's name stays
    whole ("Quản trị hệ thống"), never split into "thống" and "Quản trị hệ"."""
    if username in ROLE_ACCOUNTS:
        return full_name, ""
    family, _sep, given = full_name.rpartition(" ")
    return given, family


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
        first_name, last_name = account_names(username, full_name)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@syt.example.vn",
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if (user.first_name, user.last_name) != (first_name, last_name):
            # A database loaded before the names were split this way is corrected.
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
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
    width = max(map(len, accounts.usernames), default=0)
    for username in accounts.usernames:
        full_name, roles, facility, _superuser = ACCOUNTS[username]
        role_names = ", ".join(ROLES[r][0] for r in roles) or "Quản trị"
        where = f" tại {facility}" if facility else ""
        stdout.write(
            f"  {username:<{width}} {accounts.password}   {full_name} — {role_names}{where}"
        )
