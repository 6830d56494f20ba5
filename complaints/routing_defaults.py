"""The default routing rules (DOMAIN.md §3a), each next to its legal basis.

Rules are data: `install_default_rules()` writes this table as RoutingRule rows,
which the administrator then orders, edits or deactivates in the admin ("Danh mục &
quy tắc"). Installing is idempotent by rule name: a rule that exists is left as the
administrator has it, so rerunning `load_demo_data` never undoes an edit.

Outside the health sector (§3a(6)). The demo category `bhyt-vien-phi` covers both a
hospital's billing errors (inside the sector: the facility answers) and payments
decided by the social-security agency (outside: BHXH). Forwarding the whole category
would send hospital billing errors away, so the defaults add a category of their own,
`ngoai-nganh-bhxh` ("Giám định, thanh toán BHYT do cơ quan BHXH quyết định"), and
forward only that one. An administrator adds other outside matters the same way: a
category plus a FORWARD_OUTSIDE rule keyed on it (or on the facility kind `external`).

Where a unit is named by kind (`unit_kind`), the first active facility of that kind
becomes the rule's `target_unit` when the rule is installed; a rule whose unit does
not exist yet is skipped and installed on a later run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from complaints.kinds import CaseKind
from complaints.models import Category, Facility, FacilityKind, RoutingRule, RoutingTarget
from complaints.services.routing import PROVINCE_CHAIR

SOCIAL_SECURITY = "Cơ quan Bảo hiểm xã hội (Bảo hiểm xã hội khu vực phụ trách tỉnh)"

OUTSIDE_CATEGORY_CODE = "ngoai-nganh-bhxh"


@dataclass(frozen=True)
class DefaultCategory:
    code: str
    name: str
    description: str
    name_en: str = ""  # for English readers (Category.name_en)
    description_en: str = ""


DEFAULT_CATEGORIES: tuple[DefaultCategory, ...] = (
    DefaultCategory(
        OUTSIDE_CATEGORY_CODE,
        "Giám định, thanh toán BHYT do cơ quan BHXH quyết định (ngoài ngành Y tế)",
        "Từ chối thanh toán, mức hưởng, thẻ BHYT do cơ quan Bảo hiểm xã hội quyết định. "
        "Sai sót thu viện phí của bệnh viện thuộc lĩnh vực “Bảo hiểm y tế và viện phí”.",
        "Health insurance assessment and payment decided by Social Security (outside the "
        "health sector)",
        "Refused payments, benefit levels and insurance cards decided by the Social Security "
        "agency. A hospital's billing errors belong to “Health insurance and hospital fees”.",
    ),
)


@dataclass(frozen=True)
class DefaultRule:
    position: int
    name: str
    target: str
    legal_basis: str
    reason: str = ""
    kind: str = ""
    second_time: bool | None = None
    against_head: bool | None = None
    anonymous_tip: bool | None = None
    category_code: str = ""
    facility_kind: str = ""
    unit_kind: str = ""  # FIXED_UNIT: the first active facility of this kind
    forward_to: str = ""


KN, TC = CaseKind.KHIEU_NAI, CaseKind.TO_CAO
ANONYMOUS_TIP_RULE = "Thông tin tố cáo ẩn danh nêu tên người vi phạm: Thanh tra Sở"
FK = FacilityKind
T = RoutingTarget

# Ordered: the first active rule whose conditions all match decides (RoutingRule).
DEFAULT_RULES: tuple[DefaultRule, ...] = (
    # §3a(5): the press office owns a press report; the facility named verifies it.
    DefaultRule(
        10, "Thông tin báo chí phản ánh: Văn phòng Sở chủ trì", T.FIXED_UNIT,
        "Điều 3 Nghị định 244/2026 (người phát ngôn của Sở)",
        "Bộ phận truyền thông, người phát ngôn thuộc Văn phòng Sở trả lời báo chí.",
        kind=CaseKind.BAO_CHI, unit_kind=FK.OFFICE,
    ),
    # §3a(6): outside the health sector, forwarded with the addressee named.
    DefaultRule(
        20, "Ngoài ngành Y tế: giám định, thanh toán BHYT do cơ quan BHXH quyết định",
        T.FORWARD_OUTSIDE,
        "Giám định, thanh toán BHYT thuộc thẩm quyền cơ quan Bảo hiểm xã hội "
        "(Luật Bảo hiểm y tế; điều khoản chưa xác nhận)",
        "Nội dung thuộc thẩm quyền cơ quan Bảo hiểm xã hội, không thuộc ngành Y tế.",
        category_code=OUTSIDE_CATEGORY_CODE, forward_to=SOCIAL_SECURITY,
    ),
    DefaultRule(
        21, "Ngoài ngành Y tế: cơ quan được nêu tên không thuộc ngành", T.FORWARD_OUTSIDE,
        "Chuyển đơn không thuộc thẩm quyền đến cơ quan có thẩm quyền "
        "(Luật Tiếp công dân 42/2013; điều khoản chưa xác nhận)",
        "Cơ quan bị phản ánh không thuộc ngành Y tế: chuyển đến chính cơ quan đó.",
        facility_kind=FK.EXTERNAL,
    ),
    # A private clinic is licensed and inspected by the Sở, not managed by it.
    DefaultRule(
        25, "Phòng khám tư nhân: Thanh tra Sở", T.FIXED_UNIT,
        "Sở Y tế cấp phép, thanh tra cơ sở khám bệnh, chữa bệnh tư nhân "
        "(Luật KBCB 15/2023; điều khoản chưa xác nhận)",
        facility_kind=FK.PRIVATE_CLINIC, unit_kind=FK.INSPECTORATE,
    ),
    # §3a(2): second-time complaints go one level up (Luật KN 02/2011 Arts 20, 21).
    *(
        DefaultRule(
            position, name, T.FORWARD_OUTSIDE,
            "khoản 2 Điều 21 Luật Khiếu nại 02/2011/QH13",
            "Quyết định giải quyết lần đầu là của Giám đốc Sở (khoản 1 Điều 20 Luật Khiếu nại); "
            "khiếu nại lần hai do Chủ tịch UBND tỉnh giải quyết.",
            kind=KN, second_time=True, facility_kind=facility_kind, forward_to=PROVINCE_CHAIR,
        )
        for position, name, facility_kind in (
            (30, "Khiếu nại lần 2 quyết định của Giám đốc Sở", FK.DEPARTMENT),
            (31, "Khiếu nại lần 2 đối với Văn phòng Sở", FK.OFFICE),
            (32, "Khiếu nại lần 2 đối với Thanh tra Sở", FK.INSPECTORATE),
        )
    ),
    DefaultRule(
        40, "Khiếu nại lần 2 quyết định của thủ trưởng đơn vị thuộc Sở", T.FIXED_UNIT,
        "khoản 2 Điều 20 Luật Khiếu nại 02/2011/QH13",
        "Giám đốc Sở giải quyết khiếu nại lần hai đối với quyết định của thủ trưởng "
        "đơn vị thuộc Sở.",
        kind=KN, second_time=True, unit_kind=FK.DEPARTMENT,
    ),
    # §3a(1): first-time complaints go to the head of the unit that acted.
    *(
        DefaultRule(
            position, name, T.UNIT_ABOVE,
            "khoản 1 Điều 20 Luật Khiếu nại 02/2011/QH13",
            "Văn phòng, Thanh tra là bộ phận của Sở: Giám đốc Sở giải quyết lần đầu "
            "quyết định, hành vi của cán bộ do mình quản lý trực tiếp.",
            kind=KN, second_time=False, facility_kind=facility_kind,
        )
        for position, name, facility_kind in (
            (50, "Khiếu nại lần 1 đối với Văn phòng Sở", FK.OFFICE),
            (51, "Khiếu nại lần 1 đối với Thanh tra Sở", FK.INSPECTORATE),
        )
    ),
    DefaultRule(
        60, "Khiếu nại lần 1: người đứng đầu cơ sở", T.FACILITY,
        "Điều 17–20 Luật Khiếu nại 02/2011/QH13; đơn vị sự nghiệp công lập: "
        "Nghị định 124/2020 (chi tiết chưa xác nhận)",
        "Người đứng đầu cơ quan, đơn vị có quyết định, hành vi bị khiếu nại giải quyết "
        "lần đầu (với Sở: Giám đốc Sở, khoản 1 Điều 20).",
        kind=KN, second_time=False,
    ),
    # §3a(3): denunciations follow the accused's position (Luật TC 25/2018 Arts 12, 13).
    DefaultRule(
        70, "Tố cáo Giám đốc, Phó Giám đốc Sở", T.FORWARD_OUTSIDE,
        "khoản 1 Điều 12, điểm a khoản 4 Điều 13 Luật Tố cáo 25/2018/QH14",
        "Chủ tịch UBND tỉnh giải quyết tố cáo người đứng đầu, cấp phó cơ quan chuyên môn "
        "thuộc UBND tỉnh.",
        kind=TC, against_head=True, facility_kind=FK.DEPARTMENT, forward_to=PROVINCE_CHAIR,
    ),
    DefaultRule(
        80, "Tố cáo người đứng đầu, cấp phó của cơ sở: đơn vị cấp trên", T.UNIT_ABOVE,
        "khoản 1 Điều 12, điểm a khoản 3 Điều 13 Luật Tố cáo 25/2018/QH14",
        "Tố cáo người đứng đầu, cấp phó do người đứng đầu cơ quan cấp trên trực tiếp "
        "giải quyết.",
        kind=TC, against_head=True,
    ),
    *(
        DefaultRule(
            position, name, T.UNIT_ABOVE,
            "khoản 1 Điều 12, điểm a khoản 3 Điều 13 Luật Tố cáo 25/2018/QH14",
            "Công chức của Văn phòng, Thanh tra Sở do Giám đốc Sở quản lý trực tiếp.",
            kind=TC, against_head=False, facility_kind=facility_kind,
        )
        for position, name, facility_kind in (
            (90, "Tố cáo cán bộ Văn phòng Sở", FK.OFFICE),
            (91, "Tố cáo cán bộ Thanh tra Sở", FK.INSPECTORATE),
        )
    ),
    DefaultRule(
        100, "Tố cáo cán bộ, nhân viên: người đứng đầu cơ sở quản lý", T.FACILITY,
        "khoản 1 Điều 12, Điều 18 Luật Tố cáo 25/2018/QH14",
        "Người đứng đầu cơ quan, đơn vị quản lý người bị tố cáo giải quyết.",
        kind=TC, against_head=False,
    ),
    # DOMAIN.md §2, anonymous denunciation: an anonymous phản ánh that names the person
    # it accuses is information with a denunciation's content, which the Sở inspects or
    # passes on (khoản 2 Điều 25 Luật Tố cáo); never to the unit of the person named.
    DefaultRule(
        105, ANONYMOUS_TIP_RULE, T.FIXED_UNIT,
        "khoản 2 Điều 25 Luật Tố cáo 25/2018/QH14",
        "Thông tin có nội dung tố cáo nhưng không rõ người tố cáo: Thanh tra Sở phân loại, "
        "xem xét thanh tra, kiểm tra theo thẩm quyền hoặc chuyển cơ quan có thẩm quyền; không "
        "giao cơ sở có người bị nêu tên.",
        kind=CaseKind.PHAN_ANH, anonymous_tip=True, unit_kind=FK.INSPECTORATE,
    ),
    # §3a(4): the category's unit (food safety → Chi cục ATVSTP, epidemics → CDC,
    # corruption → Thanh tra Sở, procedures → Văn phòng Sở), else the facility named.
    DefaultRule(
        110, "Đơn vị mặc định của lĩnh vực", T.CATEGORY_DEFAULT,
        "Chức năng, nhiệm vụ của các đơn vị thuộc Sở (quy chế phân công của Sở)",
    ),
    DefaultRule(
        120, "Cơ sở bị phản ánh tự giải quyết, đơn vị cấp trên theo dõi", T.FACILITY,
        "Phản ánh, kiến nghị: không có luật định thẩm quyền; quy chế phân công của Sở",
    ),
    # §3a(7): nothing decided: the intake officers of the Sở decide by hand.
    DefaultRule(
        999, "Không xác định được đơn vị: cán bộ tiếp nhận quyết định", T.MANUAL,
        "Quy chế tiếp nhận, xử lý đơn của Sở: cán bộ tiếp nhận phân loại, đề xuất",
    ),
)


@dataclass
class InstallResult:
    created: list[str] = field(default_factory=list)
    existing: int = 0
    skipped: list[str] = field(default_factory=list)  # unit not found yet
    categories_created: list[str] = field(default_factory=list)


def _unit_of_kind(kind: str) -> Facility | None:
    return (
        Facility.objects.filter(kind=kind, is_active=True)
        .order_by("parent_id", "code")
        .first()
    )


@transaction.atomic
def install_default_rules() -> InstallResult:
    """Create the default categories and rules that do not exist yet (by code / name).

    Idempotent: existing rows are never changed. One transaction."""
    reason = "origin=system action=install_default_rules"
    result = InstallResult()
    categories: dict[str, Category] = {}
    for default in DEFAULT_CATEGORIES:
        category = Category.objects.filter(code=default.code).first()
        if category is None:
            category = Category(
                code=default.code, name=default.name, description=default.description,
                name_en=default.name_en, description_en=default.description_en,
            )
            category._change_reason = reason
            category.save()
            result.categories_created.append(default.code)
        elif not category.name_en and category.name == default.name and default.name_en:
            # An install from before the English names, the field not renamed since.
            category.name_en, category.description_en = default.name_en, default.description_en
            category._change_reason = reason
            category.save(update_fields=["name_en", "description_en"])
        categories[default.code] = category

    names = set(RoutingRule.objects.values_list("name", flat=True))
    for default in DEFAULT_RULES:
        if default.name in names:
            result.existing += 1
            continue
        target_unit = None
        if default.unit_kind:
            target_unit = _unit_of_kind(default.unit_kind)
            if target_unit is None:
                result.skipped.append(default.name)
                continue
        category = None
        if default.category_code:
            category = categories.get(default.category_code) or Category.objects.filter(
                code=default.category_code
            ).first()
            if category is None:
                result.skipped.append(default.name)
                continue
        rule = RoutingRule(
            position=default.position,
            name=default.name,
            kind=default.kind,
            second_time=default.second_time,
            against_head=default.against_head,
            anonymous_tip=default.anonymous_tip,
            category=category,
            facility_kind=default.facility_kind,
            target=default.target,
            target_unit=target_unit,
            forward_to=default.forward_to,
            legal_basis=default.legal_basis,
            reason=default.reason,
        )
        rule._change_reason = reason
        rule.save()
        result.created.append(default.name)
    return result
