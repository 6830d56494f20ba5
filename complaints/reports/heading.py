"""Who a periodic report is from and to: the issuing body of its PDF, laid out as an
administrative document (Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I: issuing body under its
superior, số và ký hiệu, place and date, addressee, nơi nhận, the signer's title), and the
scope its figures cover, named as a reader outside the portal knows it.

- a unit chosen: that unit issues it and its name is the scope (the units below included);
- the whole province (a user who sees every case): the Department (Sở Y tế, the root
  unit), "Sở Y tế tỉnh … (toàn tỉnh)";
- a facility handler's whole scope: the unit they work for (the units themselves named when
  they work for several, the first issuing).

The superior and the place are those of the case documents (`complaints.documents.services`),
the symbol "…/BC-<unit>" as theirs before a number is given (`rendering.symbol_for`), the
signer's title by the unit's kind (`rules.documents.SIGNER_TITLES`); the name is left for
whoever signs."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from complaints.documents.services import _place_of, _superior_of
from complaints.models import Facility, FacilityKind
from complaints.rules.documents import SIGNER_TITLES

REPORT_TYPE = "bao_cao"  # `rules.documents.DOCUMENT_TYPES`: BÁO CÁO, "BC"


@dataclass(frozen=True)
class ReportHeading:
    issuer: Facility | None  # None: no unit in the portal at all (an empty database)
    scope_name: str
    superior: str
    place: str
    signer_title: str


def _department() -> Facility | None:
    return (
        Facility.objects.filter(kind=FacilityKind.DEPARTMENT, parent=None).order_by("id").first()
    )


def report_heading(*, user, unit: Facility | None) -> ReportHeading:
    """The heading of the report of `user`'s scope (`unit`'s subtree, if given)."""
    names: list[str] = []
    if unit is not None:
        issuer, names = unit, [unit.name]
    elif user is None or user.is_superuser or user.has_perm("complaints.view_all_cases"):
        issuer = _department()
        if issuer is not None:
            names = [_("%(unit)s (toàn tỉnh)") % {"unit": issuer.name}]
    else:
        roots = list(
            Facility.objects.filter(memberships__user=user).order_by("name").distinct()
        )
        issuer = roots[0] if roots else _department()
        names = [root.name for root in roots]
        if user.has_perm("complaints.view_press_cases"):
            names.append(_("hồ sơ thông tin báo chí phản ánh"))
    if issuer is None:
        return ReportHeading(
            issuer=None, scope_name=_("Toàn bộ phạm vi"), superior="", place="", signer_title=""
        )
    return ReportHeading(
        issuer=issuer,
        scope_name="; ".join(names) or issuer.name,
        superior=_superior_of(issuer),
        place=_place_of(issuer),
        signer_title=SIGNER_TITLES.get(issuer.kind, "THỦ TRƯỞNG CƠ QUAN"),
    )
