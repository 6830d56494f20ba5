"""The pages' content is written in Vietnamese; a reader of English gets the interface in
English and the content marked `lang="vi"`, so a screen reader reads each in its own voice
(WCAG 3.1.2, language of parts)."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db

# A Vietnamese letter; the province's name is a proper noun inside English strings
# ("Department of Health of Quảng Ngãi province").
VIETNAMESE = re.compile(
    r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I
)
PROPER_NOUNS = ("Quảng Ngãi",)


def unmarked_vietnamese(html: str) -> list[str]:
    """The texts with a Vietnamese letter that no element inside <html> marks as Vietnamese."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    for text in soup.body.find_all(string=True):
        if text.parent.name in ("script", "style"):
            continue
        words = " ".join(text.split())
        for noun in PROPER_NOUNS:
            words = words.replace(noun, "")
        if not VIETNAMESE.search(words):
            continue
        if text.find_parent(lambda tag: tag.name != "html" and tag.get("lang", "")[:2] == "vi"):
            continue
        found.append(words)
    return found


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())


def test_every_public_page_marks_its_vietnamese_content_for_a_reader_of_english(client, demo):
    client.cookies["django_language"] = "en"
    pages = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    assert len(pages) > 20
    unmarked = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode()
        texts = unmarked_vietnamese(response.content.decode())
        if texts:
            unmarked[url] = texts[:5]
    assert unmarked == {}


def test_a_chosen_filter_of_the_pages_own_words_is_marked_in_the_summary(client, demo):
    """The results line names each chosen filter: an issuer's name stays Vietnamese, marked."""
    from cms.models import DirectiveIndexPage

    client.cookies["django_language"] = "en"
    index = DirectiveIndexPage.objects.live().first()
    issuer = index.directives().values_list("issuing_body", flat=True).first()
    response = client.get(index.url, {"issuer": issuer})
    html = response.content.decode()
    summary = BeautifulSoup(html, "lxml").find("p", attrs={"role": "status"})
    assert summary.find("strong", string=issuer)["lang"] == "vi"
    assert unmarked_vietnamese(html) == []
