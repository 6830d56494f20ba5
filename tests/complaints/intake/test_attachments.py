"""Attachments: images and PDF by content, limits, metadata stripped."""

import io

import pytest
from django.test import override_settings
from PIL import Image

from complaints.services.attachments import (
    AttachmentsInvalid,
    attachments_clean,
    sniff_content_type,
)
from tests.complaints.intake_factories import jpeg_with_gps, pdf_bytes, png_bytes, upload


def test_the_test_photo_really_carries_gps():
    exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
    assert 0x8825 in exif and exif.get_ifd(0x8825)


def test_jpeg_is_reencoded_without_exif_or_gps():
    [clean] = attachments_clean(files=[upload("IMG_0001.JPG", jpeg_with_gps())])
    assert clean.content_type == "image/jpeg"
    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG"
    assert image.size == (64, 48)
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    assert b"Camera" not in clean.content


def test_exif_orientation_is_applied_before_stripping():
    image = Image.new("RGB", (60, 20), (10, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    [clean] = attachments_clean(files=[upload("xoay.jpg", out.getvalue())])
    assert Image.open(io.BytesIO(clean.content)).size == (20, 60)


def test_png_and_pdf_are_accepted():
    cleaned = attachments_clean(files=[upload("a.png", png_bytes()), upload("b.pdf", pdf_bytes())])
    assert [c.content_type for c in cleaned] == ["image/png", "application/pdf"]
    assert cleaned[1].content == pdf_bytes()


def test_type_is_judged_by_content_not_name():
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(files=[upload("anh.jpg", b"<html><script>alert(1)</script></html>")])
    assert "anh.jpg" in error.value.messages[0]
    # A real PNG named .pdf is a PNG.
    [clean] = attachments_clean(files=[upload("giay-to.pdf", png_bytes())])
    assert clean.content_type == "image/png"


def test_truncated_image_is_refused():
    data = jpeg_with_gps()[:200]
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(files=[upload("hong.jpg", data)])
    assert "hong.jpg" in error.value.messages[0]


def test_pdf_with_javascript_is_refused():
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(
            files=[upload("don.pdf", pdf_bytes(b"/AA<</O<</S/JavaScript/JS(app.alert(1))>>>>"))]
        )
    assert "don.pdf" in error.value.messages[0]


def test_every_rejected_file_is_named_with_its_reason():
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(
            files=[
                upload("tot.png", png_bytes()),
                upload("rong.pdf", b""),
                upload("chuong-trinh.exe", b"MZ\x90\x00\x03"),
            ]
        )
    messages = error.value.messages
    assert len(messages) == 2
    assert "rong.pdf" in messages[0] and "chuong-trinh.exe" in messages[1]


@override_settings(COMPLAINTS_ATTACHMENT_MAX_FILE_SIZE=1000)
def test_size_limit_per_file():
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(files=[upload("lon.jpg", jpeg_with_gps(size=(400, 400)) + b"\0" * 2000)])
    assert "lon.jpg" in error.value.messages[0]


@override_settings(COMPLAINTS_ATTACHMENT_MAX_COUNT=2)
def test_count_limit():
    with pytest.raises(AttachmentsInvalid) as error:
        attachments_clean(files=[upload(f"{n}.png", png_bytes()) for n in range(3)])
    assert "2" in error.value.messages[0]


@override_settings(COMPLAINTS_ATTACHMENT_MAX_TOTAL_SIZE=100)
def test_total_size_limit():
    with pytest.raises(AttachmentsInvalid):
        attachments_clean(files=[upload("a.png", png_bytes()), upload("b.png", png_bytes())])


@override_settings(COMPLAINTS_ATTACHMENT_MAX_PIXELS=1000)
def test_decompression_bomb_is_refused():
    with pytest.raises(AttachmentsInvalid):
        attachments_clean(files=[upload("bom.png", png_bytes(size=(100, 100)))])


def test_sniffing():
    assert sniff_content_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_content_type(b"RIFF\x00\x00\x00\x00AVI LIST") is None
    assert sniff_content_type(b"%PDF-1.7") == "application/pdf"
    assert sniff_content_type(b"GIF89a") is None
