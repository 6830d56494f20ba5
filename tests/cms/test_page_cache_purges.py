"""What else purges the public pages' cache (cms/page_cache.py): a page made private
(or public again) leaves the cached listings at once, and a replaced image or document
reaches the pages that show it at once (their cached copies and the listings'), while
pages that do not show it stay cached."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from cms.page_cache import cache_key
from tests.cms.helpers import directive, news, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def cached(path: str, language: str = "vi"):
    return caches["pages"].get(cache_key(path, language))


def png_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def warm(client, *paths) -> None:
    for path in paths:
        assert client.get(path).status_code == 200
        assert cached(path) is not None, path


def test_a_page_made_private_leaves_the_cached_listings(client, cms_site):
    page = news(cms_site.news, 1, title="Tin sắp chuyển riêng tư")
    warm(client, "/", "/tin-tuc/", page.url)
    assert "Tin sắp chuyển riêng tư" in client.get("/tin-tuc/").content.decode()

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )

    assert cached("/") is None and cached("/tin-tuc/") is None and cached(page.url) is None
    assert "Tin sắp chuyển riêng tư" not in client.get("/tin-tuc/").content.decode()
    assert "Tin sắp chuyển riêng tư" not in client.get("/").content.decode()

    warm(client, "/tin-tuc/")
    restriction.delete()  # public again

    assert cached("/tin-tuc/") is None
    assert "Tin sắp chuyển riêng tư" in client.get("/tin-tuc/").content.decode()


def test_a_replaced_image_reaches_the_pages_showing_it_at_once(client, cms_site):
    image = get_image_model().objects.create(title="Ảnh cũ", file=get_test_image_file())
    article = news(cms_site.news, 1)
    article.image = image
    publish(article)
    warm(client, "/", "/tin-tuc/", article.url, "/huong-dan/")
    assert 'alt="Ảnh cũ"' in client.get(article.url).content.decode()

    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Ảnh mới", "file": png_upload("anh-moi.png"),
         "collection": str(image.collection_id), "tags": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()

    assert cached(article.url) is None and cached("/tin-tuc/") is None and cached("/") is None
    assert cached("/huong-dan/") is not None  # it does not show the image
    html = client.get(article.url).content.decode()
    assert 'alt="Ảnh mới"' in html and "anh-moi" in html


def test_a_deleted_image_leaves_the_pages_showing_it(client, cms_site):
    image = get_image_model().objects.create(title="Ảnh sẽ xóa", file=get_test_image_file())
    article = news(cms_site.news, 1)
    article.image = image
    publish(article)
    warm(client, article.url, "/tin-tuc/")

    image.delete()

    assert cached(article.url) is None and cached("/tin-tuc/") is None
    assert 'alt="Ảnh sẽ xóa"' not in client.get(article.url).content.decode()


def test_a_renamed_document_reaches_the_directive_listing_it(client, cms_site):
    from django.core.files.base import ContentFile

    from cms.models import DirectiveAttachment

    document = get_document_model().objects.create(
        title="Phụ lục cũ", file=ContentFile(b"%PDF-1.4\n", name="phu-luc.pdf")
    )
    page = directive(cms_site.directives, 1)
    page.attachments = [DirectiveAttachment(document=document)]
    publish(page)
    warm(client, page.url)

    document.title = "Phụ lục mới"
    document.save()

    assert cached(page.url) is None


def test_filling_in_a_file_hash_purges_nothing(client, cms_site):
    image = get_image_model().objects.create(title="Ảnh", file=get_test_image_file())
    article = news(cms_site.news, 1)
    article.image = image
    publish(article)
    warm(client, article.url)

    image.save(update_fields=["file_hash"])

    assert cached(article.url) is not None
