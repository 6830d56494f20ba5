"""The verification step (`start_verification`): its period and, for a denunciation, who may
not be given it.

The period (thời hạn xác minh). The written assignment of a denunciation's verification
states the time of the verification (điểm đ khoản 2 Điều 31 Luật Tố cáo: "Thời gian tiến
hành xác minh"; khoản 2 Điều 10 Nghị định 31/2019/NĐ-CP sends the assignment to that
article); a complaint is verified within its resolution time (khoản 1 Điều 29 Luật Khiếu nại:
"Trong thời hạn quy định tại Điều 28"; the second time Điều 38, within Điều 37's). The forms
count it as the decisions do, "….. ngày kể từ ngày ký Quyết định này": a number of days
from the day the step is taken, counted as the law counts (Điều 147, 148 Bộ luật Dân sự
2015: from the next day, to the end of the last day, moved to the next working day when that
is a day off). It is a positive number of days and may not end after the case's resolution
deadline (`Case.resolve_by`).

The verifier's conflict of interest (khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP): the resolver
does not give the verification of a denunciation to anyone whose spouse, parent, adoptive
parent, parent-in-law, child, adopted child, child-in-law or sibling is the denounced person,
or who has a direct interest with them. The portal cannot know family ties: the leader
declares it (`DECLARATION`, required for a tố cáo), and the portal refuses the conflict it
sees: the officer given the verification (`Case.assigned_user`) is the denounced person
(`Case.accused_name`, compared without case, diacritics or extra spaces). The law copies
give no such rule for a complaint's verifier: a complaint has no declaration. A denunciation's
verification is started by a leader only (`declaration_actor_refusal`): the resolver assigns
it in writing (khoản 1 Điều 31 Luật Tố cáo) and is the one the decree binds.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

__all__ = [
    "DECLARATION",
    "DECLARATION_ARTICLE",
    "DECLARATION_KINDS",
    "LEADER_DECLARES",
    "MAX_DAYS",
    "REMINDER_STEP",
    "RESUME_ARTICLES",
    "declaration_actor_refusal",
    "folded_name",
    "is_the_accused",
    "period_article",
]

# The kinds whose verifier the leader declares free of a conflict of interest.
DECLARATION_KINDS = frozenset({CaseKind.TO_CAO})
DECLARATION_ARTICLE = "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP"
# The confirmation the leader ticks (its words are the decree's).
DECLARATION = _(
    "Tôi xác nhận người được giao xác minh (kể cả Tổ trưởng, thành viên Tổ xác minh) không có "
    "vợ hoặc chồng, bố đẻ, mẹ đẻ, bố nuôi, mẹ nuôi, bố mẹ bên vợ hoặc bên chồng, con đẻ, con "
    "nuôi, con rể, con dâu, anh ruột, chị ruột, em ruột là người bị tố cáo và không có lợi ích "
    "liên quan trực tiếp với người bị tố cáo (khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP)."
)

LEADER_PERMISSION = "complaints.approve_case"
# Why an officer does not start a denunciation's verification: the resolver assigns it in
# writing (khoản 1 Điều 31 Luật Tố cáo) and declares the verifier free of a conflict.
LEADER_DECLARES = _(
    "Chỉ lãnh đạo bắt đầu xác minh tố cáo: người giải quyết tố cáo giao việc xác minh bằng văn "
    "bản (khoản 1 Điều 31 Luật Tố cáo) và xác nhận người được giao xác minh không có quan hệ "
    "gia đình, lợi ích liên quan trực tiếp với người bị tố cáo (khoản 3 Điều 10 Nghị định "
    "31/2019/NĐ-CP)."
)

# A sanity bound on the number typed when the case has no resolution deadline (the law's
# longest resolution time, a denunciation extended twice, is 90 days: Điều 30 Luật Tố cáo).
MAX_DAYS = 365

# A suspension stops the verification's clock as it stops the resolution's: the law copies say
# the resolution time continues from the resume decision with the days already used (khoản 2
# Điều 28b Nghị định 124/2020/NĐ-CP as added by Nghị định 155/2026/NĐ-CP; khoản 2 Điều 34 Luật
# Tố cáo), and the verification runs within that time, so its days left at the suspension
# run again from the resume decision (the portal's reading: the copies name no verification
# period of their own for it).
RESUME_ARTICLES = {
    CaseKind.KHIEU_NAI: "khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP",
    CaseKind.TO_CAO: "khoản 2 Điều 34 Luật Tố cáo",
}

# The deadline reminders of the period's last day (complaints/notifications/staff.py); a
# period moved (extended, resumed) or cleared (reopened) forgets them, so the new last day is
# reminded in its turn.
REMINDER_STEP = "verify"

# The article that keeps the verification within the case's resolution time, by kind.
_PERIOD_ARTICLES = {
    (CaseKind.KHIEU_NAI, False): "khoản 1 Điều 29 Luật Khiếu nại",
    (CaseKind.KHIEU_NAI, True): "Điều 38 Luật Khiếu nại",
    (CaseKind.TO_CAO, False): "điểm đ khoản 2 Điều 31, Điều 30 Luật Tố cáo",
}


def declaration_actor_refusal(*, case, user) -> str | None:
    """Why `user` may not start `case`'s verification: on a denunciation, anyone but a
    leader (`LEADER_DECLARES`); None when they may."""
    if case.kind not in DECLARATION_KINDS or user.has_perm(LEADER_PERMISSION):
        return None
    return str(LEADER_DECLARES)


def period_article(case) -> str:
    """The article that keeps `case`'s verification within its resolution time; "" for a
    kind the Luật Khiếu nại and the Luật Tố cáo do not govern."""
    return _PERIOD_ARTICLES.get((case.kind, bool(case.second_time) and case.kind ==
                                 CaseKind.KHIEU_NAI), "")


def folded_name(text: str) -> str:
    """A name as names are compared here (the accused's, a verifier's, a team member's): the
    comparison form the denouncer's identity check uses (complaints.documents.context)."""
    from complaints.documents.context import folded

    return folded(text)


def is_the_accused(*, case, user) -> bool:
    """Whether `user` is the person `case` denounces: their full name (either order of the
    given and family names) is the accused's name, compared without case, diacritics,
    punctuation or extra spaces ("Lê Thị Mật" and "le thi  MAT")."""
    accused = folded_name(case.accused_name)
    if user is None or not accused:
        return False
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    names = {f"{last} {first}", f"{first} {last}"}
    return any(folded_name(name) == accused for name in names if name.strip())
