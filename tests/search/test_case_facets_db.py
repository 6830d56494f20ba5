"""Facet counts of the inspectors' case search on the database: every facet (kind,
status, unit, category, channel, month, overdue, due soon) in ONE query over the
caller's own narrowed query, inside the user's scope, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, CaseDeadline
from complaints.selectors.dashboard import due_soon_horizon
from search.cases import case_facets, case_search
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INSPECTOR = [*HANDLER, "complaints.view_all_cases"]
TODAY = datetime.date(2026, 7, 15)  # a Wednesday
ICT = datetime.timezone(datetime.timedelta(hours=7))


def at(day: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=ICT)


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    a = FacilityFactory(code="TTYT-A", name="Trung tâm Y tế Đức Phổ")
    b = FacilityFactory(code="TTYT-B", name="Bệnh viện Đa khoa Sơn Tịnh")
    food = CategoryFactory(code="attp", name="An toàn thực phẩm")
    fees = CategoryFactory(code="vien-phi", name="Viện phí")
    day = datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        made = [
            # overdue: waiting for acceptance, accept_by passed
            CaseFactory(assigned_unit=a, category=food, title="Bếp ăn mất vệ sinh",
                        received_at=at("2026-06-20"), accept_by=TODAY - 2 * day),
            # due soon: accept_by today
            CaseFactory(assigned_unit=a, category=fees, title="Thu viện phí sai",
                        received_at=at("2026-07-01"), accept_by=TODAY),
            CaseFactory(khieu_nai=True, accepted=True, assigned_unit=a, category=fees,
                        title="Khiếu nại viện phí", received_at=at("2026-07-02"),
                        resolve_by=TODAY + 30 * day),
            # received at 01:00 on 1 July in Vietnam: 30 June in UTC, July here
            CaseFactory(assigned_unit=b, category=food, channel=Channel.HOTLINE,
                        title="Thức ăn ôi thiu", received_at=at("2026-07-01", hour=1)),
            # concluded long ago with an old deadline: neither overdue nor due soon
            CaseFactory(assigned_unit=b, category=fees, status=CaseStatus.CONCLUDED,
                        title="Viện phí đã giải quyết", received_at=at("2026-05-05"),
                        accept_by=TODAY - 40 * day),
            CaseFactory(assigned_unit=None, category=food, title="Chưa giao đơn vị",
                        received_at=at("2026-07-10")),
        ]  # fmt: skip
    # notices to the parties not sent in time: overdue whatever state the case is in,
    # after the decision too (as the dashboard and the workspace filter count them)
    for case, step in ((made[2], "suspension_notice"), (made[4], "decision_notice")):
        CaseDeadline.objects.create(
            case=case, step=step, due=TODAY - day, counted_in="working_days", amount=3,
            counted_from=TODAY - 5 * day, legal_basis="NĐ 124/2020 Điều 28b(1)",
            rule_version="2026-07-01",
        )  # fmt: skip
    return a, b, made


def as_dict(facet: list[dict]) -> dict:
    return {row["value"]: row["count"] for row in facet}


def reference(queryset) -> dict[str, list[dict]]:
    """The same counts, one ORM query per facet (as the search did before)."""
    queryset = queryset.order_by()

    def grouped(field):
        rows = queryset.values(field).annotate(n=Count("pk"))
        return sorted(
            ({"value": r[field], "count": r["n"]} for r in rows if r[field] is not None),
            key=lambda r: (-r["count"], r["value"]),
        )

    months = queryset.annotate(m=TruncMonth("received_at")).values("m").annotate(n=Count("pk"))
    horizon = due_soon_horizon(today=TODAY)
    return {
        "kind": grouped("kind"),
        "status": grouped("status"),
        "unit": grouped("assigned_unit__code"),
        "category": grouped("category__code"),
        "channel": grouped("channel"),
        "month": sorted(
            ({"value": r["m"].strftime("%Y-%m"), "count": r["n"]} for r in months),
            key=lambda r: r["value"],
            reverse=True,
        ),
        "overdue": [{"value": "true", "count": queryset.overdue(at=TODAY).count()}],
        "due_soon": [
            {
                "value": "true",
                "count": queryset.due_within(days=(horizon - TODAY).days, at=TODAY).count(),
            }
        ],
    }


def test_every_facet_counted_in_one_query(world):
    inspector = UserFactory(perms=INSPECTOR)
    queryset = Case.objects.in_scope_of(inspector)
    due_soon_horizon(today=TODAY)  # the working calendar is cached once per process
    with CaptureQueriesContext(connection) as queries:
        facets = case_facets(queryset, today=TODAY)
    assert len(queries) == 1, [q["sql"] for q in queries]
    if connection.vendor == "postgresql":
        assert "GROUPING SETS" in queries[0]["sql"]
    assert as_dict(facets["unit"]) == {"TTYT-A": 3, "TTYT-B": 2}  # the unassigned one: none
    assert as_dict(facets["category"]) == {"attp": 3, "vien-phi": 3}
    assert facets["kind"] == [
        {"value": CaseKind.PHAN_ANH, "count": 5},
        {"value": CaseKind.KHIEU_NAI, "count": 1},
    ]
    assert as_dict(facets["status"]) == {"received": 4, "accepted": 1, "concluded": 1}
    assert as_dict(facets["channel"]) == {Channel.WEB: 5, Channel.HOTLINE: 1}
    # months of receipt in Vietnam's time, the latest first
    assert facets["month"] == [
        {"value": "2026-07", "count": 4},
        {"value": "2026-06", "count": 1},
        {"value": "2026-05", "count": 1},
    ]
    # accept_by passed + two notices not sent in time (one of a concluded case, whose
    # old accept_by counts no more)
    assert facets["overdue"] == [{"value": "true", "count": 3}]
    assert facets["due_soon"] == [{"value": "true", "count": 1}]
    assert facets == reference(queryset)


def test_inside_the_scope_and_the_search(world):
    a, _b, _made = world
    handler = UserFactory(perms=HANDLER, facility=a)
    scoped = Case.objects.in_scope_of(handler)
    facets = case_facets(scoped, today=TODAY)
    assert as_dict(facets["unit"]) == {"TTYT-A": 3}
    assert facets == reference(scoped)
    found = case_search(Case.objects.in_scope_of(UserFactory(perms=INSPECTOR)), "vien phi")
    facets = case_facets(found, today=TODAY)
    assert as_dict(facets["category"]) == {"vien-phi": 3}
    assert as_dict(facets["unit"]) == {"TTYT-A": 2, "TTYT-B": 1}
    assert facets == reference(found)
    # a search inside the handler's scope: the search and the scope in the same query
    assert as_dict(case_facets(case_search(scoped, "vien phi"), today=TODAY)["unit"]) == {
        "TTYT-A": 2
    }


def test_nothing_to_count(world):
    nobody = UserFactory(perms=HANDLER)  # no unit: an empty scope (`none()`)
    empty = {
        "kind": [], "status": [], "unit": [], "category": [], "channel": [], "month": [],
        "overdue": [{"value": "true", "count": 0}], "due_soon": [{"value": "true", "count": 0}],
    }  # fmt: skip
    assert case_facets(Case.objects.in_scope_of(nobody), today=TODAY) == empty
    inspector = UserFactory(perms=INSPECTOR)
    found = case_search(Case.objects.in_scope_of(inspector), "khong co gi nhu the")
    assert case_facets(found, today=TODAY) == empty


def test_the_default_day_is_today(world):
    facets = case_facets(Case.objects.all())
    today = timezone.localdate()
    expected = Case.objects.overdue(at=today).count()
    assert facets["overdue"] == [{"value": "true", "count": expected}]


def test_postgresql_connections_run_without_jit(monkeypatch, tmp_path):
    """JIT compilation (triggered by plan cost) added 0.2-4 s to searches of 0.1 s."""
    from portal.settings.env import database

    monkeypatch.setenv("DATABASE_URL", "postgres://portal@127.0.0.1:5432/portal")
    assert "-c jit=off" in database(tmp_path)["OPTIONS"]["options"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
