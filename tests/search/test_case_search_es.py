"""The case index on Elasticsearch (search/cases_es.py), on both servers: the same
answers and facet counts as the database, the user's scope inside the Elasticsearch
query, nothing of a reporter in the index, kept in step after commit, checked and
rebuilt by `search_index`, and the database answering when the engine is down."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import ApiToken, Case, CaseDeadline
from search import cases as database
from search import cases_es
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db
elasticsearch = pytest.mark.parametrize("case_backend", ["noida", "osmem"], indirect=True)

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INSPECTOR = [*HANDLER, "complaints.view_all_cases", "complaints.view_denouncer_identity"]
TODAY = datetime.date(2026, 6, 10)
TZ = datetime.UTC


def at(day: str, hour: int = 3) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


@pytest.fixture
def world(case_backend, django_capture_on_commit_callbacks):
    """Cases in two units (and a unit below A), of every kind of facet value."""
    a = FacilityFactory(code="TTYT-A", name="Trung tâm Y tế Đức Phổ")
    a_sub = FacilityFactory(code="TYT-A1", name="Trạm Y tế Phổ Cường", parent=a)
    b = FacilityFactory(code="TTYT-B", name="Bệnh viện Đa khoa Sơn Tịnh")
    food = CategoryFactory(code="attp", name="An toàn thực phẩm")
    fees = CategoryFactory(code="vien-phi", name="Viện phí")
    past, soon, later = (
        TODAY - datetime.timedelta(days=3),
        TODAY + datetime.timedelta(days=1),
        TODAY + datetime.timedelta(days=60),
    )
    with django_capture_on_commit_callbacks(execute=True):
        rows = [
            dict(tracking_code="YT-2026-000123", facility=a, assigned_unit=a, category=fees,
                 title="Bác sĩ nhận phong bì", content="Xin phong bì mới khám.",
                 accept_by=past, received_at=at("2026-03-31", 20)),  # 1 April in Việt Nam
            dict(tracking_code="YT-2026-000456", facility=b, assigned_unit=b, category=fees,
                 title="Nhận phong bì ở khoa sản", content="Y tá nhận tiền.", accept_by=soon,
                 channel=Channel.HOTLINE, received_at=at("2026-04-02")),
            dict(tracking_code="YT-2026-000789", facility=a_sub, assigned_unit=a_sub,
                 category=food, title="Bếp ăn mất vệ sinh", content="Thức ăn ôi thiu.",
                 status=CaseStatus.ACCEPTED, resolve_by=past, received_at=at("2026-05-15")),
            dict(tracking_code="YT-2026-000999", to_cao=True, facility=a, assigned_unit=a,
                 category=food, title="Tố cáo lãnh đạo khoa", content="Lạm dụng chức vụ.",
                 status=CaseStatus.VERIFYING, resolve_by=later, received_at=at("2026-05-20")),
            dict(tracking_code="YT-2026-001000", bao_chi=True, facility=b, assigned_unit=b,
                 category=fees, title="Báo phản ánh viện phí cao", content="Thu sai viện phí.",
                 status=CaseStatus.CLOSED, accept_by=past, received_at=at("2026-06-01")),
            dict(tracking_code="YT-2026-001001", facility=b, assigned_unit=None, category=None,
                 title="Chưa phân công", content="Phong bì ở cổng.", accept_by=later,
                 received_at=at("2026-06-05")),
        ]  # fmt: skip
        cases = [CaseFactory(**row) for row in rows]
        # A notice to the parties not yet sent, due soon, on a case otherwise not due.
        CaseDeadline.objects.create(
            case=cases[3], step="notify_acceptance", due=soon, counted_in="working_days",
            amount=5, counted_from=TODAY, legal_basis="Điều 30 Luật Tố cáo", rule_version="t",
        )  # fmt: skip
    users = {
        "inspector": UserFactory(perms=INSPECTOR),
        "handler A": UserFactory(perms=HANDLER, facility=a),
        "handler B": UserFactory(perms=HANDLER, facility=b),
        "press": UserFactory(perms=[*HANDLER, "complaints.view_press_cases"]),
    }
    return users, cases


def codes(queryset) -> set[str]:
    return set(queryset.values_list("tracking_code", flat=True))


QUERIES = ["", "phong bi", "phong bì", "vien phi", "2026-000", "0004", "Duc Pho", "xyzzy"]


@elasticsearch
def test_same_cases_and_facet_counts_as_the_database(world):
    users, _cases = world
    for who, user in users.items():
        scoped = Case.objects.in_scope_of(user)
        for q in QUERIES:
            on_es = cases_es.case_search(scoped, q) if q else scoped
            on_db = database.case_search(scoped, q) if q else scoped
            assert codes(on_es) == codes(on_db), (who, q)
            facets = cases_es.case_facets(on_es, today=TODAY)
            assert facets == database.case_facets(on_db, today=TODAY), (who, q)
    everything = cases_es.case_facets(Case.objects.all(), today=TODAY)
    assert everything["month"] == [
        {"value": "2026-06", "count": 2}, {"value": "2026-05", "count": 2},
        {"value": "2026-04", "count": 2},
    ]  # fmt: skip
    assert everything["overdue"] == [{"value": "true", "count": 2}]  # 000123, 000789
    assert everything["due_soon"] == [{"value": "true", "count": 2}]  # 000456, 000999


@elasticsearch
def test_facets_are_counted_by_elasticsearch_in_one_request(world, monkeypatch):
    users, _cases = world
    index = cases_es.get_case_index()
    calls = []
    real = index.client.perform_request

    def counting(method, path, *args, **kwargs):
        calls.append((path, json.dumps(kwargs.get("body"), default=str)))
        return real(method, path, *args, **kwargs)

    monkeypatch.setattr(index.client, "perform_request", counting)
    scoped = Case.objects.in_scope_of(users["handler A"])
    facets = cases_es.case_facets(scoped, today=TODAY)
    searches = [body for path, body in calls if path.endswith("/_search")]
    assert len(searches) == 1, calls
    assert {row["value"] for row in facets["unit"]} == {"TTYT-A", "TYT-A1"}
    # After a search: the query and the scope, not the ids found, in that one request.
    found = cases_es.case_search(scoped, "phong bi")
    calls.clear()
    facets = cases_es.case_facets(found, today=TODAY)
    searches = [body for path, body in calls if path.endswith("/_search")]
    (pk,) = found.values_list("pk", flat=True)
    assert len(searches) == 1 and "phong" in searches[0]
    assert f'"case_id": [{pk}]' not in searches[0]
    assert facets["kind"] == [{"value": CaseKind.PHAN_ANH, "count": 1}]


@elasticsearch
def test_scope_is_a_filter_inside_the_elasticsearch_query(world):
    users, _cases = world
    assert cases_es.scope_filter(users["inspector"]) is None  # the province: no filter
    handler = cases_es.scope_filter(users["handler A"]).to_dict()
    assert "unit_id" in json.dumps(handler)
    index = cases_es.get_case_index()
    query = cases_es.text_query("phong bi")
    # Elasticsearch alone, before any SQL: the handler never gets another unit's case.
    found = index.matching_ids(query, cases_es.scope_filter(users["handler A"]))
    assert set(Case.objects.filter(pk__in=found).values_list("tracking_code", flat=True)) == {
        "YT-2026-000123"
    }
    found = index.matching_ids(query, cases_es.scope_filter(users["press"]))
    assert found == []  # the press office: press cases only
    found = index.matching_ids(
        cases_es.text_query("vien phi"), cases_es.scope_filter(users["press"])
    )
    assert Case.objects.get(pk=found[0]).kind == CaseKind.BAO_CHI and len(found) == 1
    # ... nor its count in a facet.
    facets = cases_es.case_facets(Case.objects.in_scope_of(users["handler A"]), today=TODAY)
    assert {row["value"] for row in facets["unit"]} == {"TTYT-A", "TYT-A1"}
    assert sum(row["count"] for row in facets["kind"]) == 3
    nobody = UserFactory(perms=HANDLER)
    assert cases_es.case_search(Case.objects.in_scope_of(nobody), "phong bi").count() == 0


@elasticsearch
def test_nothing_of_the_reporter_or_the_denouncer_in_the_index(world):
    users, cases = world
    denounced = cases[3]
    reporter = denounced.reporter
    reporter.name = "Phạm Quỳnh Xuyến"
    reporter.phone = "0987654321"
    reporter.email = "xuyen.tocao@example.vn"
    reporter.address = "Thôn Khánh Lạc Vĩnh"
    reporter.id_number = "079123456789"
    reporter.save()
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    index = cases_es.get_case_index()
    index.client.indices.refresh(index=index.alias)
    stored = index.client.search(index=index.alias, size=100)["hits"]["hits"]
    assert len(stored) == len(cases)
    text = json.dumps([hit["_source"] for hit in stored], ensure_ascii=False)
    for secret in ("Xuyến", "0987654321", "xuyen.tocao", "Khánh Lạc", "079123456789", "Dân"):
        assert secret not in text, secret
        assert codes(cases_es.case_search(Case.objects.all(), secret)) == set(), secret
    _token, key = ApiToken.issue(user=users["inspector"], name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    assert api.get("/api/v1/cases", {"q": "Quynh Xuyen"}).json()["results"] == []


@elasticsearch
def test_kept_in_step_after_commit(world, django_capture_on_commit_callbacks):
    users, cases = world
    index = cases_es.get_case_index()
    scoped = Case.objects.in_scope_of(users["inspector"])
    with django_capture_on_commit_callbacks(execute=True):
        cases[0].delete()
    assert str(cases[0].pk) not in index.digests()
    assert codes(cases_es.case_search(scoped, "phong bi")) == {"YT-2026-000456", "YT-2026-001001"}
    # A notice deadline falling due changes the overdue count (the case is not saved).
    before = cases_es.case_facets(scoped, today=TODAY)["overdue"][0]["count"]
    with django_capture_on_commit_callbacks(execute=True):
        CaseDeadline.objects.create(
            case=cases[5], step="filing_notice", due=TODAY - datetime.timedelta(days=1),
            counted_in="working_days", amount=5, counted_from=TODAY,
            legal_basis="Điều 30 Luật Tố cáo", rule_version="t",
        )  # fmt: skip
    assert cases_es.case_facets(scoped, today=TODAY)["overdue"][0]["count"] == before + 1


@elasticsearch
def test_an_overdue_case_is_not_also_due_soon(world, django_capture_on_commit_callbacks):
    """A case past its acceptance deadline whose notice falls due tomorrow: its next
    deadline is past, so it is overdue only, on Elasticsearch as in the database and the
    workspace list (`complaints.querysets.due_within_condition`)."""
    users, _cases = world
    scoped = Case.objects.in_scope_of(users["inspector"])
    before = cases_es.case_facets(scoped, today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        CaseDeadline.objects.create(
            case=Case.objects.get(tracking_code="YT-2026-000123"), step="filing_notice",
            due=TODAY + datetime.timedelta(days=1), counted_in="working_days", amount=5,
            counted_from=TODAY, legal_basis="Điều 30 Luật Tố cáo", rule_version="t",
        )  # fmt: skip
    after = cases_es.case_facets(scoped, today=TODAY)
    assert after["due_soon"] == before["due_soon"]
    assert after == database.case_facets(scoped, today=TODAY)


@elasticsearch
def test_search_index_checks_and_rebuilds_the_case_index(world):
    _users, cases = world
    index = cases_es.get_case_index()
    out = io.StringIO()
    call_command("search_index", "--check", stdout=out)
    assert "elasticsearch (cases): chỉ mục 6, cơ sở dữ liệu 6; thiếu 0, thừa 0" in out.getvalue()
    index.delete([str(cases[1].pk)])
    Case.objects.filter(pk=cases[2].pk).update(title="Sửa thẳng trong cơ sở dữ liệu")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=out)
    assert "thiếu 1, thừa 0, lệch nội dung 1" in out.getvalue()
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "--check", stdout=out)
    assert (
        "elasticsearch (cases): chỉ mục 6, cơ sở dữ liệu 6; thiếu 0, thừa 0, lệch nội dung 0"
        in (out.getvalue())
    )
    assert codes(cases_es.case_search(Case.objects.all(), "sua thang")) == {"YT-2026-000789"}


@elasticsearch
def test_filters_without_a_counterpart_stay_in_sql_and_agree(world):
    """The API's `overdue` filter (a subquery) is applied by SQL on the ids found; the
    facets of such a set are counted by the database, with the same result."""
    users, _cases = world
    _token, key = ApiToken.issue(user=users["inspector"], name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    body = api.get("/api/v1/cases", {"q": "phong bi", "overdue": "true", "facets": "true"})
    assert body.status_code == 200
    found = {row["tracking_code"] for row in body.json()["results"]}
    scoped = Case.objects.in_scope_of(users["inspector"]).overdue()
    assert found == codes(database.case_search(scoped, "phong bi"))
    assert body.json()["facets"] == database.case_facets(database.case_search(scoped, "phong bi"))


def test_elasticsearch_down_the_database_answers(settings, client):
    from tests.search.servers import free_port

    a = FacilityFactory(code="TTYT-A")
    CaseFactory(tracking_code="YT-2026-000123", facility=a, assigned_unit=a, title="Phong bì")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    settings.SEARCH_INDEX_PREFIX = "down"
    settings.COMPLAINTS_CASE_SEARCH = "search.cases_es.case_search"
    settings.COMPLAINTS_CASE_FACETS = "search.cases_es.case_facets"
    inspector = UserFactory(perms=INSPECTOR, admin_access=True, staff=True)
    _token, key = ApiToken.issue(user=inspector, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    response = api.get("/api/v1/cases", {"q": "phong bi", "facets": "true"})
    assert response.status_code == 200
    assert [r["tracking_code"] for r in response.json()["results"]] == ["YT-2026-000123"]
    assert response.json()["facets"]["unit"] == [{"value": "TTYT-A", "count": 1}]
    client.force_login(inspector)
    page = client.get("/admin/ho-so/", {"q": "phong bi"})
    assert page.status_code == 200
    assert [row["case"].tracking_code for row in page.context["rows"]] == ["YT-2026-000123"]


THREADS = """
import sys, threading
import django
django.setup()
assert "elasticsearch_dsl" in sys.modules, "not imported at app ready"
from django.conf import settings
settings.ELASTICSEARCH_NODE_CLASS = "tests.search.servers.PlainJsonNode"
from search.backends import get_backend
from search.text import parse
barrier, answers = threading.Barrier(8), []

def ask():
    barrier.wait()
    try:
        answers.append(get_backend().search(parse("tiem chung")).count)
    except Exception as error:
        answers.append(repr(error))

threads = [threading.Thread(target=ask) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(answers)
"""


@pytest.mark.parametrize("case_backend", ["osmem"], indirect=True)
def test_elasticsearch_is_imported_at_app_ready_so_concurrent_first_requests_succeed(
    case_backend, settings
):
    """A fresh process with ELASTICSEARCH_URL: eight first requests at the same moment."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
    }
    done = subprocess.run(
        [sys.executable, "-c", THREADS], cwd=root, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == str([0] * 8)


@elasticsearch
def test_the_querysets_conditions_become_the_same_elasticsearch_filter(
    world, django_capture_on_commit_callbacks
):
    """What the workspace and the API add to the scope (kind, statuses, open, a facility
    or unit subtree, mine, unassigned, exclusions) selects the same cases in the index;
    a condition on another table is not translated (lenient: left to SQL)."""
    from django.db.models import Q as SQL

    users, cases = world
    handler = users["handler A"]
    with django_capture_on_commit_callbacks(execute=True):
        cases[0].assigned_user = handler
        cases[0].save()
    index = cases_es.get_case_index()
    everything = cases_es.Q("match_all")
    a_units = [cases[0].assigned_unit_id, cases[2].assigned_unit_id]
    scoped = Case.objects.in_scope_of(users["inspector"])
    querysets = [
        Case.objects.in_scope_of(handler),
        Case.objects.in_scope_of(users["press"]),
        scoped.filter(kind=CaseKind.TO_CAO),
        scoped.filter(status__in=[CaseStatus.ACCEPTED, CaseStatus.CLOSED]),
        scoped.open(),
        scoped.filter(SQL(facility_id__in=a_units) | SQL(assigned_unit_id__in=a_units)),
        Case.objects.in_scope_of(handler).filter(assigned_user=handler),
        scoped.unassigned(),
        scoped.exclude(category_id=cases[0].category_id),
        scoped.filter(assigned_unit__isnull=True),
        Case.objects.none(),
    ]
    for queryset in querysets:
        found = index.matching_ids(everything, cases_es.es_filter(queryset))
        assert set(found) == set(queryset.values_list("pk", flat=True)), str(queryset.query)
    joined = scoped.filter(category__code="attp")
    with pytest.raises(cases_es.Untranslatable):
        cases_es.es_filter(joined)
    assert cases_es.es_filter(joined, lenient=True) is None  # the province, widened
    assert codes(cases_es.case_search(joined, "vien phi")) == set()
    assert codes(cases_es.case_search(joined, "oi thiu")) == {"YT-2026-000789"}
