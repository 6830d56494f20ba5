"""Who is competent for a case (DOMAIN.md §3a).

`route_decide` applies the ordered RoutingRule rows (defaults in
`complaints.routing_defaults`) and explains, in Vietnamese and with the legal
basis, which rule matched; `case_route` stores that decision on the case (the
intake decides with `route_plan` before inserting the case and stores the decision
with `route_plan_record`, so a new case is written once).

What each rule target means:
- FACILITY: the facility named in the case (its head decides);
- UNIT_ABOVE: the named facility's parent (a denunciation of a head, Luật TC
  Art 12(1)); above the Sở there is no unit of the portal, so the case is
  forwarded to the Chủ tịch UBND tỉnh (Luật KN Art 21, Luật TC Art 13(4));
- FIXED_UNIT: the rule's unit; CATEGORY_DEFAULT: the category's default unit;
- FORWARD_OUTSIDE: forwarded to the rule's addressee (or to the named facility when
  it is an outside body);
- MANUAL, or no rule can decide: the intake office (Văn phòng Sở) holds the case
  and the intake officers decide by hand (§3a(7)).
A rule whose target cannot be resolved for the case (no facility named, no default
unit...) does not decide: the next rule is tried. A unit that no longer receives
cases (deactivated or past its validity) is replaced by its nearest active ancestor.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind
from complaints.models import (
    Case,
    Category,
    Facility,
    FacilityKind,
    RoutingDecision,
    RoutingRule,
    RoutingTarget,
)
from complaints.rules.competence import denounced_rule
from complaints.services.reference import reference

PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh"


@dataclass(frozen=True)
class RouteResult:
    """Where a case goes and why. Exactly one of `unit` / `forward_to` is set, except
    when no intake office exists (manual with neither)."""

    unit: Facility | None
    forward_to: str
    rule: RoutingRule | None
    reason: str
    manual: bool
    redirected_from: Facility | None = None  # the inactive unit the rule pointed at


def active_rules() -> list[RoutingRule]:
    """The active rules in order, with their category and unit (the process's copy:
    `complaints.services.reference`, reloaded when a rule, unit or category changes)."""
    return list(reference().rules)


def intake_office() -> Facility | None:
    """The Văn phòng Sở: the unit whose intake officers decide by hand (§3a(7))."""
    return reference().intake_office()


def facility_receives_cases(facility: Facility, *, on: datetime.date | None = None) -> bool:
    """Active and within its validity dates (the tree has effective dates, DOMAIN.md §1)."""
    on = on or timezone.localdate()
    if not facility.is_active:
        return False
    if facility.valid_from and facility.valid_from > on:
        return False
    return not (facility.valid_until and facility.valid_until < on)


def is_anonymous_tip(case: Case) -> bool:
    """An anonymous submission that names the person it accuses: information with the
    content of a denunciation whose author is unknown, not a tố cáo (khoản 1 Điều 25 Luật Tố
    cáo), which the receiving body inspects or passes to the competent one (khoản 2 Điều 25).
    The unit of the person named is not the one to receive it."""
    return bool(case.anonymous and (case.accused_name or "").strip())


def _matches(
    rule: RoutingRule, *, kind, category, facility, second_time, accused_is_head, anonymous_tip
) -> bool:
    if rule.kind and rule.kind != kind:
        return False
    if rule.anonymous_tip is not None and rule.anonymous_tip != bool(anonymous_tip):
        return False
    if rule.second_time is not None and rule.second_time != bool(second_time):
        return False
    if rule.against_head is not None and rule.against_head != bool(accused_is_head):
        return False
    if rule.category_id and (category is None or category.pk != rule.category_id):
        return False
    return not (rule.facility_kind and (facility is None or facility.kind != rule.facility_kind))


def _resolve(rule: RoutingRule, *, category, facility) -> tuple[Facility | None, str, str] | None:
    """(unit, forward_to, explanation) for this rule and case, or None if it cannot decide."""
    target = rule.target
    if target == RoutingTarget.FACILITY:
        if facility is None:
            return None
        return facility, "", _("giao %(unit)s, cơ sở được nêu trong đơn, giải quyết.") % {
            "unit": facility.name
        }
    if target == RoutingTarget.UNIT_ABOVE:
        if facility is None:
            return None
        if facility.kind == FacilityKind.DEPARTMENT or facility.parent_id is None:
            # Above the Sở: Luật KN Art 21(2), Luật TC Art 13(4)(a).
            explanation = _(
                "%(facility)s không có đơn vị cấp trên trong ngành: chuyển %(forward_to)s."
            ) % {"facility": facility.name, "forward_to": PROVINCE_CHAIR}
            return None, PROVINCE_CHAIR, explanation
        parent = facility.parent
        explanation = _("giao %(unit)s, đơn vị cấp trên trực tiếp của %(facility)s.") % {
            "unit": parent.name,
            "facility": facility.name,
        }
        return parent, "", explanation
    if target == RoutingTarget.FIXED_UNIT:
        if rule.target_unit is None:
            return None
        return rule.target_unit, "", _("giao %(unit)s.") % {"unit": rule.target_unit.name}
    if target == RoutingTarget.CATEGORY_DEFAULT:
        if category is None or category.default_unit_id is None:
            return None
        unit = category.default_unit
        explanation = _("giao %(unit)s, đơn vị xử lý mặc định của lĩnh vực “%(category)s”.") % {
            "unit": unit.name,
            "category": category.name,
        }
        return unit, "", explanation
    if target == RoutingTarget.FORWARD_OUTSIDE:
        forward_to = rule.forward_to
        if not forward_to and facility is not None and facility.kind == FacilityKind.EXTERNAL:
            forward_to = facility.name
        if not forward_to:
            return None
        explanation = _(
            "chuyển đơn đến %(forward_to)s, cơ quan có thẩm quyền ngoài các đơn vị của Sở Y tế."
        ) % {"forward_to": forward_to}
        return None, forward_to, explanation
    return None  # MANUAL is handled by the caller


def _with_basis(text: str, rule: RoutingRule) -> str:
    parts = [text]
    if rule.reason:
        parts.append(rule.reason.strip())
    if rule.legal_basis:
        parts.append(_("Căn cứ: %(basis)s.") % {"basis": rule.legal_basis.strip().rstrip(".")})
    return " ".join(parts)


def _manual(rule: RoutingRule | None, notes: Iterable[str] = ()) -> RouteResult:
    office = intake_office()
    if rule is not None:
        text = _("Quy tắc “%(rule)s”: cán bộ tiếp nhận quyết định đơn vị có thẩm quyền.") % {
            "rule": rule.name
        }
        text = _with_basis(text, rule)
    else:
        text = _(
            "Không quy tắc nào xác định được đơn vị có thẩm quyền: cán bộ tiếp nhận quyết định."
        )
    parts = [text, *notes]
    if office is not None:
        parts.append(_("Hồ sơ tạm giao %(unit)s.") % {"unit": office.name})
    else:
        parts.append(_("Chưa có Văn phòng Sở trong danh mục cơ sở: hồ sơ chưa giao đơn vị."))
    return RouteResult(unit=office, forward_to="", rule=rule, reason=" ".join(parts), manual=True)


def route_decide(
    *,
    kind: str,
    category: Category | None,
    facility: Facility | None,
    second_time: bool = False,
    accused_is_head: bool = False,
    anonymous_tip: bool = False,
    rules: Iterable[RoutingRule] | None = None,
    on: datetime.date | None = None,
) -> RouteResult:
    """The competent unit for a case with these facts, and why (no writes).

    `rules` defaults to the active RoutingRule rows in order; pass a list to decide with
    other rules (tests, a preview in the admin). The reason is always in Vietnamese,
    whatever the request's language, because it is stored with the case."""
    rules = active_rules() if rules is None else list(rules)
    with translation.override("vi"):
        for rule in rules:
            if not rule.is_active or not _matches(
                rule,
                kind=kind,
                category=category,
                facility=facility,
                second_time=second_time,
                accused_is_head=accused_is_head,
                anonymous_tip=anonymous_tip,
            ):
                continue
            if rule.target == RoutingTarget.MANUAL:
                return _manual(rule)
            resolved = _resolve(rule, category=category, facility=facility)
            if resolved is None:
                continue
            unit, forward_to, explanation = resolved
            notes: list[str] = []
            redirected_from = None
            if unit is not None and not facility_receives_cases(unit, on=on):
                redirected_from = unit
                unit = next(
                    (a for a in unit.ancestors() if facility_receives_cases(a, on=on)), None
                )
                if unit is None:
                    notes.append(
                        _("%(unit)s đã ngừng hoạt động và không có đơn vị cấp trên còn hoạt động.")
                        % {"unit": redirected_from.name}
                    )
                    return _manual(None, notes=[_with_basis(explanation, rule), *notes])
                notes.append(
                    _(
                        "%(inactive)s đã ngừng hoạt động, không nhận hồ sơ mới: giao %(unit)s, "
                        "đơn vị cấp trên gần nhất còn hoạt động."
                    )
                    % {"inactive": redirected_from.name, "unit": unit.name}
                )
            if denounced_rule(
                unit=unit, kind=kind, facility=facility, accused_is_head=accused_is_head
            ):
                # Never the unit denounced nor one under its head (Luật TC Art 12(1), 13),
                # nor a part of the Sở denounced, it or anyone of it (khoản 3 Điều 13):
                # the next rule decides.
                continue
            if kind == CaseKind.BAO_CHI and facility is not None and facility != unit:
                # §3a(5): the press office owns it; the facility named verifies the facts.
                notes.append(
                    _("Xác minh nội dung bài báo: giao %(facility)s, cơ sở được nêu trong bài.")
                    % {"facility": facility.name}
                )
            head = _("Quy tắc “%(rule)s”: %(explanation)s") % {
                "rule": rule.name,
                "explanation": explanation,
            }
            return RouteResult(
                unit=unit,
                forward_to=forward_to,
                rule=rule,
                reason=" ".join([_with_basis(head, rule), *notes]),
                manual=False,
                redirected_from=redirected_from,
            )
        return _manual(None)


def case_facts(case: Case) -> dict:
    """The facts of `case` the rules read (`route_decide`'s arguments): its kind, category,
    facility named, round, whether it accuses a unit's head, whether it is an anonymous tip."""
    return {
        "kind": case.kind,
        "category": case.category,
        "facility": case.facility,
        "second_time": case.second_time,
        "accused_is_head": case.accused_is_head,
        "anonymous_tip": is_anonymous_tip(case),
    }


def route_for_case(case: Case, *, rules: Iterable[RoutingRule] | None = None) -> RouteResult:
    """`route_decide` for `case`'s facts as they are now (reads only): the one question the
    intake (`route_plan`), the competence guard before acceptance and the assignment of an
    accepted complaint (`complaints.services.competence`) ask of the rules."""
    return route_decide(**case_facts(case), rules=rules)


def _code(instance) -> str | None:
    return None if instance is None else instance.code


def rule_snapshot(rule: RoutingRule | None) -> dict | None:
    """The rule as it was when it decided (the rule may be edited or deleted later)."""
    if rule is None:
        return None
    return {
        "id": rule.pk,
        "position": rule.position,
        "name": rule.name,
        "kind": rule.kind,
        "second_time": rule.second_time,
        "against_head": rule.against_head,
        "anonymous_tip": rule.anonymous_tip,
        "category": _code(rule.category),
        "facility_kind": rule.facility_kind,
        "target": rule.target,
        "target_unit": _code(rule.target_unit),
        "forward_to": rule.forward_to,
        "legal_basis": rule.legal_basis,
        "reason": rule.reason,
    }


@dataclass(frozen=True)
class RoutePlan:
    """A routing decided for a case's facts, not yet stored (see `route_plan`)."""

    result: RouteResult
    snapshot: dict  # what the RoutingDecision keeps: the rule as it was, the facts given


def route_plan(*, case: Case, rules: Iterable[RoutingRule] | None = None) -> RoutePlan:
    """`route_decide` for `case`'s facts, with the snapshot its decision will keep.

    Reads only (the rules, the units): the case need not be saved yet, so the intake
    can decide before its write transaction and insert the case already routed. `rules`:
    the active rules the caller already holds (the intake's copy of the reference data)."""
    facts = case_facts(case)
    result = route_decide(**facts, rules=rules)
    snapshot = {
        "rule": rule_snapshot(result.rule),
        "inputs": {
            **facts,
            "kind": str(facts["kind"]),
            "category": _code(facts["category"]),
            "facility": _code(facts["facility"]),
        },
        "manual": result.manual,
        "redirected_from": _code(result.redirected_from),
        "unit": _code(result.unit),
        "forward_to": result.forward_to,
    }
    return RoutePlan(result=result, snapshot=snapshot)


def route_plan_apply(*, case: Case, plan: RoutePlan) -> None:
    """Set a new (unsaved) case's unit and addressee from `plan`; it is saved by the caller,
    which then stores the decision with `route_plan_record`."""
    case.assigned_unit = plan.result.unit
    case.forwarded_to = plan.result.forward_to


def route_plan_record(*, case: Case, plan: RoutePlan, actor=None) -> RoutingDecision:
    """Store the RoutingDecision of `plan` for a case inserted with `route_plan_apply`
    (one insert, inside the caller's transaction; the case is not saved again)."""
    result = plan.result
    return _decision_create(
        case=case, unit=result.unit, forward_to=result.forward_to, rule=result.rule,
        reason=result.reason, snapshot=plan.snapshot, actor=actor,
    )


def _decision_create(
    *, case: Case, unit, forward_to: str, rule, reason: str, snapshot: dict, actor
) -> RoutingDecision:
    return RoutingDecision.objects.create(
        case=case,
        rule=rule,
        rule_snapshot=snapshot,
        unit=unit,
        forwarded_to=forward_to,
        reason=reason,
        decided_by=actor,
    )


def _store(
    *, case: Case, unit, forward_to: str, rule, reason: str, snapshot: dict, actor, origin: str,
    action: str,
) -> RoutingDecision:
    decision = _decision_create(
        case=case, unit=unit, forward_to=forward_to, rule=rule, reason=reason,
        snapshot=snapshot, actor=actor,
    )
    update_fields = ["assigned_unit", "forwarded_to", "updated_at"]
    if case.assigned_unit_id != (unit.pk if unit else None) and case.assigned_user_id:
        case.assigned_user = None  # the handler belonged to the previous unit
        update_fields.append("assigned_user")
    case.assigned_unit = unit
    case.forwarded_to = forward_to
    case._change_reason = f"origin={origin} action={action}"
    if actor is not None:
        case._history_user = actor
    case.save(update_fields=update_fields)
    return decision


def case_route(*, case: Case, actor=None, origin: str = "system") -> RoutingDecision:
    """Route `case` by the rules and store the decision with its reason.

    Guarantees: runs inside the caller's transaction (a savepoint; the caller locks the
    case); stores one RoutingDecision with the rule's snapshot and the facts it was given;
    sets `case.assigned_unit` / `case.forwarded_to` (and clears the handler when the unit
    changes) and saves the case with history. It changes no status: a `forward_to`
    result is carried out by the workflow's `forward` action. No side effects."""
    if case.pk is None:
        raise ValueError("case_route needs a saved case")
    plan = route_plan(case=case)
    result = plan.result
    with transaction.atomic():
        return _store(
            case=case,
            unit=result.unit,
            forward_to=result.forward_to,
            rule=result.rule,
            reason=result.reason,
            snapshot=plan.snapshot,
            actor=actor,
            origin=origin,
            action="case_route",
        )


def case_route_manually(
    *,
    case: Case,
    actor,
    reason: str,
    unit: Facility | None = None,
    forward_to: str = "",
    origin: str = "admin",
) -> RoutingDecision:
    """An intake officer's own routing choice, recorded like a rule's (§3a(7)).

    Exactly one of `unit` (a facility that receives cases) or `forward_to` is given;
    `reason` is required. Same guarantees as `case_route`; permission is the caller's."""
    if case.pk is None:
        raise ValueError("case_route_manually needs a saved case")
    if (unit is None) == (not forward_to):
        raise ValueError("give exactly one of unit or forward_to")
    if not reason or not reason.strip():
        raise ValueError("a manual routing needs its reason")
    if unit is not None and not facility_receives_cases(unit):
        raise ValueError(f"{unit.code} does not receive new cases")
    snapshot = {
        "rule": None,
        "inputs": {"kind": str(case.kind), "category": _code(case.category),
                   "facility": _code(case.facility)},
        "manual": True,
        "decided_by": getattr(actor, "pk", None),
        "unit": _code(unit),
        "forward_to": forward_to,
    }
    with transaction.atomic():
        return _store(
            case=case,
            unit=unit,
            forward_to=forward_to,
            rule=None,
            reason=reason.strip(),
            snapshot=snapshot,
            actor=actor,
            origin=origin,
            action="case_route_manually",
        )
