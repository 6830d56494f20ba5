"""The Elasticsearch backend against a real Elasticsearch 8 server.

Runs when TEST_ELASTICSEARCH_URL (or ELASTICSEARCH_URL) names one, and then a
server that does not answer is a failure on CI; with no URL the module is
skipped with its reason. The index prefix is unique per run."""

import os
import uuid

import pytest

from search.backends import ElasticsearchBackend
from tests.conftest import require_service
from tests.search.corpus import seed_documents

URL = os.environ.get("TEST_ELASTICSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL")

pytestmark = pytest.mark.skipif(
    not URL, reason="no Elasticsearch server named: set TEST_ELASTICSEARCH_URL=http://host:9200"
)


@pytest.fixture
def backend():
    require_service(URL.split(",")[0], "Elasticsearch")
    backend = ElasticsearchBackend(URL, f"test-{uuid.uuid4().hex[:8]}")
    yield backend
    backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)


def test_rebuild_swaps_the_alias_and_finds_without_diacritics(backend):
    assert backend.rebuild(seed_documents()) == 5
    assert backend.count() == 5
    first = backend.search("phong chong dich")
    assert first.count >= 1
    # A second rebuild replaces the index behind the alias, keeping one index.
    backend.rebuild(seed_documents())
    assert len(backend.client.indices.get_alias(name=backend.alias)) == 1
    assert backend.search("phòng chống dịch").count == first.count


def test_delete_removes_a_document(backend):
    backend.rebuild(seed_documents())
    backend.delete([seed_documents()[0].key])
    assert backend.count() == 4
