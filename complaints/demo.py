"""The demo province's reference data: facilities and categories from demo/data,
then the default routing rules (DOMAIN.md §3a)."""

import datetime

from django.conf import settings

from complaints.models import CalendarOverride
from complaints.routing_defaults import install_default_rules
from complaints.services.imports import categories_import, facilities_import

# The days the government moved in 2026 (DOMAIN.md §4), on top of the statutory
# holidays of Bộ luật Lao động 2019 Art 112 that the `holidays` package gives.
# The notice's number is not in shared/law: unconfirmed, to be checked by the
# administrator in "Ngày nghỉ, ngày làm bù".
_SWAP_2026 = "Thông báo lịch nghỉ Tết năm 2026 (số hiệu chưa xác nhận)"
DAY_OFF, WORKING_DAY = CalendarOverride.Kind.DAY_OFF, CalendarOverride.Kind.WORKING_DAY
CALENDAR_2026 = (
    (datetime.date(2026, 1, 2), DAY_OFF, "Nghỉ hoán đổi dịp Tết Dương lịch"),
    (datetime.date(2026, 1, 10), WORKING_DAY, "Làm bù cho thứ Sáu 02/01/2026"),
)


def load_calendar() -> int:
    created = 0
    for day, kind, reason in CALENDAR_2026:
        _override, was_created = CalendarOverride.objects.get_or_create(
            date=day, defaults={"kind": kind, "reason": reason, "legal_basis": _SWAP_2026}
        )
        created += was_created
    return created


def load(*, stdout) -> None:
    data = settings.DEMO_DIR / "data"
    importers = (("facilities.csv", facilities_import), ("categories.csv", categories_import))
    for name, importer in importers:
        result = importer(text=(data / name).read_text(encoding="utf-8"), source=name)
        stdout.write(
            f"{name}: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi"
        )
    stdout.write(f"lịch ngày nghỉ, ngày làm bù 2026: {load_calendar()} mới")
    rules = install_default_rules()
    stdout.write(
        f"quy tắc phân công: {len(rules.created)} mới, {rules.existing} đã có, "
        f"{len(rules.skipped)} chưa cài (thiếu đơn vị)"
    )
