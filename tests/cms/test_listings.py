"""Index pages: filters (type, year, issuing body, field, tag) and pagination,
in a bounded number of queries; directive status from its dates."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import EffectiveStatus, NewsCategory, effective_status
from tests.cms.helpers import directive, news

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [page.title for page in response.context["listing"].page]


@pytest.fixture
def documents(cms_site):
    directive(cms_site.directives, 1, doc_type="chi_thi", issuing_body="UBND tỉnh",
              issued_on=datetime.date(2022, 10, 20), field="Y tế cơ sở")
    directive(cms_site.directives, 2, doc_type="cong_van", issuing_body="Sở Y tế",
              issued_on=datetime.date(2020, 6, 3), field="Công tác báo chí")
    third = directive(cms_site.directives, 3, doc_type="cong_van", issuing_body="Sở Y tế",
                      issued_on=datetime.date(2022, 1, 5), field="Công tác báo chí")
    third.tags.add("báo chí")
    third.save_revision().publish()
    directive(cms_site.directives, 4, doc_type="chi_thi", live=False)  # draft: never listed
    return cms_site


def test_directive_index_lists_live_documents_newest_first(client, documents):
    response = client.get("/van-ban-chi-dao/")
    assert titles(response) == [
        "Công văn số 1/SYT-VP",
        "Công văn số 3/SYT-VP",
        "Công văn số 2/SYT-VP",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=chi_thi", ["Công văn số 1/SYT-VP"]),
        ("type=cong_van", ["Công văn số 3/SYT-VP", "Công văn số 2/SYT-VP"]),
        ("year=2022", ["Công văn số 1/SYT-VP", "Công văn số 3/SYT-VP"]),
        ("issuer=UBND+t%E1%BB%89nh", ["Công văn số 1/SYT-VP"]),
        (
            "field=C%C3%B4ng+t%C3%A1c+b%C3%A1o+ch%C3%AD",
            ["Công văn số 3/SYT-VP", "Công văn số 2/SYT-VP"],
        ),
        ("tag=b%C3%A1o-ch%C3%AD", ["Công văn số 3/SYT-VP"]),  # slug "báo-chí"
        ("type=cong_van&year=2020", ["Công văn số 2/SYT-VP"]),
    ],
)
def test_directive_filters(client, documents, query, expected):
    assert titles(client.get(f"/van-ban-chi-dao/?{query}")) == expected


def test_unknown_filter_values_are_ignored(client, documents):
    response = client.get("/van-ban-chi-dao/?type=nghi_dinh&year=abc&page=zzz")
    assert len(titles(response)) == 3


def test_filter_choices_come_from_the_live_documents(client, documents):
    filters = {f.name: f for f in client.get("/van-ban-chi-dao/").context["listing"].filters}
    assert [code for code, _label in filters["type"].options] == ["chi_thi", "cong_van"]
    assert [y for y, _label in filters["year"].options] == ["2022", "2020"]
    assert [v for v, _label in filters["issuer"].options] == ["Sở Y tế", "UBND tỉnh"]
    assert filters["tag"].options == [("báo-chí", "báo chí")]


def test_directive_index_paginates_and_keeps_filters(client, cms_site):
    for n in range(1, 24):
        directive(cms_site.directives, n, doc_type="cong_van")
    first = client.get("/van-ban-chi-dao/?type=cong_van")
    third = client.get("/van-ban-chi-dao/?type=cong_van&page=3")

    assert len(titles(first)) == 10
    assert titles(third) == ["Công văn số 3/SYT-VP", "Công văn số 2/SYT-VP", "Công văn số 1/SYT-VP"]
    assert "?type=cong_van&amp;page=2" in first.content.decode()
    assert client.get("/van-ban-chi-dao/?page=99").context["listing"].page.number == 3


def test_directive_index_query_count_does_not_grow_with_the_list(client, cms_site):
    for n in range(1, 4):
        directive(cms_site.directives, n)
    client.get("/van-ban-chi-dao/")  # warm the site and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get("/van-ban-chi-dao/?render")  # a query string: rendered, not the page cache
    for n in range(4, 11):
        directive(cms_site.directives, n, field=f"Lĩnh vực {n}")
    client.get("/van-ban-chi-dao/?warm")  # publishing left the breadcrumb's fragment behind
    with CaptureQueriesContext(connection) as many:
        client.get("/van-ban-chi-dao/?render")
    assert len(many) == len(few)


def test_news_index_filters_by_category_year_and_tag(client, cms_site):
    vaccines = NewsCategory.objects.create(name="Tiêm chủng", slug="tiem-chung")
    a = news(cms_site.news, 1, date=datetime.date(2025, 5, 1))
    a.categories = [vaccines]
    a.tags.add("sởi")
    a.save_revision().publish()
    news(cms_site.news, 2, date=datetime.date(2026, 5, 1))

    assert titles(client.get("/tin-tuc/")) == ["Tin số 2", "Tin số 1"]
    assert titles(client.get("/tin-tuc/?category=tiem-chung")) == ["Tin số 1"]
    assert titles(client.get("/tin-tuc/?year=2026")) == ["Tin số 2"]
    assert titles(client.get("/tin-tuc/?tag=s%E1%BB%9Fi")) == ["Tin số 1"]


def test_news_index_query_count_does_not_grow_with_the_list(client, cms_site):
    for n in range(1, 3):
        news(cms_site.news, n)
    client.get("/tin-tuc/")  # warm the site and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get("/tin-tuc/?render")  # a query string: rendered, not the page cache
    for n in range(3, 10):
        news(cms_site.news, n)
    client.get("/tin-tuc/?warm")  # publishing left the breadcrumb's fragment behind
    with CaptureQueriesContext(connection) as many:
        client.get("/tin-tuc/?render")
    assert len(many) == len(few)


# --- effective status -----------------------------------------------------------------

TODAY = datetime.date(2026, 7, 1)


@pytest.mark.parametrize(
    ("effective_from", "superseded_on", "expected"),
    [
        (datetime.date(2026, 7, 1), None, EffectiveStatus.LIVE),
        (datetime.date(2026, 7, 2), None, EffectiveStatus.FUTURE),
        (datetime.date(2020, 1, 1), datetime.date(2026, 7, 1), EffectiveStatus.PREVIOUS),
        (datetime.date(2020, 1, 1), datetime.date(2026, 7, 2), EffectiveStatus.LIVE),
        (None, None, EffectiveStatus.UNKNOWN),
        (None, datetime.date(2026, 1, 1), EffectiveStatus.PREVIOUS),
    ],
)
def test_effective_status(effective_from, superseded_on, expected):
    assert (
        effective_status(effective_from=effective_from, superseded_on=superseded_on, today=TODAY)
        == expected
    )


def test_superseded_directive_says_so_and_links_its_replacement(client, cms_site):
    new = directive(cms_site.directives, 2, effective_from=datetime.date(2024, 1, 1))
    old = directive(
        cms_site.directives,
        1,
        effective_from=datetime.date(2020, 1, 1),
        superseded_on=datetime.date(2024, 1, 1),
        superseded_by=new,
    )
    html = client.get(old.url).content.decode()
    assert "Hết hiệu lực" in html
    assert f'href="{new.url}"' in html
