"""Who decides a draft: the one rule the queue, the draft's page, approve, return and a
leader's edit (`services`), the figures "chờ phê duyệt" (`counts`) and the e-mail telling
that a draft waits (`alerts`) read.

The competent approving unit of a draft (`approving_unit`) and who of it decides
(`decide_refusal`):

- a press case (`bao_chi`): the Sở's press office, whatever unit the case is in the hands
  of. The finding on the article and the Sở's answer are the spokesperson's (khoản 6 Điều 7
  Nghị định 244/2026/NĐ-CP; complaints/rules/press_office.py); once the press office gives
  the facility named in the article the verification (`assign`), the case's handling unit is
  that facility, whose leaders must neither decide, return nor read the Sở's drafts. The
  unit named is the Văn phòng Sở, where the spokesperson sits (the press rule of
  `complaints.routing_defaults`); the press office's leaders are told (`approve_case` with
  `view_press_cases`), and whoever is the press office (`may_log_press`) with `approve_case`
  may decide;
- a complaint's or a denunciation's head decision: a leader of its competent unit, the
  case's handling unit (complaints/rules/resolver.py);
- any other draft: a leader in whose scope the case is; the leaders of the handling unit
  are told, else those of the nearest unit above that has some.

Never the author (a database constraint too), never without `approve_case`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind
from complaints.rules.press_office import ARTICLES as PRESS_ARTICLES
from complaints.rules.resolver import (
    LEADER_PERMISSION,
    competent_unit_refusal,
    is_competent_leader,
    is_head_decision,
)
from complaints.selectors.permission_holders import holding, press_office_staff
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "approvers",
    "approving_unit",
    "decide_refusal",
    "reads_drafts_of",
]


def _is_press(case) -> bool:
    return case.kind == CaseKind.BAO_CHI


def approving_unit(case):
    """The unit whose leaders decide the drafts of `case` (a `Facility`, or None when the
    catalogue has none): the Văn phòng Sở for a press case, else the handling unit."""
    if _is_press(case):
        from complaints.services.routing import intake_office

        return intake_office()
    return case.assigned_unit


def reads_drafts_of(*, case, user) -> bool:
    """Whether `user`, who sees `case`, may read its drafts: a press case's only the press
    office (the facility verifying the article does not read the Sở's answer in the making)."""
    if not _is_press(case):
        return True
    from complaints.services.press_intake import may_log_press

    return may_log_press(user)


def decide_refusal(*, draft, user) -> Promise | str | None:
    """Why `user` may not decide (approve, return, edit in place) `draft`, whose case they
    see; None when they may."""
    if not user.has_perm(LEADER_PERMISSION):
        return gettext_lazy("Bạn không có quyền phê duyệt dự thảo.")
    if draft.author_id is not None and draft.author_id == user.pk:
        return gettext_lazy("Không ai được tự phê duyệt dự thảo của chính mình.")
    case = draft.case
    if _is_press(case):
        if reads_drafts_of(case=case, user=user):
            return None
        from complaints.citations import citation_read

        return lazy_message(
            gettext_lazy(
                "Chỉ lãnh đạo bộ phận báo chí, người phát ngôn của Sở Y tế phê duyệt dự thảo của "
                "hồ sơ thông tin báo chí (%(article)s); cơ sở được giao xác minh báo cáo kết quả "
                "xác minh để Sở kết luận."
            ),
            article=read_later(lambda: citation_read(PRESS_ARTICLES)),
        )
    if is_head_decision(case=case, action=draft.action) and not is_competent_leader(
        case=case, user=user
    ):
        from complaints.transitions import transition_label

        label = transition_label(draft.action, kind=case.kind)
        return competent_unit_refusal(case=case, actor=user, label=label)
    return None


# ---- who is told a draft waits (the same rule, as one query) ---------------------------


def _leaders():
    """Active users with an address who may approve drafts."""
    app_label, codename = LEADER_PERMISSION.split(".")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(holding(codename, app_label))
    )


def _members_of(unit_ids):
    from complaints.models import FacilityMembership

    return Exists(
        FacilityMembership.objects.filter(user_id=OuterRef("pk"), facility_id__in=unit_ids)
    )


def approvers(draft) -> list:
    """Who is told that `draft` waits for approval (the module's rule), its author never."""
    case = draft.case
    leaders = _leaders().exclude(pk=draft.author_id).order_by("pk")
    if _is_press(case):  # the press office's leaders (`may_log_press`)
        return list(leaders.filter(pk__in=press_office_staff().values("pk")))
    unit = case.assigned_unit
    if unit is None:
        return []
    found = list(leaders.filter(_members_of([unit.pk])))
    if found or is_head_decision(case=case, action=draft.action):
        return found
    for above in unit.ancestors():  # a few levels: the tree is shallow
        found = list(leaders.filter(_members_of([above.pk])))
        if found:
            return found
    return []
