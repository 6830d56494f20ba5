from django.core.management.base import BaseCommand, CommandError

from search.backends import SearchUnavailable, get_backend
from search.cases_es import all_case_entries, get_case_index
from search.documents import page_documents


class Command(BaseCommand):
    help = (
        "Xây lại chỉ mục tìm kiếm (--rebuild, không mất thay đổi ghi trong lúc chạy) hoặc "
        "so sánh từng khóa và nội dung của chỉ mục với cơ sở dữ liệu (--check)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true")
        group.add_argument("--check", action="store_true")

    def handle(self, *args, rebuild: bool, check: bool, **options):
        # The search engine away: one line (cron mails it), exit status 1, no traceback.
        try:
            self.run(rebuild=rebuild, check=check)
        except SearchUnavailable as error:
            reason = " ".join(str(error).split())[:300]
            raise CommandError(
                f"Máy chủ tìm kiếm không trả lời ({reason}): kiểm tra máy chủ và "
                f"ELASTICSEARCH_URL, rồi chạy lại search_index."
            ) from None

    def run(self, *, rebuild: bool, check: bool) -> None:
        backend = get_backend()
        if rebuild:
            count = backend.rebuild(page_documents())
            cases = self.rebuild_cases()
            self.stdout.write(f"{backend.name}: đã lập chỉ mục {count} trang, {cases} hồ sơ.")
            index = get_case_index()
            if index is not None:
                cases = index.rebuild(all_case_entries())
                self.stdout.write(f"{index.name}: đã lập chỉ mục {cases} hồ sơ.")
            return
        pages_differ = self.compare(
            backend.name, {doc.key: doc.digest for doc in page_documents()}, backend.digests()
        )
        case_problems = self.check_cases()
        if case_problems:
            self.stdout.write(f"  hồ sơ: {case_problems}")
        index_problems = self.check_case_index()
        if pages_differ or case_problems or index_problems:
            raise CommandError("Chỉ mục lệch với cơ sở dữ liệu: chạy search_index --rebuild.")

    def rebuild_cases(self) -> int:
        """Every case's row written again in batches (new rows inserted, changed rows
        updated, rows of deleted cases removed); the table is never emptied."""
        from complaints.models import Case
        from search.cases import index_case_rows
        from search.models import CaseSearchEntry

        count = 0
        cases = Case.objects.select_related("facility", "category", "assigned_unit", "reporter")
        chunk: list = []

        def flush():
            index_case_rows(chunk)
            chunk.clear()

        for case in cases.order_by("pk").iterator(chunk_size=2000):
            chunk.append(case)
            count += 1
            if len(chunk) >= 2000:
                flush()
        flush()
        CaseSearchEntry.objects.exclude(case__in=Case.objects.all()).delete()
        return count

    def check_cases(self) -> str:
        from complaints.models import Case
        from search.documents import case_text
        from search.models import CaseSearchEntry
        from search.text import folded_stream

        stored = dict(CaseSearchEntry.objects.values_list("case_id", "folded_text"))
        cases = Case.objects.select_related("facility", "category", "assigned_unit", "reporter")
        missing = stale = 0
        for case in cases.iterator(chunk_size=1000):
            text = stored.pop(case.pk, None)
            if text is None:
                missing += 1
            elif text != folded_stream(case_text(case)):
                stale += 1
        if missing or stale or stored:
            return f"thiếu {missing}, thừa {len(stored)}, lệch nội dung {stale}"
        return ""

    def check_case_index(self) -> bool:
        """The Elasticsearch case index against the cases: every key and its digest."""
        index = get_case_index()
        if index is None:
            return False
        expected = {entry.key: entry.digest for entry in all_case_entries()}
        return self.compare(index.name, expected, index.digests(), order=int)

    def compare(self, name: str, expected: dict, found: dict, order=None) -> bool:
        """Keys and content digests of an index against the database, reported; True when
        they differ."""
        missing = sorted(set(expected) - set(found), key=order)
        extra = sorted(set(found) - set(expected), key=order)
        stale = sorted(
            (k for k in set(expected) & set(found) if expected[k] != found[k]), key=order
        )
        self.stdout.write(
            f"{name}: chỉ mục {len(found)}, cơ sở dữ liệu {len(expected)}; "
            f"thiếu {len(missing)}, thừa {len(extra)}, lệch nội dung {len(stale)}."
        )
        for label, keys in (("thiếu", missing), ("thừa", extra), ("lệch", stale)):
            if keys:
                self.stdout.write(f"  {label}: {', '.join(keys[:20])}")
        return bool(missing or extra or stale)
