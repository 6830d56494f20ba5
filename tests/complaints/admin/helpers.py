"""Plain helpers for the workspace tests: staff users by role, cases with deadlines."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.factories import CaseFactory, UserFactory

STAFF = ["complaints.view_case", "complaints.act_on_case"]
PROVINCE = [*STAFF, "complaints.view_all_cases"]


def intake_user(**kwargs):
    return UserFactory(perms=PROVINCE, admin_access=True, **kwargs)


def inspector_user(**kwargs):
    return UserFactory(
        perms=[*PROVINCE, "complaints.view_denouncer_identity"], admin_access=True, **kwargs
    )


def leader_user(**kwargs):
    return UserFactory(
        perms=[*PROVINCE, "complaints.approve_case", "complaints.view_denouncer_identity"],
        admin_access=True,
        **kwargs,
    )


def handler_user(facility, **kwargs):
    return UserFactory(perms=STAFF, admin_access=True, facility=facility, **kwargs)


def viewer_user(**kwargs):
    """Sees the province's cases but may not act on them."""
    return UserFactory(
        perms=["complaints.view_case", "complaints.view_all_cases"], admin_access=True, **kwargs
    )


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def case_with_deadlines(**kwargs):
    """A case whose CaseDeadline rows and accept_by/resolve_by come from the real
    deadline service, as intake stores them."""
    from complaints.services.deadlines import case_deadlines_refresh

    case = CaseFactory(**kwargs)
    case_deadlines_refresh(case=case)
    case.refresh_from_db()
    return case
