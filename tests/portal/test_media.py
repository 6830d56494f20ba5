"""What of MEDIA_ROOT is public (portal/urls.py): the CMS's image renditions, with DEBUG off
as in production; never the editors' original uploads nor Wagtail's documents as files
(documents go through Wagtail's view and its restrictions), and citizens' attachments are
kept out of MEDIA_ROOT altogether (portal/checks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import DirectiveAttachment
from tests.cms.conftest import cms_site  # noqa: F401  (the site with its sections)
from tests.cms.helpers import directive, publish

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_image_rendition_is_served_with_debug_off(client):
    assert settings.DEBUG is False
    image = get_image_model().objects.create(title="Ảnh tin bài", file=get_test_image_file())
    rendition = image.get_rendition("width-20")
    assert rendition.url.startswith("/media/images/")

    response = client.get(rendition.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert _body(response) == Path(rendition.file.path).read_bytes()


def test_the_rest_of_media_root_is_never_a_public_file(client):
    image = get_image_model().objects.create(title="Ảnh gốc", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Phụ lục", file=ContentFile(b"%PDF-1.4\n", name="phu-luc.pdf")
    )
    assert image.file.name.startswith("original_images/")
    assert Path(document.file.path).exists()

    for url in (
        f"/media/{image.file.name}",
        f"/media/{document.file.name}",
        f"/media/images/../{document.file.name}",
        f"/media/images/%2e%2e/{document.file.name}",
    ):
        # 404, or 400 for a path climbing out of images/ (Django's SuspiciousFileOperation).
        assert client.get(url).status_code in {400, 404}, url


def test_a_document_goes_through_wagtails_view_and_its_restrictions(client, cms_site):  # noqa: F811
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Tài liệu nội bộ", collection=internal,
        file=ContentFile(b"%PDF-1.4\n", name="noi-bo.pdf"),
    )
    assert document.url.startswith("/documents/")
    # Shown by a live page (else no one outside the admin gets it: cms/document_access.py),
    # the collection's own restriction still applies.
    page = directive(cms_site.directives, 1)
    page.attachments.add(DirectiveAttachment(document=document))
    publish(page)

    refused = client.get(document.url)
    assert refused.status_code == 302 and "login" in refused["Location"]
    assert client.get(f"/media/{document.file.name}").status_code == 404


def _ids(**kwargs) -> set[str]:
    return {message.id for message in run_checks(**kwargs)}


def test_private_media_inside_media_root_stops_the_start(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert "portal.E002" in _ids()
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    assert "portal.E002" in _ids()
    settings.MEDIA_ROOT = tmp_path / "private" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert "portal.E002" in _ids()  # MEDIA_ROOT inside the private folder
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert "portal.E002" not in _ids()
