from complaints.services.imports import categories_import

from .import_facilities import Command as ImportCommand


class Command(ImportCommand):
    help = "Nhập danh mục lĩnh vực từ tệp CSV (tất cả các dòng hoặc không dòng nào)."
    importer = staticmethod(categories_import)
