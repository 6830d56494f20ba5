"""Data for benchmarks: cases through the real routing and deadline code, with their
history rows, and news pages in the Wagtail tree. Reusable (`generate(cases=, pages=)`)
and a command line:

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=portal.settings.dev \\
        .venv/bin/python bench/generate.py --cases 100000 --pages 10000

Fast where the history helpers allow: each batch of cases is routed by `route_decide`
with the rules read once, scheduled by `case_schedule` (the deadline engine on the
portal's calendar), then written with simple-history's `bulk_create_with_history`
(cases, reporters, deadline rows: one insert and one history insert per batch).
The texts are drawn from a small Vietnamese vocabulary with a fixed seed, so two
runs make the same data. Reporters get made-up contact data, never indexed."""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUBJECTS = [
    "Bác sĩ nhận phong bì của người nhà bệnh nhân",
    "Bệnh nhân phải chờ khám quá lâu",
    "Thái độ phục vụ của điều dưỡng không đúng mực",
    "Thu thêm tiền ngoài bảng giá viện phí",
    "Thuốc bảo hiểm y tế bị thiếu, phải mua ngoài",
    "Nhà vệ sinh khoa nhi mất vệ sinh",
    "Cơ sở bán thuốc không có giấy phép",
    "Phòng khám tư đóng cửa mà vẫn thu tiền",
    "Ngộ độc thực phẩm sau bữa ăn tại căng tin",
    "Tiêm vắc xin sởi cho trẻ bị chậm lịch",
    "Xe cấp cứu đến muộn",
    "Chẩn đoán sai dẫn đến biến chứng",
    "Sốt xuất huyết tăng ở khu dân cư",
    "Đề nghị bổ sung bác sĩ cho trạm y tế xã",
    "Khiếu nại quyết định thu hồi chứng chỉ hành nghề",
    "Tố cáo lãnh đạo khoa lạm dụng chức vụ",
]
DETAILS = [
    "Sự việc xảy ra vào buổi sáng tại khoa khám bệnh.",
    "Người nhà đã phản ánh trực tiếp nhưng chưa được giải quyết.",
    "Đề nghị Sở Y tế kiểm tra, xử lý nghiêm.",
    "Bệnh nhân là người cao tuổi, có thẻ bảo hiểm y tế.",
    "Nhiều người dân trong xã cũng gặp tình trạng tương tự.",
    "Cơ sở đã được nhắc nhở nhưng không khắc phục.",
    "Tình trạng kéo dài trong nhiều tháng qua.",
    "Xin cung cấp hình ảnh và hóa đơn kèm theo.",
]
NEWS = [
    "Tăng cường phòng chống dịch sốt xuất huyết",
    "Kế hoạch tiêm chủng mở rộng năm",
    "Cảnh báo ngộ độc thực phẩm mùa hè",
    "Bệnh viện tỉnh tiếp nhận máy chụp cộng hưởng từ",
    "Hướng dẫn phòng chống COVID-19 trong trường học",
    "Kiểm tra an toàn thực phẩm dịp Tết",
    "Đóng cửa cơ sở hành nghề không phép",
    "Tập huấn cấp cứu ban đầu cho nhân viên y tế",
    "Triển khai bệnh án điện tử tại các bệnh viện",
    "Những người hùng áo trắng nơi vùng cao",
]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def reference_data() -> None:
    import io

    from complaints import demo

    demo.load(stdout=io.StringIO())


def generate_cases(count: int, *, batch: int = 2000, seed: int = 13, stdout=sys.stdout) -> float:
    """`count` cases; returns the seconds taken."""
    from django.db import transaction
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from complaints.kinds import CaseKind, CaseStatus, Channel
    from complaints.models import Case, CaseDeadline, Category, Facility, Reporter
    from complaints.services import deadlines as deadline_service
    from complaints.services.routing import active_rules, route_decide
    from complaints.services.tracking import pin_hash

    rng = random.Random(seed)
    facilities = list(Facility.objects.filter(is_active=True))
    categories = list(Category.objects.filter(is_active=True))
    rules = active_rules()
    kinds = (
        [CaseKind.PHAN_ANH] * 6
        + [CaseKind.KIEN_NGHI] * 2
        + [
            CaseKind.KHIEU_NAI,
            CaseKind.TO_CAO,
        ]
    )
    statuses = [CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.CLOSED]
    hashed = pin_hash(tracking_code="BENCH", pin="000000")
    start_number = Case.objects.count()
    now = timezone.now()
    started = time.perf_counter()
    for offset in range(0, count, batch):
        cases, reporters, deadlines = [], [], []
        for i in range(offset, min(count, offset + batch)):
            n = start_number + i + 1
            kind = rng.choice(kinds)
            received = now - datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 700))
            facility, category = rng.choice(facilities), rng.choice(categories)
            subject = rng.choice(SUBJECTS)
            case = Case(
                tracking_code=f"YT-{received.year}-B{n:07d}",
                pin_hash=hashed,
                kind=kind,
                channel=rng.choice([Channel.WEB, Channel.WEB, Channel.HOTLINE, Channel.MAIL]),
                status=rng.choice(statuses),
                title=f"{subject} tại {facility.name}",
                content=" ".join(rng.sample(DETAILS, 3)),
                facility=facility,
                category=category,
                received_at=received,
            )
            if kind == CaseKind.KHIEU_NAI:
                case.decision_complained = "Quyết định thu viện phí"
                case.decision_maker = "Giám đốc bệnh viện"
            if kind == CaseKind.TO_CAO:
                case.accused_name = "Người bị tố cáo"
                case.accused_position = "Trưởng khoa"
            if case.status != CaseStatus.RECEIVED:
                case.accepted_at = received + datetime.timedelta(days=3)
            # The real routing and deadline code.
            route = route_decide(
                kind=kind, category=category, facility=facility, rules=rules, on=received.date()
            )
            case.assigned_unit = route.unit
            case.forwarded_to = route.forward_to
            schedule = deadline_service.case_schedule(case=case)
            deadline_service.schedule_apply(case=case, schedule=schedule)
            case._change_reason = "origin=bench action=generate"
            cases.append((case, schedule))
        with transaction.atomic():
            created = bulk_create_with_history(
                [c for c, _s in cases], Case, batch_size=1000, default_change_reason="bench"
            )
            by_code = {c.tracking_code: c for c in created}
            for case, schedule in cases:
                stored = by_code[case.tracking_code]
                reporters.append(
                    Reporter(
                        case=stored, name="Người dân thử nghiệm", phone="0900000000",
                        email="nguoidan@example.vn", consent_processing=True,
                    )
                )  # fmt: skip
                deadlines += [
                    CaseDeadline(case=stored, step=s.step, **deadline_service._row_values(s))
                    for s in schedule.steps
                ]
            bulk_create_with_history(reporters, Reporter, batch_size=1000)
            bulk_create_with_history(deadlines, CaseDeadline, batch_size=2000)
        stdout.write(f"cases: {offset + len(cases)}/{count}\n")
    return time.perf_counter() - started


def generate_pages(count: int, *, seed: int = 17, stdout=sys.stdout) -> float:
    """`count` live news pages under one news index; returns the seconds taken."""
    from wagtail.models import Page, Site

    from cms.models import HomePage, NewsIndexPage, NewsPage

    rng = random.Random(seed)
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if home is None or not isinstance(home, HomePage):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="bench-home", intro="."))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    index = home.add_child(
        instance=NewsIndexPage(title="Tin tức (đo)", slug=f"tin-do-{int(time.time())}")
    )
    started = time.perf_counter()
    base = datetime.date(2024, 1, 1)
    for n in range(count):
        title = f"{rng.choice(NEWS)} {2024 + n % 3} (số {n})"
        index.add_child(
            instance=NewsPage(
                title=title,
                slug=f"tin-{n}",
                lead=" ".join(rng.sample(DETAILS, 2)),
                date=base + datetime.timedelta(days=n % 900),
                live=True,
            )
        )
        if n % 1000 == 999:
            stdout.write(f"pages: {n + 1}/{count}\n")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    reference_data()
    seconds = generate_cases(args.cases)
    print(f"{args.cases} cases in {seconds:.1f} s ({args.cases / seconds:.0f}/s)")
    seconds = generate_pages(args.pages)
    print(f"{args.pages} pages in {seconds:.1f} s ({args.pages / max(seconds, 1e-9):.0f}/s)")
    seconds = vacuum_analyze()
    if seconds is not None:
        print(f"VACUUM ANALYZE in {seconds:.1f} s")


def vacuum_analyze() -> float | None:
    """On PostgreSQL, what autovacuum would do to a database that grew by 100,000 cases:
    planner statistics, and the visibility map the counters' index-only scans need. Without
    it the first benchmark on a fresh database measured autovacuum at work and plans made
    blind: connecting 6,000 live pages took 122–130 s instead of 21 s, a staff request
    360–600 ms instead of 110–170 (docs/benchmarks.md, "Live updates at scale", fifth
    round). None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
