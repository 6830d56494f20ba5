"""The staff roles (CONTRACT.md): Django groups named in Vietnamese, holding permissions.

The code checks permissions, never group names, so an administrator can reshape the
roles in the admin; `install_roles()` only adds what is missing (`setup_portal`,
`load_demo_data`), never takes a permission away."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
CASE = "complaints"

# role code -> (group name, permissions as (app_label, codename))
ROLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "intake": (
        "Cán bộ tiếp nhận",
        [
            ADMIN_ACCESS,
            (CASE, "view_case"),
            (CASE, "view_all_cases"),
            (CASE, "act_on_case"),
            (CASE, "record_withdrawal"),  # procedure: recording a withdrawal (rút đơn)
        ],
    ),
    "inspector": (
        "Thanh tra viên",
        [
            ADMIN_ACCESS,
            (CASE, "view_case"),
            (CASE, "view_all_cases"),
            (CASE, "act_on_case"),
            (CASE, "view_denouncer_identity"),
            (CASE, "record_withdrawal"),
        ],
    ),
    "facility_handler": (
        "Cán bộ xử lý tại cơ sở",
        [ADMIN_ACCESS, (CASE, "view_case"), (CASE, "act_on_case"), (CASE, "record_withdrawal")],
    ),
    # A facility's director (Giám đốc bệnh viện, trung tâm y tế): decides the complaints and
    # denunciations the facility is competent for (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP;
    # khoản 1 Điều 12 Luật Tố cáo; complaints/rules/resolver.py) and sees only the cases of
    # the facility and the units below it (no `view_all_cases`), nor a denouncer's identity
    # beyond what a facility handler sees.
    "facility_leader": (
        "Lãnh đạo cơ sở",
        [
            ADMIN_ACCESS,
            (CASE, "view_case"),
            (CASE, "act_on_case"),
            (CASE, "approve_case"),
            (CASE, "record_withdrawal"),
        ],
    ),
    "leader": (
        "Lãnh đạo",
        [
            ADMIN_ACCESS,
            (CASE, "view_case"),
            (CASE, "view_all_cases"),
            (CASE, "act_on_case"),
            # The head's acts: accepting a complaint or a denunciation (Điều 27, 36 Luật
            # Khiếu nại; khoản 1 Điều 29 Luật Tố cáo), conclusions, extensions, suspensions.
            (CASE, "approve_case"),
            (CASE, "view_denouncer_identity"),
            (CASE, "record_withdrawal"),
            (CASE, "hold_personal_data"),  # retention: a legal hold on a case's personal data
        ],
    ),
    "press": (
        "Biên tập viên báo chí",
        [ADMIN_ACCESS, (CASE, "view_case"), (CASE, "view_press_cases"), (CASE, "act_on_case")],
    ),
    "press_head": (
        "Trưởng bộ phận báo chí",
        [
            ADMIN_ACCESS,
            (CASE, "view_case"),
            (CASE, "view_press_cases"),
            (CASE, "act_on_case"),
            (CASE, "approve_case"),
        ],
    ),
}

def install_roles() -> dict[str, Group]:
    """Each role's group, created if missing, with at least its permissions (idempotent)."""
    groups = {}
    for code, (name, perms) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in perms
            ]
        )
        groups[code] = group
    return groups
