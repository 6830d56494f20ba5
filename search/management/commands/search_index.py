from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.documents import document_for_page, indexable_pages


class Command(BaseCommand):
    help = "Xây lại chỉ mục tìm kiếm (--rebuild) hoặc so sánh số lượng với cơ sở dữ liệu (--check)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true")
        group.add_argument("--check", action="store_true")

    def handle(self, *args, rebuild: bool, check: bool, **options):
        backend = get_backend()
        if rebuild:
            count = backend.rebuild(document_for_page(page) for page in indexable_pages())
            self.stdout.write(f"{backend.name}: đã lập chỉ mục {count} trang.")
            return
        expected = sum(1 for _page in indexable_pages())
        found = backend.count()
        self.stdout.write(f"{backend.name}: chỉ mục {found}, cơ sở dữ liệu {expected}.")
        if found != expected:
            raise CommandError("Chỉ mục lệch với cơ sở dữ liệu: chạy search_index --rebuild.")
