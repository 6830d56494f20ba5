"""What a new or edited routing rule changes, told to the administrator before it is saved.

The first active rule whose conditions all match decides (`route_decide`), so a rule
placed before others takes the cases they decided, and a rule sending to "Một đơn vị xác
định" sends that unit every matching case, about whichever facility. A misrouted case
puts a citizen's personal data before a unit that has no need of it (the principles of
Điều 3 Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15) and delays it. Reads only.

`rule_effects` compares conditions, not cases: a rule whose target may not resolve for a
case (no facility named, a category without a default unit) lets the next rule decide it,
so a rule listed as shadowed may still decide a few of the cases named."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from complaints.kinds import CaseKind
from complaints.models import Facility, FacilityKind, RoutingRule, RoutingTarget

CONDITION_FIELDS = (
    "kind",
    "second_time",
    "against_head",
    "anonymous_tip",
    "category_id",
    "facility_kind",
)
# The fields of a rule that change which cases it takes and where they go.
ROUTING_FIELDS = (
    "position",
    "is_active",
    "kind",
    "second_time",
    "against_head",
    "anonymous_tip",
    "category",
    "facility_kind",
    "target",
    "target_unit",
    "forward_to",
)
NAMED_FACILITIES = 5  # how many facilities a warning names before "và N cơ sở khác"


def _value(rule: RoutingRule, name: str):
    value = getattr(rule, name)
    return None if value in ("", None) else value


def same_conditions(a: RoutingRule, b: RoutingRule) -> bool:
    return all(_value(a, name) == _value(b, name) for name in CONDITION_FIELDS)


def overlaps(a: RoutingRule, b: RoutingRule) -> bool:
    """Some case matches both rules: no condition set on both with different values."""
    for name in CONDITION_FIELDS:
        va, vb = _value(a, name), _value(b, name)
        if va is not None and vb is not None and va != vb:
            return False
    return True


def covers(a: RoutingRule, b: RoutingRule) -> bool:
    """Every case `b` matches, `a` matches: each condition of `a` is empty or that of `b`."""
    return all(_value(a, name) in (None, _value(b, name)) for name in CONDITION_FIELDS)


def intersection(a: RoutingRule, b: RoutingRule) -> RoutingRule:
    """An unsaved rule whose conditions are the cases both rules match (they overlap)."""
    part = RoutingRule()
    for name in ("kind", "second_time", "against_head", "anonymous_tip", "facility_kind"):
        setattr(part, name, _value(a, name) if _value(a, name) is not None else _value(b, name))
    part.category = a.category if a.category_id else (b.category if b.category_id else None)
    part.kind = part.kind or ""
    part.facility_kind = part.facility_kind or ""
    return part


def _order(rule: RoutingRule):
    # A new rule is saved with the largest id: after the rules of its position.
    return (rule.position, rule.pk if rule.pk is not None else math.inf)


def _always_decides(rule: RoutingRule, *, facility_named: bool) -> bool:
    """Whether the rule decides every case it matches (else the next rule may)."""
    if rule.target in (RoutingTarget.MANUAL, RoutingTarget.FIXED_UNIT):
        return rule.target != RoutingTarget.FIXED_UNIT or rule.target_unit_id is not None
    if rule.target == RoutingTarget.FORWARD_OUTSIDE:
        return bool(rule.forward_to)
    if rule.target in (RoutingTarget.FACILITY, RoutingTarget.UNIT_ABOVE):
        return facility_named
    return False  # CATEGORY_DEFAULT: only a category with a default unit


def _same_destination(a: RoutingRule, b: RoutingRule) -> bool:
    return (a.target, a.target_unit_id, a.forward_to) == (b.target, b.target_unit_id, b.forward_to)


def conditions_text(rule: RoutingRule) -> str:
    """The rule's conditions in Vietnamese ("Phản ánh; loại cơ sở: Trung tâm y tế"), or
    "Mọi hồ sơ"."""
    parts = []
    if rule.kind:
        parts.append(str(CaseKind(rule.kind).label))
    flags = (
        ("second_time", _("khiếu nại lần 2"), _("khiếu nại lần 1")),
        (
            "against_head",
            _("tố cáo người đứng đầu, cấp phó"),
            _("không tố cáo người đứng đầu, cấp phó"),
        ),
        ("anonymous_tip", _("thông tin tố cáo ẩn danh"), _("không phải thông tin tố cáo ẩn danh")),
    )
    for name, yes, no in flags:
        value = getattr(rule, name)
        if value is not None:
            parts.append(str(yes if value else no))
    if rule.category_id:
        parts.append(_("lĩnh vực: %(category)s") % {"category": rule.category.name})
    if rule.facility_kind:
        label = dict(FacilityKind.choices).get(rule.facility_kind, rule.facility_kind)
        parts.append(_("loại cơ sở: %(kind)s") % {"kind": label})
    if not parts:
        return _("Mọi hồ sơ")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


@dataclass
class RuleEffects:
    """What saving `rule` (active) would change."""

    # Active rules with the same position and conditions: which decides is arbitrary.
    duplicates: list[RoutingRule] = field(default_factory=list)
    # An earlier rule deciding every case of this one: this one would never decide.
    hidden_by: RoutingRule | None = None
    # Later rules that would lose cases to this one: (rule, the cases lost, or None: all).
    shadowed: list[tuple[RoutingRule, RoutingRule | None]] = field(default_factory=list)
    # FIXED_UNIT: facilities outside the unit's own tree whose cases it would receive.
    other_facilities: list[Facility] = field(default_factory=list)
    other_facilities_count: int = 0

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.hidden_by or self.shadowed or self.other_facilities_count)


def _other_facilities(rule: RoutingRule) -> tuple[list[Facility], int]:
    """The active facilities the rule matches outside its unit and the units under it."""
    if rule.target != RoutingTarget.FIXED_UNIT or rule.target_unit_id is None:
        return [], 0
    parent_of = dict(Facility.objects.values_list("pk", "parent_id"))
    own = {rule.target_unit_id}
    changed = True
    while changed:  # the unit's subtree (trees are small and shallow)
        grown = {pk for pk, parent in parent_of.items() if parent in own}
        changed = not grown <= own
        own |= grown
    facilities = Facility.objects.filter(is_active=True).exclude(pk__in=own)
    if rule.facility_kind:
        facilities = facilities.filter(kind=rule.facility_kind)
    facilities = facilities.order_by("name")
    return list(facilities[:NAMED_FACILITIES]), facilities.count()


def rule_effects(rule: RoutingRule, *, rules: list[RoutingRule] | None = None) -> RuleEffects:
    """What saving `rule` changes among `rules` (default: the other active rules)."""
    effects = RuleEffects()
    if not rule.is_active:
        return effects
    if rules is None:
        rules = list(
            RoutingRule.objects.filter(is_active=True)
            .exclude(pk=rule.pk)
            .select_related("category", "target_unit")
            .order_by("position", "id")
        )
    rules = sorted(
        (r for r in rules if r is not rule and (rule.pk is None or r.pk != rule.pk)), key=_order
    )
    effects.duplicates = [
        r for r in rules if r.position == rule.position and same_conditions(r, rule)
    ]
    before = [r for r in rules if _order(r) < _order(rule) and r not in effects.duplicates]
    after = [r for r in rules if _order(r) > _order(rule) and r not in effects.duplicates]
    named = bool(rule.facility_kind)
    effects.hidden_by = next(
        (r for r in before if covers(r, rule) and _always_decides(r, facility_named=named)),
        None,
    )
    if effects.hidden_by is None:
        for index, later in enumerate(after):
            if not overlaps(rule, later) or _same_destination(rule, later):
                continue
            part = intersection(rule, later)
            part_named = bool(part.facility_kind)
            if any(
                covers(between, part) and _always_decides(between, facility_named=part_named)
                for between in after[:index]
            ):
                continue  # those cases never reached it
            effects.shadowed.append((later, None if covers(rule, later) else part))
    effects.other_facilities, effects.other_facilities_count = _other_facilities(rule)
    return effects


def _rule_with_basis(rule: RoutingRule) -> str:
    if rule.legal_basis:
        return _("Quy tắc %(rule)s (căn cứ: %(basis)s)") % {
            "rule": rule,
            "basis": rule.legal_basis.strip().rstrip("."),
        }
    return _("Quy tắc %(rule)s") % {"rule": rule}


def duplicate_messages(effects: RuleEffects) -> list[str]:
    return [
        _(
            "Quy tắc %(rule)s có cùng thứ tự và cùng điều kiện: không xác định được quy tắc nào "
            "quyết định. Đổi thứ tự hoặc điều kiện, hoặc bỏ chọn “Đang áp dụng” ở một trong "
            "hai quy tắc."
        )
        % {"rule": rule}
        for rule in effects.duplicates
    ]


def effect_messages(effects: RuleEffects, *, unit_name: str = "") -> list[str]:
    """The warnings of `effects`, in Vietnamese, naming the rules and facilities."""
    messages = []
    if effects.hidden_by is not None:
        messages.append(
            _(
                "%(rule)s đứng trước và quyết định mọi hồ sơ khớp quy tắc này: quy tắc này sẽ "
                "không bao giờ được áp dụng."
            )
            % {"rule": _rule_with_basis(effects.hidden_by)}
        )
    for rule, part in effects.shadowed:
        if part is None:
            messages.append(
                _("%(rule)s sẽ không còn áp dụng: mọi hồ sơ của quy tắc đó sẽ theo quy tắc này.")
                % {"rule": _rule_with_basis(rule)}
            )
        else:
            messages.append(
                _(
                    "%(rule)s sẽ không còn áp dụng cho hồ sơ: %(cases)s; các hồ sơ này sẽ theo "
                    "quy tắc này."
                )
                % {"rule": _rule_with_basis(rule), "cases": conditions_text(part)}
            )
    if effects.other_facilities_count:
        names = ", ".join(f.name for f in effects.other_facilities)
        more = effects.other_facilities_count - len(effects.other_facilities)
        if more > 0:
            names = _("%(names)s và %(count)s cơ sở khác") % {"names": names, "count": more}
        messages.append(
            _(
                "Hồ sơ về các cơ sở không thuộc %(unit)s cũng sẽ giao %(unit)s: %(names)s. "
                "Chỉ lưu nếu %(unit)s có thẩm quyền với các cơ sở này: giao nhầm đơn vị là đưa "
                "dữ liệu cá nhân của người dân cho đơn vị không cần đến (nguyên tắc tại Điều 3 "
                "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)."
            )
            % {"unit": unit_name, "names": names}
        )
    return messages
