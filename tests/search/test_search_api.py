import pytest

from search.backends import get_backend
from tests.search.corpus import seed_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    get_backend().rebuild(seed_documents())


def test_search_api_answers_the_contract_shape(client, indexed):
    response = client.get("/api/v1/search", {"q": "chi thi"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1
    first = body["results"][0]
    assert set(first) == {"title", "url", "type", "snippet", "date"}


def test_search_api_filters_by_type(client, indexed):
    assert client.get("/api/v1/search", {"q": "covid", "type": "news"}).json()["count"] == 0
    assert client.get("/api/v1/search", {"q": "covid", "type": "directive"}).json()["count"] >= 1


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "covid", "type": "cases"}, "type"),
        # Found by the API fuzzer on PostgreSQL: an offset past a bigint answered 500.
        ({"q": "covid", "offset": "107008107873673854976"}, "offset"),
        ({"q": "covid", "offset": "9951"}, "offset"),
    ],
)
def test_search_api_rejects_bad_input_with_json_errors(client, params, field):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_search_page_works_without_javascript(client, indexed):
    response = client.get("/tim-kiem/", {"q": "phong chong dich"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "kết quả" in html
    assert 'role="search"' in html
