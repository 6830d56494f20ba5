import datetime

import pytest

from search.backends import DatabaseBackend
from search.documents import SearchDocument
from search.text import fold, snippet
from tests.search.corpus import seed_documents

pytestmark = pytest.mark.django_db


def test_fold_removes_vietnamese_diacritics():
    assert fold("Bệnh viện Đa khoa  tỉnh") == "benh vien da khoa tinh"


def test_snippet_is_cut_around_the_match_found_without_diacritics():
    text = "Mở đầu. " * 50 + "Tăng cường phòng chống dịch bệnh tại trạm y tế."
    piece = snippet(text, "phong chong dich")
    assert "phòng chống dịch" in piece
    assert piece.startswith("…")


@pytest.fixture
def backend():
    backend = DatabaseBackend()
    backend.rebuild(seed_documents())
    return backend


@pytest.mark.parametrize("query", ["Covid-19", "covid 19", "phòng chống dịch", "phong chong dich"])
def test_finds_the_seed_documents_with_or_without_diacritics(backend, query):
    results = backend.search(query)
    assert results.count >= 1
    assert all(hit.type == "directive" for hit in results.hits)


def test_every_term_must_match(backend):
    assert backend.search("covid xyzzyqwerty").count == 0


def test_title_matches_rank_first():
    backend = DatabaseBackend()
    backend.rebuild(
        [
            SearchDocument("a", "news", "Lịch làm việc", "/a/", "nói về tiêm chủng mở rộng", None),
            SearchDocument(
                "b", "news", "Tiêm chủng mở rộng", "/b/", "kế hoạch", datetime.date(2026, 1, 1)
            ),
        ]
    )
    assert [hit.url for hit in backend.search("tiem chung").hits] == ["/b/", "/a/"]


def test_type_filter_and_delete():
    backend = DatabaseBackend()
    backend.index(
        [
            SearchDocument("n", "news", "Ngộ độc thực phẩm", "/n/", "", None),
            SearchDocument("s", "story", "Ngộ độc thực phẩm được cứu chữa", "/s/", "", None),
        ]
    )
    assert backend.search("ngo doc", type="story").count == 1
    backend.delete(["s"])
    assert backend.search("ngo doc").count == 1
    assert backend.count() == 1
