"""import_directives FILE…: plain-text official documents become directive pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.importers.directives import directive_import
from cms.models import DirectiveIndexPage


class Command(BaseCommand):
    help = (
        "Nhập văn bản chỉ đạo từ tệp văn bản thuần (UTF-8): số, loại, ngày, nơi ban hành, "
        "cơ quan ban hành, người ký, nơi nhận, trích yếu. Chạy lại không tạo trang trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--index",
            metavar="SLUG",
            help="đường dẫn (slug) của trang danh sách văn bản; mặc định trang đầu tiên",
        )
        parser.add_argument(
            "--draft", action="store_true", help="lưu bản nháp, không xuất bản"
        )

    def handle(self, *args, files, index=None, draft=False, **options):
        index_page = self._index(index)
        failures = 0
        for name in files:
            path = Path(name)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                failures += 1
                self.stderr.write(f"{path}: không đọc được ({error})")
                continue
            result = directive_import(
                text=text, source_file=path.name, index=index_page, publish=not draft
            )
            page = result.page
            outcome = "tạo mới" if result.created else "cập nhật" if result.changed else "không đổi"
            self.stdout.write(f"{path.name}: {outcome} — {page.title}")
            facts = [
                ("số", page.number),
                ("loại", page.doc_type_label),
                ("ngày", page.issued_on and page.issued_on.isoformat()),
                ("nơi ban hành", page.place),
                ("cơ quan", page.issuing_body),
                ("người ký", page.signer),
                ("nơi nhận", len(page.recipient_list) or ""),
            ]
            self.stdout.write("    " + "; ".join(f"{k}: {v or '—'}" for k, v in facts))
        if failures:
            raise CommandError(f"{failures} tệp không nhập được.")

    def _index(self, slug):
        pages = DirectiveIndexPage.objects.all()
        if slug:
            pages = pages.filter(slug=slug)
        index_page = pages.order_by("path").first()
        if index_page is None:
            raise CommandError(
                "Chưa có trang danh sách văn bản chỉ đạo: tạo trang này trong quản trị "
                "hoặc chạy load_demo_data."
            )
        return index_page
