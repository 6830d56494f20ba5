from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from complaints.services.imports import ImportRejected, facilities_import


class Command(BaseCommand):
    help = "Nhập cây cơ sở y tế từ tệp CSV (tất cả các dòng hoặc không dòng nào)."
    importer = staticmethod(facilities_import)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        try:
            result = self.importer(text=text, source=file.name)
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
