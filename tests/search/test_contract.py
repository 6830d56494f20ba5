"""One contract over every backend (tests/search/conftest.py: the database of the run,
Elasticsearch on noida-db and on osmem-server): what a Vietnamese reader means."""

import datetime
import unicodedata

import pytest

from search.backends import SearchUnavailable
from search.documents import SearchDocument
from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


def doc(key, title, text="", *, type="news", date=None, fields=None):
    return SearchDocument(key, type, title, f"/{key}/", text, date, fields or {})


def keys(results):
    return [hit.url.strip("/") for hit in results.hits]


def test_decomposed_query_finds_composed_text(search_backend):
    search_backend.index([doc("a", "Ngộ độc thực phẩm ở trường học")])
    typed = unicodedata.normalize("NFD", "ngộ độc")
    assert typed != "ngộ độc"
    assert keys(search_backend.search(typed)) == ["a"]


def test_whole_syllables_not_substrings(search_backend):
    search_backend.index(
        [
            doc("nhung", "Những người hùng áo trắng"),
            doc("hung", "Hưng Yên tiếp nhận vật tư"),
        ]
    )
    assert keys(search_backend.search("hung yen")) == ["hung"]
    assert keys(search_backend.search("nhung")) == ["nhung"]
    assert search_backend.search("ung").count == 0


def test_without_diacritics_finds_with(search_backend):
    search_backend.index([doc("p", "Nhận phong bì của người bệnh", "Bác sĩ nhận phong bì.")])
    assert keys(search_backend.search("phong bi")) == ["p"]
    assert keys(search_backend.search("PHONG BÌ")) == ["p"]


def test_exact_diacritics_and_phrase_rank_first(search_backend):
    search_backend.index(
        [
            doc("dong-ho", "Đồng hồ của phòng khám", date=datetime.date(2026, 5, 1)),
            doc(
                "body",
                "Thông báo",
                "Yêu cầu đóng cửa phòng khám tư",
                date=datetime.date(2026, 1, 1),
            ),
            doc("dong-cua", "Đóng cửa cơ sở vi phạm", date=datetime.date(2025, 1, 1)),
            doc("cua-dong", "Cửa hàng thuốc đóng", date=datetime.date(2026, 6, 1)),
        ]
    )
    assert keys(search_backend.search("đóng cửa")) == ["dong-cua", "body", "cua-dong", "dong-ho"]
    # Folded, the exact-diacritics preference is gone but the phrase still counts.
    assert keys(search_backend.search("dong cua"))[:2] == ["dong-cua", "body"]


def test_every_clause_must_match(search_backend):
    search_backend.index([doc("a", "Sốt xuất huyết", "phòng chống dịch")])
    assert search_backend.search("sot xuat huyet").count == 1
    assert search_backend.search("sot xuat huyet xyzzy").count == 0


def test_synonyms_an_administrator_edits(search_backend):
    search_backend.index(
        [
            doc("vx", "Tiêm vắc xin sởi cho trẻ"),
            doc("cv", "Phòng chống COVID-19 trong trường học"),
        ]
    )
    SynonymGroup.objects.all().delete()  # the migration's starting groups
    assert search_backend.search("vaccine soi").count == 0
    SynonymGroup.objects.create(terms="vắc xin, vacxin, vaccine")
    SynonymGroup.objects.create(terms="COVID-19, covid19")
    assert keys(search_backend.search("vaccine sởi")) == ["vx"]
    assert keys(search_backend.search("vacxin")) == ["vx"]
    assert keys(search_backend.search("covid19")) == ["cv"]


def test_snippets_mark_the_matches_in_the_original_text(search_backend):
    search_backend.index(
        [doc("a", "Tin", "Mở đầu. " * 60 + "Trạm y tế <b>tiêm vắc xin</b> miễn phí & đúng lịch.")]
    )
    hit = search_backend.search("vac xin").hits[0]
    assert "<mark>vắc xin</mark>" in hit.snippet
    assert "&lt;b&gt;" not in hit.snippet and "<b>" not in hit.snippet  # markup stripped
    assert "&amp;" in hit.snippet  # the rest escaped
    assert hit.snippet.startswith("…") and " Mở" not in hit.snippet[:2]


def test_stable_order_and_pages_that_do_not_overlap(search_backend):
    same = [
        doc(f"k{n:02d}", "Kế hoạch tiêm chủng", date=datetime.date(2026, 1, 1)) for n in range(12)
    ]
    search_backend.index(same)
    first = keys(search_backend.search("tiem chung", limit=5))
    again = keys(search_backend.search("tiem chung", limit=5))
    second = keys(search_backend.search("tiem chung", limit=5, offset=5))
    assert first == again == [f"k{n:02d}" for n in range(5)]
    assert second == [f"k{n:02d}" for n in range(5, 10)]


def test_type_and_directive_filters(search_backend):
    search_backend.index(
        [
            doc("cv", "Công văn về phòng dịch", type="directive",
                fields={"number": "12/SYT-NVY", "doc_type": "cong_van", "issuing_body": "Sở Y tế",
                        "signer": "Nguyễn Văn A", "year": "2025"}),
            doc("kh", "Kế hoạch phòng dịch", type="directive",
                fields={"number": "7/KH-SYT", "doc_type": "ke_hoach", "issuing_body": "Sở Y tế",
                        "signer": "Trần Thị B", "year": "2026"}),
            doc("tin", "Tin phòng dịch"),
        ]
    )  # fmt: skip
    assert search_backend.search("phong dich").count == 3
    assert search_backend.search("phong dich", type="directive").count == 2
    assert keys(search_backend.search("phong dich", filters={"year": "2026"})) == ["kh"]
    assert keys(search_backend.search("phong dich", filters={"signer": "Nguyễn Văn A"})) == ["cv"]
    assert keys(search_backend.search("phong dich", filters={"doc_type": "ke_hoach"})) == ["kh"]


def test_delete_and_digests(search_backend):
    a, b = doc("a", "Một"), doc("b", "Hai")
    search_backend.index([a, b])
    search_backend.delete(["b"])
    assert search_backend.digests() == {"a": a.digest}


def test_rebuild_loses_nothing_written_meanwhile(search_backend):
    search_backend.index([doc("old", "Bài cũ đã xóa"), doc("kept", "Bài giữ lại")])

    def documents():
        yield doc("kept", "Bài giữ lại")
        # An editor publishes while the rebuild runs: the task writes through the backend.
        search_backend.index([doc("meanwhile", "Bài đăng trong lúc xây lại")])
        yield doc("new", "Bài mới")

    assert search_backend.rebuild(documents()) == 2
    assert set(search_backend.digests()) == {"kept", "new", "meanwhile"}
    assert search_backend.search("bai dang trong luc").count == 1


def test_elasticsearch_down_is_search_unavailable(settings):
    from search.backends import ElasticsearchBackend
    from tests.search.servers import free_port

    backend = ElasticsearchBackend(f"http://127.0.0.1:{free_port()}", "down")
    with pytest.raises(SearchUnavailable):
        backend.search("phong chong dich")
    with pytest.raises(SearchUnavailable):
        backend.index([doc("a", "Một")])
