"""The CMS's media (cms/media.py): an uploaded image's public original carries no EXIF
(GPS location, phone model), its orientation applied; a document whose content is not
what its extension says (an executable named .pdf) is refused in Vietnamese."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def phone_photo() -> bytes:
    """A 40×20 JPEG as a phone writes it: GPS position, maker and model, rotated 90°."""
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone X Pro"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 10.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_cms_image_is_stored_without_its_exif_and_stands_upright(client):
    data = phone_photo()
    assert b"Phone X Pro" in data
    client.force_login(UserFactory(superuser=True))
    response = client.post(
        "/admin/images/add/",
        {"title": "Ảnh tập huấn", "file": SimpleUploadedFile("anh.jpg", data, "image/jpeg")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = WagtailImage.objects.get()
    with image.file.open("rb") as stored:
        content = stored.read()
    assert b"Phone X Pro" not in content and b"PhoneMaker" not in content
    with Image.open(io.BytesIO(content)) as opened:
        assert not opened.getexif()
        assert opened.size == (20, 40)  # orientation applied
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(content)


def test_an_executable_named_pdf_is_refused_a_real_pdf_is_kept(client):
    client.force_login(UserFactory(superuser=True))
    fake = SimpleUploadedFile("fake.pdf", b"MZ\x90\x00\x03" + b"\0" * 200, "application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Giả", "file": fake})
    assert response.status_code == 200
    assert "không đúng định dạng của phần mở rộng" in response.content.decode()
    assert not Document.objects.exists()

    real = SimpleUploadedFile("that.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post("/admin/documents/add/", {"title": "Thật", "file": real})
    assert response.status_code == 302
    assert Document.objects.get().title == "Thật"


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bao-cao.docx", b"PK\x03\x04rest", True),
        ("bao-cao.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", True),
        ("ghi-chu.txt", "Thông báo lịch trực".encode(), True),
        ("bao-cao.xlsx", b"MZ\x90\x00", False),
        ("ghi-chu.txt", b"MZ\x90\x00\x00\x00\xff\xfe", False),
    ],
)
def test_document_content_matches_its_extension(name, content, accepted):
    from cms.media import document_content_matches

    assert document_content_matches(SimpleUploadedFile(name, content)) is accepted


def test_an_image_saved_from_a_stored_file_is_cleaned_an_edit_keeps_it(settings):
    """The several-upload's path: the file is stored first, the image saved after."""
    from django.core.files.storage import default_storage

    name = default_storage.save("original_images/telefon.jpg", io.BytesIO(phone_photo()))
    image = WagtailImage(title="Ảnh", file=name)
    image.save()
    with image.file.open("rb") as stored:
        assert b"Phone X Pro" not in stored.read()
    kept = image.file.name
    image.title = "Ảnh đổi tên"
    image.save()
    assert image.file.name == kept
