"""The demo province's reference data: facilities and categories from shared/data,
then the default routing rules (DOMAIN.md §3a)."""

from django.conf import settings

from complaints.routing_defaults import install_default_rules
from complaints.services.imports import categories_import, facilities_import


def load(*, stdout) -> None:
    data = settings.SHARED_DIR / "data"
    importers = (("facilities.csv", facilities_import), ("categories.csv", categories_import))
    for name, importer in importers:
        result = importer(text=(data / name).read_text(encoding="utf-8"), source=name)
        stdout.write(
            f"{name}: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi"
        )
    rules = install_default_rules()
    stdout.write(
        f"quy tắc phân công: {len(rules.created)} mới, {rules.existing} đã có, "
        f"{len(rules.skipped)} chưa cài (thiếu đơn vị)"
    )
