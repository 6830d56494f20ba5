"""`GET /api/v1/facilities`: the health units a submission may name, for anyone (a
partner's app learns the `facility` codes here). Read from the intake's reference data
(`complaints.services.reference`, read again whenever a unit is saved), so the list is
the one the intake accepts at that moment and costs no query while nothing changes."""

from __future__ import annotations

from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from complaints.api.pagination import paginate
from complaints.api.schemas import ErrorsOut, page_of
from complaints.models import FacilityKind
from complaints.services.reference import reference

router = Router(tags=["reference"])


class FacilityOut(Schema):
    code: str = Field(description=gettext_noop("Mã cơ sở: giá trị gửi trong trường facility"))
    name: str = Field(description=gettext_noop("Tên cơ sở"))
    parent: str | None = Field(description=gettext_noop("Mã đơn vị cấp trên (null: cấp cao nhất)"))
    kind: str = Field(description=gettext_noop("Loại cơ sở (mã)"))
    kind_label: str = Field(description=gettext_noop("Loại cơ sở (tên)"))


FacilityPage = page_of(FacilityOut, "FacilityPage")


class FacilityFilters(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=200)


def _row(facility) -> dict:
    return {
        "code": facility.code,
        "name": facility.name,
        "parent": facility.parent.code if facility.parent is not None else None,
        "kind": facility.kind,
        "kind_label": str(FacilityKind(facility.kind).label),
    }


@router.get(
    "facilities",
    url_name="facilities",
    response={200: FacilityPage, 400: ErrorsOut},
    summary=gettext_noop("Danh mục cơ sở y tế (mã dùng cho trường facility)"),
    description=gettext_noop(
        "Các cơ sở y tế đang hoạt động mà hồ sơ có thể nêu, theo mã, từng trang (tối đa 200 "
        "dòng một trang). Không cần khóa API. Danh mục thay đổi khi Sở sắp xếp lại đơn vị: "
        "hãy đọc lại định kỳ thay vì lưu cố định. Mã lĩnh vực (trường category) là "
        "service_code của GET /open311/v2/services.json."
    ),
)
def facilities(request, filters: Query[FacilityFilters]):
    return paginate(
        request,
        reference().nameable_facilities(),
        page=filters.page,
        size=filters.page_size,
        serialize=_row,
    )
