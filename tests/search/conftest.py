"""Search fixtures: one contract suite over every backend. `search_backend` is
parametrised: the database the run uses (SQLite, or PostgreSQL when DATABASE_URL
names it), and Elasticsearch on noida-db and on osmem-server."""

from __future__ import annotations

import uuid

import pytest

from search import backends
from tests.conftest import ON_CI
from tests.search import servers

ENGINES = {"noida": servers.start_noida, "osmem": servers.start_osmem}
NODE_CLASS = "tests.search.servers.PlainJsonNode"


@pytest.fixture(scope="session")
def search_servers():
    started: dict[str, servers.Server] = {}
    failures: dict[str, str] = {}

    def get(name: str) -> servers.Server:
        if name not in started and name not in failures:
            try:
                started[name] = ENGINES[name]()
            except Exception as error:  # noqa: BLE001 (reported below)
                failures[name] = str(error)
        if name in failures:
            message = f"{name}: {failures[name]}"
            if ON_CI:
                pytest.fail(message)
            pytest.skip(message)
        return started[name]

    yield get
    for server in started.values():
        server.stop()


def elasticsearch_backend(url: str):
    from django.utils.module_loading import import_string

    return backends.ElasticsearchBackend(
        url, f"test-{uuid.uuid4().hex[:10]}", node_class=import_string(NODE_CLASS)
    )


@pytest.fixture(params=["database", "noida", "osmem"])
def search_backend(request, settings, search_servers):
    """The backend of the parameter, also what `get_backend()` answers meanwhile."""
    backends.get_backend.cache_clear()
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield backends.get_backend()
        backends.get_backend.cache_clear()
        return
    server = search_servers(request.param)
    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_NODE_CLASS = NODE_CLASS
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    backend = backends.get_backend()
    yield backend
    backend.drop()
    backends.get_backend.cache_clear()


CASE_SEARCH = {
    "database": "search.cases",
    "noida": "search.cases_es",
    "osmem": "search.cases_es",
}


@pytest.fixture(params=["database", "noida", "osmem"])
def case_backend(request, settings, search_servers):
    """The inspectors' case search of the parameter, through the settings `complaints`
    reads (the database of the run, or Elasticsearch on each server): its name."""
    backends.get_backend.cache_clear()
    settings.COMPLAINTS_CASE_SEARCH = f"{CASE_SEARCH[request.param]}.case_search"
    settings.COMPLAINTS_CASE_FACETS = f"{CASE_SEARCH[request.param]}.case_facets"
    if request.param == "database":
        settings.ELASTICSEARCH_URL = None
        yield request.param
        return
    from search.cases_es import get_case_index

    server = search_servers(request.param)
    settings.ELASTICSEARCH_URL = server.url
    settings.ELASTICSEARCH_NODE_CLASS = NODE_CLASS
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    yield request.param
    get_case_index().drop()
    backends.get_backend().drop()
    backends.get_backend.cache_clear()
