"""Competence before acceptance: what the rules of `complaints.rules.competence` refuse.

Reads only. The workflow's guards (`complaints.transitions`) call `competence_refusal`;
`acceptance_blockers` is what the workspace shows as missing before `accept`."""

from __future__ import annotations

from complaints.kinds import CaseKind, CaseStatus
from complaints.rules.competence import (
    ACCEPTED_COMPLAINT_STAYS,
    OTHER_UNIT,
    OUTSIDE_PORTAL,
    SENT_TO_COMPETENT,
    STATUTORY_COMPETENCE_KINDS,
    denounced_refusal,
    second_round_part_refusal,
)


def competence_refusal(case) -> str | None:
    """Why the case's unit may not accept it (with the article), or None.

    - the competent body is outside the portal (the stored routing, or for a complaint or
      denunciation the rules applied to the facts as they are now): forward instead;
    - a complaint or denunciation whose rules name another unit than the one holding it;
    - a denunciation against a unit's head held by that unit or one under it, or against
      one of the Sở's own parts (or anyone of it) held by that part (`denounced_rule`);
    - Luật TC Điều 24(3): not competent and also sent to the competent body: not handled."""
    from complaints.services.routing import route_for_case

    forward_to, other = case.forwarded_to, None
    if case.kind in STATUTORY_COMPETENCE_KINDS:
        result = route_for_case(case)
        if result.forward_to:
            forward_to = result.forward_to
        elif (
            not result.manual
            and result.unit is not None
            and result.unit.pk != case.assigned_unit_id
        ):
            other = result
    not_competent = bool(forward_to) or other is not None
    if not_competent and case.kind == CaseKind.TO_CAO and case.sent_to_competent_body:
        return SENT_TO_COMPETENT.refusal()
    if forward_to:
        return OUTSIDE_PORTAL.refusal(body=forward_to)
    if other is not None:
        return second_round_part_refusal(
            case=case, competent=other.unit, unit=case.assigned_unit
        ) or OTHER_UNIT.refusal(
            rule=other.rule.name if other.rule else "",
            unit=other.unit.name,
            assigned=case.assigned_unit.name if case.assigned_unit else "—",
        )
    return denounced_refusal(unit=case.assigned_unit, case=case)


def assignment_refusal(*, case, unit) -> str | None:
    """Why `unit` may not be given this case: a denunciation is never handled by the unit it
    denounces nor a unit under that unit's head (Luật TC Điều 12(1), 13), nor by one of the
    Sở's own parts (the inspectorate, the office) when it or anyone of it is denounced: the
    Giám đốc Sở resolves it (khoản 1, khoản 6 Điều 12, khoản 3 Điều 13 Luật Tố cáo); an
    accepted complaint is not given to a unit other than the one the rules name
    (`ACCEPTED_COMPLAINT_STAYS`)."""
    return denounced_refusal(unit=unit, case=case) or _accepted_complaint_refusal(
        case=case, unit=unit
    )


def _accepted_complaint_refusal(*, case, unit) -> str | None:
    if case.kind != CaseKind.KHIEU_NAI or case.accepted_at is None:
        return None
    if unit.pk == case.assigned_unit_id:
        return None
    from complaints.services.routing import route_for_case

    result = route_for_case(case)
    if result.manual or result.forward_to or result.unit is None or result.unit.pk == unit.pk:
        return None
    return second_round_part_refusal(
        case=case, competent=result.unit, unit=unit
    ) or ACCEPTED_COMPLAINT_STAYS.refusal(
        rule=result.rule.name if result.rule else "", unit=result.unit.name, target=unit.name
    )


def acceptance_blockers(case) -> list[str]:
    """What stands between the case and `accept`, each with its article (the workspace's
    "Điều kiện thụ lý" panel). Empty once it may be accepted, or when it is past that."""
    from complaints.rules.signature import signature_refusal

    if case.status not in (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO):
        return []
    return [m for m in (competence_refusal(case), signature_refusal(case)) if m]


def assignable_unit_ids(actor, *, case=None) -> frozenset[int] | None:
    """The units `actor` may give a case to, or None for any unit.

    Routing anywhere belongs to the Sở's officers (`view_all_cases`, DOMAIN.md §3a rule 7),
    and the press office routes its press cases to the facility named for verification
    (§3a rule 5). A unit's handler gives work within its own unit and those below it
    (`facility_scope_of`), or hands the case back to the Sở's intake office (Văn phòng Sở),
    never to an unrelated unit (where it would lose the case it gave away)."""
    from complaints.querysets import facility_scope_of
    from complaints.services.routing import intake_office

    if actor is None or actor.is_superuser or actor.has_perm("complaints.view_all_cases"):
        return None
    if actor.has_perm("complaints.view_press_cases") and (
        case is None or case.kind == CaseKind.BAO_CHI
    ):
        return None
    office = intake_office()
    return frozenset(facility_scope_of(actor)) | ({office.pk} if office else frozenset())


def own_unit_ids(actor) -> frozenset[int] | None:
    """The units whose people `actor` may name as handler, or None for any unit: a unit's
    handler names people of their own unit and the units below it (`facility_scope_of`);
    the case they hand back to the Sở's office (`assignable_unit_ids`) is the Sở's intake
    officers' to give to someone (DOMAIN.md §3a rule 7)."""
    from complaints.querysets import facility_scope_of

    if assignable_unit_ids(actor) is None:
        return None
    return frozenset(facility_scope_of(actor))


def hand_up_refusal(*, actor, case, unit, user, note: str) -> dict | None:
    """Why `actor` may not hand `case` up to `unit`, a unit outside their own
    (`own_unit_ids`, the Sở's office), as {field: message}, or None. The case is their
    unit's to resolve by its head (a complaint's first round: khoản 2 Điều 3 Nghị định
    124/2020/NĐ-CP, Điều 19, khoản 1 Điều 20 Luật Khiếu nại; a denunciation: khoản 1 Điều
    12, Điều 13 Luật Tố cáo): handing it up takes the reason, and the Sở's intake officers,
    not the facility, name who handles it there."""
    from django.utils.translation import gettext as _

    own = own_unit_ids(actor)
    if own is None or unit.pk in own:
        return None
    if user is not None:
        return {
            "user": _(
                "Trả hồ sơ về %(unit)s thì không chọn cán bộ: cán bộ tiếp nhận của Sở quyết "
                "định người xử lý."
            )
            % {"unit": unit.name}
        }
    if not (note or "").strip():
        return {
            "note": _(
                "Trả hồ sơ về %(unit)s phải ghi lý do ở ô “Ghi chú nội bộ”: hồ sơ đơn vị "
                "bạn đang giữ do người đứng đầu đơn vị giải quyết theo thẩm quyền "
                "(%(article)s); chỉ trả về khi không thuộc thẩm quyền, nêu rõ lý do và căn cứ."
            )
            % {"unit": unit.name, "article": hand_up_basis(case)}
        }
    return None


def hand_up_basis(case) -> str:
    """The articles naming who resolves `case` (`complaints.rules.resolver.article_for`);
    a phản ánh, kiến nghị or press case: the unit's working rules."""
    from django.utils.translation import gettext as _

    from complaints.rules.resolver import RESOLVER_KINDS, article_for

    if case.kind in RESOLVER_KINDS:
        return str(article_for(case))
    return _("quy chế tiếp nhận, xử lý phản ánh, kiến nghị của đơn vị")


def assignment_scope_refusal(*, actor, case, unit) -> str | None:
    """Why `actor` may not give `case` to `unit` (`assignable_unit_ids`), or None."""
    from django.utils.translation import gettext as _

    allowed = assignable_unit_ids(actor, case=case)
    if allowed is None or unit.pk in allowed:
        return None
    return _(
        "Đơn vị chỉ giao hồ sơ cho đơn vị mình, đơn vị trực thuộc hoặc trả về Văn phòng Sở; "
        "giao cho %(unit)s do cán bộ tiếp nhận của Sở quyết định."
    ) % {"unit": unit.name}
