"""What only the Elasticsearch backend does, on both servers (noida-db, osmem-server):
the alias over a dated index, swapped on rebuild, old indices deleted by name
(Elasticsearch 8 refuses wildcard deletion: action.destructive_requires_name)."""

import uuid

import pytest

from search.backends import ElasticsearchBackend
from tests.search.conftest import NODE_CLASS
from tests.search.corpus import seed_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["noida", "osmem"])
def backend(request, search_servers):
    from django.utils.module_loading import import_string

    server = search_servers(request.param)
    backend = ElasticsearchBackend(
        server.url, f"test-{uuid.uuid4().hex[:8]}", node_class=import_string(NODE_CLASS)
    )
    yield backend
    backend.drop()


def test_rebuild_swaps_the_alias_and_finds_without_diacritics(backend):
    assert backend.rebuild(seed_documents()) == 5
    assert backend.count() == 5
    first = backend.search("phong chong dich")
    assert first.count >= 1
    before = set(backend.client.indices.get_alias(name=backend.alias))
    # A second rebuild replaces the index behind the alias, keeping one index.
    backend.rebuild(seed_documents())
    after = set(backend.client.indices.get_alias(name=backend.alias))
    assert len(after) == 1 and after != before
    assert not backend.client.indices.exists(index=",".join(before))
    assert not backend.client.indices.exists_alias(name=backend.next_alias)
    assert backend.search("phòng chống dịch").count == first.count


def test_delete_removes_a_document(backend):
    backend.rebuild(seed_documents())
    backend.delete([seed_documents()[0].key])
    assert backend.count() == 4


def test_drop_deletes_by_name(backend):
    backend.rebuild(seed_documents())
    names = list(backend.client.indices.get_alias(name=backend.alias))
    backend.drop()
    assert not backend.client.indices.exists(index=names[0])


def test_an_https_cluster_is_reached_with_its_own_certificate_authority(settings):
    """Elasticsearch 8 with its security on signs its certificate with a CA of its own:
    ELASTICSEARCH_CA_CERTS names that file (README, Production, "Search server")."""
    import certifi

    settings.ELASTICSEARCH_CA_CERTS = certifi.where()  # any readable PEM bundle
    backend = ElasticsearchBackend("https://portal:secret@es1.internal:9200", "portal")
    [node] = backend.client.transport.node_pool.all()
    assert (node.config.scheme, node.config.host) == ("https", "es1.internal")
    assert node.config.ca_certs == certifi.where()
