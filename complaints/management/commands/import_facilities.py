from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.models import FacilityKind
from complaints.services.imports import (
    FACILITY_COLUMNS,
    FACILITY_OPTIONAL_COLUMNS,
    ImportRejected,
    decode_csv,
    facilities_import,
)

FILE_FORMAT = (
    "Tệp UTF-8 (có hoặc không BOM) hoặc UTF-16 có BOM; phân cách bằng dấu phẩy, dấu chấm "
    "phẩy hoặc tab; dòng đầu là tên cột."
)


class Command(BaseCommand):
    help = (
        "Nhập cây cơ sở y tế từ tệp CSV (tất cả các dòng hoặc không dòng nào). "
        f"Cột: {','.join(FACILITY_COLUMNS)} (parent_code: mã đơn vị cấp trên, trống với "
        f"Sở); cột tùy chọn: {','.join(FACILITY_OPTIONAL_COLUMNS)} (email: hộp thư nhận "
        f"thông báo hồ sơ của đơn vị). Mã loại (kind): {', '.join(FacilityKind.values)}. "
        f"{FILE_FORMAT} Ví dụ: demo/data/facilities.csv."
    )
    importer = staticmethod(facilities_import)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        try:
            result = self.importer(text=decode_csv(data), source=file.name)
        except ImportRejected as rejected:
            for line, message in rejected.result.errors:
                self.stderr.write(f"{file}:{line}: {message}")
            raise CommandError(
                f"{len(rejected.result.errors)} lỗi; không dòng nào được nhập."
            ) from rejected
        self.stdout.write(
            f"{file.name}: {result.created} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        )
