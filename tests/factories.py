"""Shared factories for the suite (factory_boy). Extend them here, do not fork them.

    user = UserFactory(perms=["complaints.view_all_cases"], facility=facility)
    case = CaseFactory(to_cao=True, facility=hospital)          # with a Reporter
    case = CaseFactory(anonymous_report=True)                  # anonymous phản ánh

Facilities and categories are independent rows by default (no parent, no default
unit); pass `parent=` / `default_unit=` to build a tree, or use the
`demo_reference_data` fixture for the demo province.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import (
    CalendarOverride,
    Case,
    Category,
    Facility,
    FacilityKind,
    FacilityMembership,
    Reporter,
    RoutingRule,
    RoutingTarget,
)
from complaints.services import tracking

DEFAULT_PIN = "246810"
DEFAULT_PASSWORD = "mat-khau-thu-nghiem"


def permission(label: str) -> Permission:
    """`"app_label.codename"` -> the Permission row."""
    app_label, _dot, codename = label.partition(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a usable password (DEFAULT_PASSWORD).

    Options: `perms=["complaints.act_on_case", ...]` (direct permissions),
    `groups=[group, ...]`, `facility=Facility` or `facility=[Facility, ...]`
    (FacilityMembership rows), `admin_access=True` adds `wagtailadmin.access_admin`.
    Traits: `superuser=True`, `staff=True`."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)
        staff = factory.Trait(is_staff=True)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn A"
    last_name = "Nguyễn"
    email = factory.LazyAttribute(lambda o: f"{o.username}@syt.example.vn")
    password = factory.LazyFunction(lambda: make_password(DEFAULT_PASSWORD))
    is_active = True

    @factory.post_generation
    def perms(self, create, extracted, **kwargs):
        if create and extracted:
            self.user_permissions.add(*[permission(label) for label in extracted])
            _forget_cached_perms(self)

    @factory.post_generation
    def admin_access(self, create, extracted, **kwargs):
        if create and extracted:
            self.user_permissions.add(permission("wagtailadmin.access_admin"))
            _forget_cached_perms(self)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
            _forget_cached_perms(self)

    @factory.post_generation
    def facility(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        facilities = extracted if isinstance(extracted, list | tuple) else [extracted]
        for facility in facilities:
            FacilityMembership.objects.get_or_create(user=self, facility=facility)


def _forget_cached_perms(user) -> None:
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)


class GroupFactory(factory.django.DjangoModelFactory):
    """A role: `GroupFactory(perms=["complaints.view_all_cases"])`."""

    class Meta:
        model = Group
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nhóm {n}")

    @factory.post_generation
    def perms(self, create, extracted, **kwargs):
        if create and extracted:
            self.permissions.add(*[permission(label) for label in extracted])


class FacilityFactory(factory.django.DjangoModelFactory):
    """A facility; `FacilityFactory(kind=FacilityKind.DEPARTMENT)` for a Sở,
    `FacilityFactory(parent=sở)` for a unit under it."""

    class Meta:
        model = Facility
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CS-{n:04d}")
    name = factory.Sequence(lambda n: f"Bệnh viện thử nghiệm {n}")
    kind = FacilityKind.HOSPITAL
    parent = None
    area = "Quảng Ngãi"
    address = "Quảng Ngãi"
    is_active = True


def inspectorate() -> Facility:
    """The Sở's inspectorate, whose people are the province's inspectors (`unit_staff`):
    the unit a tố cáo handled by a province-wide inspector is given to."""
    return FacilityFactory(
        code="TTRA-SYT", name="Thanh tra Sở Y tế", kind=FacilityKind.INSPECTORATE
    )


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    default_unit = None
    is_active = True


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride
        django_get_or_create = ("date",)

    date = datetime.date(2026, 1, 10)
    kind = CalendarOverride.Kind.WORKING_DAY
    reason = "Làm bù cho ngày nghỉ"
    legal_basis = ""


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    """An active rule matching anything, sending cases to the named facility."""

    class Meta:
        model = RoutingRule

    position = factory.Sequence(lambda n: 1000 + n)
    name = factory.Sequence(lambda n: f"Quy tắc {n}")
    kind = ""
    second_time = None
    against_head = None
    category = None
    facility_kind = ""
    target = RoutingTarget.FACILITY
    target_unit = None
    forward_to = ""
    legal_basis = "Luật KN Art 18"
    reason = ""
    is_active = True


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    case = None  # set by CaseFactory
    name = "Nguyễn Thị Dân"
    phone = "0905123456"
    email = factory.Sequence(lambda n: f"nguoidan{n}@example.vn")
    address = "Phổ Cường, Đức Phổ, Quảng Ngãi"
    id_number = "051190000123"
    consent_processing = True
    consent_contact = True
    consent_recorded_at = factory.LazyFunction(timezone.now)
    truth_declaration = True


class CaseFactory(factory.django.DjangoModelFactory):
    """A case with its Reporter, received now, about a new facility and category.

    `pin=` sets the citizen's PIN (hashed into pin_hash; DEFAULT_PIN otherwise).
    Traits: `khieu_nai`, `to_cao` (accused_name set), `bao_chi` (press fields,
    channel press), `anonymous_report` (phan_anh without identity), `accepted`
    (status accepted, accepted_at = received_at)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    class Params:
        pin = DEFAULT_PIN
        khieu_nai = factory.Trait(
            kind=CaseKind.KHIEU_NAI,
            decision_complained="Quyết định thu viện phí",
            decision_maker="Giám đốc bệnh viện",
            # procedure: the signature is on file (an online filing without it is not
            # accepted: pass signature_method="" to test that guard)
            signature_method="signed_copy",
        )
        to_cao = factory.Trait(
            kind=CaseKind.TO_CAO,
            accused_name="Trần Văn B",
            accused_position="Bác sĩ",
            signature_method="signed_copy",
        )
        bao_chi = factory.Trait(
            kind=CaseKind.BAO_CHI,
            channel=Channel.PRESS,
            press_outlet="Báo Quảng Ngãi",
            press_article_title="Bệnh nhân chờ khám quá lâu",
            press_article_url="https://baoquangngai.vn/bai-viet",
            press_published_on=factory.LazyAttribute(lambda o: o.received_at.date()),
        )
        anonymous_report = factory.Trait(kind=CaseKind.PHAN_ANH, anonymous=True)
        accepted = factory.Trait(
            status=CaseStatus.ACCEPTED,
            accepted_at=factory.SelfAttribute("received_at"),
        )

    # A prefix of its own: never collides with codes from tracking_code_next().
    tracking_code = factory.Sequence(lambda n: f"TF-2026-{n + 1:06d}")
    pin_hash = factory.LazyAttribute(
        lambda o: tracking.pin_hash(tracking_code=o.tracking_code, pin=o.pin)
    )
    kind = CaseKind.PHAN_ANH
    channel = Channel.WEB
    status = CaseStatus.RECEIVED
    title = factory.Sequence(lambda n: f"Phản ánh thử nghiệm số {n}")
    content = "Bệnh nhân phải chờ khám hơn ba giờ tại khoa khám bệnh."
    facility = factory.SubFactory(FacilityFactory)
    category = factory.SubFactory(CategoryFactory)
    received_at = factory.LazyFunction(timezone.now)

    reporter = factory.RelatedFactory(
        ReporterFactory,
        factory_related_name="case",
        name=factory.LazyAttribute(
            lambda o: "" if o.factory_parent.anonymous else "Nguyễn Thị Dân"
        ),
        id_number=factory.LazyAttribute(
            lambda o: "" if o.factory_parent.anonymous else "051190000123"
        ),
        address=factory.LazyAttribute(
            lambda o: "" if o.factory_parent.anonymous else "Phổ Cường, Đức Phổ, Quảng Ngãi"
        ),
    )


def paper_decision(
    *, symbol: str = "12/QĐ-SYT", on: datetime.date | None = None, finding: str = "correct"
) -> dict:
    """The fields of a conclusion that name its decision signed on paper and its finding
    (đúng, đúng một phần, sai): a complaint's or a denunciation's conclusion needs both
    (complaints/rules/decision.py); another kind's conclusion has no such fields and ignores
    them. Dated today unless `on` is given."""
    return {
        "decision_symbol": symbol,
        "decision_date": (on or timezone.localdate()).isoformat(),
        "finding": finding,
    }


def conclusion_finding(finding: str = "correct") -> dict:
    """The finding of a complaint's or a denunciation's conclusion issued with its decision
    in the portal (no paper reference): đúng, đúng một phần, sai."""
    return {"finding": finding}


# The "Lãnh đạo" role's permissions (portal/roles.py): sees every case, decides.
HANDLER_PERMS = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER_PERMS = [
    *HANDLER_PERMS, "complaints.view_all_cases", "complaints.approve_case",
    "complaints.view_denouncer_identity",
]  # fmt: skip


@dataclass(frozen=True)
class Sector:
    """The Sở, a hospital under it, the hospital's handler and director, the Sở's leader:
    who decides a complaint or denunciation about the hospital and who does not
    (complaints/rules/resolver.py)."""

    so: Facility
    hospital: Facility
    handler: object
    head: object
    so_leader: object


def hospital_under_so() -> Sector:
    so = FacilityFactory(code="SYT", name="Sở Y tế", kind=FacilityKind.DEPARTMENT)
    hospital = FacilityFactory(code="BV-DP", name="Bệnh viện Đức Phổ", parent=so)
    return Sector(
        so=so,
        hospital=hospital,
        handler=UserFactory(username="canbo-bv", perms=HANDLER_PERMS, facility=hospital),
        head=UserFactory(username="giamdoc-bv", perms=LEADER_PERMS, facility=hospital),
        so_leader=UserFactory(username="giamdoc-so", perms=LEADER_PERMS, facility=so),
    )
