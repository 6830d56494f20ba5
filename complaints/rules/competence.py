"""Competence before acceptance (thẩm quyền), each rule with its article.

A unit accepts (thụ lý) only what it is competent for; otherwise it forwards or guides
(Luật KN Điều 17–21; Luật TC Điều 12, 13, 24(2), 29(1)(c)). Who is competent is decided
by the routing rules (`complaints.routing_defaults`, applied by
`complaints.services.routing`); these rows are what the workflow refuses on their account.
A unit that is not competent neither accepts nor refuses (không thụ lý): the refusal is the
competent resolver's answer to a petition within its competence (Điều 27 Luật Khiếu nại;
khoản 1 Điều 29 Luật Tố cáo), so these rows close both steps and say what is done instead
(forward, hand on, file); their messages open with "Không thuộc thẩm quyền", never with the
name of the step "Không thụ lý".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind
from complaints.models.facilities import FacilityKind

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
    _("Không thuộc thẩm quyền: cơ quan có thẩm quyền là %(body)s, ngoài các đơn vị của Sở Y tế; "
      "hãy chuyển đơn"),
    COMPETENCE_ARTICLES,
)
OTHER_UNIT = CompetenceRule(
    "other_unit",
    _("Không thuộc thẩm quyền: theo quy tắc “%(rule)s”, đơn vị có thẩm quyền là %(unit)s, "
      "không phải %(assigned)s; hãy giao đúng đơn vị hoặc chuyển đơn"),
    COMPETENCE_ARTICLES,
)
# A complaint accepted by the unit the rules name stays with it: its head resolves it (the
# first time the head of the facility whose decision is complained of, khoản 2 Điều 3 Nghị
# định 124/2020/NĐ-CP; the second time the Giám đốc Sở, khoản 2 Điều 20 Luật Khiếu nại), and
# the Luật Khiếu nại gives no unit above a way to take it over (unlike a denunciation,
# Điều 13 Luật Tố cáo). Giving it to another unit after acceptance is refused.
ACCEPTED_COMPLAINT_STAYS = CompetenceRule(
    "accepted_complaint_stays",
    _("Khiếu nại đã được thụ lý: theo quy tắc “%(rule)s”, đơn vị có thẩm quyền giải quyết là "
      "%(unit)s, không giao cho %(target)s; đơn vị khác, kể cả cấp trên, không giải quyết thay"),
    "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, Điều 20 Luật Khiếu nại",
)
# A second-time complaint against a decision of a head of a unit under the Sở is the Giám
# đốc Sở's to resolve (khoản 2 Điều 20 Luật Khiếu nại), who has it verified by the Thanh tra
# Sở or another part of the Sở (Điều 38): the case stays with the Sở, the part's officer is
# named its handler. Given to the part itself, the refusal says that way.
SECOND_ROUND_SO_PART = CompetenceRule(
    "second_round_so_part",
    _("Không thuộc thẩm quyền của %(target)s: Giám đốc Sở giải quyết khiếu nại lần hai, "
      "%(target)s xác minh khi được Giám đốc Sở giao. Hãy giao hồ sơ cho %(unit)s và chọn "
      "cán bộ %(target)s làm cán bộ xử lý"),
    "khoản 2 Điều 20, Điều 38 Luật Khiếu nại",
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

DENOUNCED_SO_PART = CompetenceRule(
    "denounced_so_part",
    _("Không giao tố cáo cho %(unit)s: tố cáo nhắm vào %(denounced)s (chính đơn vị hoặc "
      "người của đơn vị), là bộ phận của Sở do Giám đốc Sở quản lý trực tiếp; người giải "
      "quyết là Giám đốc Sở, đơn vị không xác minh tố cáo đối với chính mình. Hãy giao "
      "%(competent)s"),
    "khoản 1, khoản 6 Điều 12, điểm a, điểm b khoản 3 Điều 13 Luật Tố cáo",
)

COMPETENCE_RULES: tuple[CompetenceRule, ...] = (
    OUTSIDE_PORTAL,
    OTHER_UNIT,
    SECOND_ROUND_SO_PART,
    SENT_TO_COMPETENT,
    DENOUNCED_UNIT,
    DENOUNCED_SO_PART,
)

# The Sở's own parts (bộ phận, not bodies of their own): their civil servants, head
# included, are appointed and managed directly by the Giám đốc Sở, and the parts themselves
# are managed by the Sở, so a denunciation of such a part or of anyone of it is the Giám
# đốc Sở's to resolve (điểm a, b khoản 3 Điều 13; khoản 1, khoản 6 Điều 12 Luật Tố cáo),
# never the part's own: the inspectorate does not verify a denunciation against itself.
# (A hospital's head resolves a denunciation of its own staff, khoản 1 Điều 12.)
SO_PARTS = frozenset({FacilityKind.INSPECTORATE, FacilityKind.OFFICE})

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


def denounced_rule(*, unit, kind, facility, accused_is_head) -> CompetenceRule | None:
    """The rule that keeps a denunciation from `unit` as the facts stand (the intake's
    routing and the workflow's `assign` and `accept` alike), or None. The denounced
    facility is the one named in the case (`facility`); `unit` may not resolve it when
    it is that facility or under it and
    - the facility is one of the Sở's own parts (`SO_PARTS`), whoever of it is accused:
      the Giám đốc Sở resolves it (`DENOUNCED_SO_PART`);
    - the head or deputy head of the facility is accused: the unit above resolves it
      (`DENOUNCED_UNIT`, Luật TC Điều 12(1), 13)."""
    if unit is None or facility is None or kind != CaseKind.TO_CAO:
        return None
    if facility.kind in SO_PARTS:
        rule = DENOUNCED_SO_PART
    elif accused_is_head:
        rule = DENOUNCED_UNIT
    else:
        return None
    in_subtree = unit.pk == facility.pk or any(a.pk == facility.pk for a in unit.ancestors())
    return rule if in_subtree else None


def denounced_refusal(*, unit, case) -> str | None:
    """Why a denunciation may not be given to (or accepted by) `unit`: the refusal of
    `denounced_rule` for the case's facts, with its article; None when it may."""
    rule = denounced_rule(
        unit=unit, kind=case.kind, facility=case.facility, accused_is_head=case.accused_is_head
    )
    if rule is None:
        return None
    if rule is DENOUNCED_SO_PART:
        above = case.facility.parent
        return rule.refusal(
            unit=unit.name,
            denounced=case.facility.name,
            competent=above.name if above is not None else _("Ban Giám đốc Sở"),
        )
    return rule.refusal(unit=unit.name)


def unit_is_denounced(*, unit, case) -> bool:
    """Whether giving a denunciation to `unit` would have the denounced judge themselves
    (`denounced_rule`)."""
    return denounced_refusal(unit=unit, case=case) is not None


def second_round_part_refusal(*, case, competent, unit) -> str | None:
    """`SECOND_ROUND_SO_PART` when `unit`, one of the Sở's own parts, would take a second-time
    complaint the rules give to the Sở itself (`competent`); None otherwise."""
    if not (
        case.kind == CaseKind.KHIEU_NAI
        and case.second_time
        and competent.kind == FacilityKind.DEPARTMENT
        and unit is not None
        and unit.kind in SO_PARTS
    ):
        return None
    return SECOND_ROUND_SO_PART.refusal(unit=competent.name, target=unit.name)
