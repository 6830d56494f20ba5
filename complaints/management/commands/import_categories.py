from complaints.services.imports import CATEGORY_COLUMNS, categories_import

from .import_facilities import FILE_FORMAT
from .import_facilities import Command as ImportCommand


class Command(ImportCommand):
    help = (
        "Nhập danh mục lĩnh vực từ tệp CSV (tất cả các dòng hoặc không dòng nào). "
        f"Cột: {','.join(CATEGORY_COLUMNS)} (default_unit_code: mã đơn vị mặc định, có "
        f"thể trống); cột tùy chọn name_en, description_en: tên và mô tả tiếng Anh. "
        f"{FILE_FORMAT} Ví dụ: demo/data/categories.csv."
    )
    importer = staticmethod(categories_import)
