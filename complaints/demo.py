"""The demo province's reference data: facilities and categories from shared/data."""

from django.conf import settings

from complaints.services.imports import categories_import, facilities_import


def load(*, stdout) -> None:
    data = settings.SHARED_DIR / "data"
    for name, importer in (("facilities.csv", facilities_import), ("categories.csv", categories_import)):
        result = importer(text=(data / name).read_text(encoding="utf-8"), source=name)
        stdout.write(
            f"{name}: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi"
        )
