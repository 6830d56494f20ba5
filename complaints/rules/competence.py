"""Competence before acceptance (thẩm quyền), each rule with its article.

A unit accepts (thụ lý) only what it is competent for; otherwise it forwards or guides
(Luật KN Điều 17–21; Luật TC Điều 12, 13, 24(2), 29(1)(c)). Who is competent is decided
by the routing rules (`complaints.routing_defaults`, applied by
`complaints.services.routing`); these rows are what the workflow refuses on their account.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

# Kinds whose competence the law fixes: a unit that is not competent may not accept them.
# Reports and recommendations have no statutory competence (DOMAIN.md §3a(4)): only a
# body outside the portal blocks their acceptance.
STATUTORY_COMPETENCE_KINDS = frozenset({CaseKind.KHIEU_NAI, CaseKind.TO_CAO})

COMPETENCE_ARTICLES = (
    "Điều 17–21 Luật Khiếu nại; Điều 12, 13, khoản 2 Điều 24, điểm c khoản 1 Điều 29 Luật Tố cáo"
)


@dataclass(frozen=True)
class CompetenceRule:
    code: str
    message: str  # the refusal, with %(…)s placeholders filled by the service
    article: str

    def refusal(self, **values) -> str:
        return f"{self.message % values} ({self.article})"


OUTSIDE_PORTAL = CompetenceRule(
    "outside_portal",
    _("Không thụ lý: cơ quan có thẩm quyền là %(body)s, ngoài các đơn vị của Sở Y tế; "
      "hãy chuyển đơn"),
    COMPETENCE_ARTICLES,
)
OTHER_UNIT = CompetenceRule(
    "other_unit",
    _("Không thụ lý: theo quy tắc “%(rule)s”, đơn vị có thẩm quyền là %(unit)s, không phải "
      "%(assigned)s; hãy giao đúng đơn vị hoặc chuyển đơn"),
    COMPETENCE_ARTICLES,
)
SENT_TO_COMPETENT = CompetenceRule(
    "sent_to_competent",
    _("Tố cáo không thuộc thẩm quyền đã được gửi đồng thời đến cơ quan có thẩm quyền: "
      "cơ quan nhận được không xử lý, lưu đơn"),
    "khoản 3 Điều 24 Luật Tố cáo",
)
DENOUNCED_UNIT = CompetenceRule(
    "denounced_unit",
    _("Không giao tố cáo cho %(unit)s: đó là đơn vị bị tố cáo hoặc đơn vị thuộc quyền quản lý "
      "của người đứng đầu bị tố cáo"),
    "khoản 1 Điều 12, Điều 13 Luật Tố cáo",
)

COMPETENCE_RULES: tuple[CompetenceRule, ...] = (
    OUTSIDE_PORTAL,
    OTHER_UNIT,
    SENT_TO_COMPETENT,
    DENOUNCED_UNIT,
)

# The facts that decide competence, as staff may correct them (`correct_facts`).
COMPETENCE_FACTS: tuple[str, ...] = (
    "facility",
    "category",
    "second_time",
    "decision_complained",
    "decision_maker",
    "accused_name",
    "accused_position",
    "accused_is_head",
    "sent_to_competent_body",
)


def unit_is_denounced(*, unit, case) -> bool:
    """Whether giving a denunciation to `unit` would have the denounced judge themselves:
    with the head or deputy head of facility F accused, neither F nor any unit under F
    (whose head F's head directs) may resolve it (Luật TC Điều 12(1), 13)."""
    if unit is None or case.kind != CaseKind.TO_CAO or not case.accused_is_head:
        return False
    denounced = case.facility
    if denounced is None:
        return False
    return unit.pk == denounced.pk or any(a.pk == denounced.pk for a in unit.ancestors())
