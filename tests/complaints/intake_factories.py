"""Helpers for intake tests: valid submissions of each kind, and real files."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.services.intake import ReporterData, SubmissionData

REPORTER = ReporterData(
    name="Nguyễn Thị Lan",
    phone="0905123456",
    email="lan.nguyen@example.vn",
    address="Thôn 3, xã Phổ Cường, Quảng Ngãi",
    id_number="051190000123",
)


def submission(kind: str = "phan_anh", **overrides) -> SubmissionData:
    """A valid submission of `kind` about the facility and category codes given."""
    today = datetime.date.today()
    base = dict(
        kind=kind,
        title="Chờ khám quá lâu tại khoa Nhi",
        content=(
            "Ngày hôm qua con tôi phải chờ khám hơn bốn giờ tại khoa Nhi mà không ai hướng dẫn."
        ),
        facility="",
        category="",
        incident_date=today - datetime.timedelta(days=2),
        reporter=REPORTER,
        consent=True,
        consent_contact=True,
    )
    if kind == "khieu_nai":
        base.update(
            decision_complained="Quyết định thu thêm 2.000.000 đồng tiền giường bệnh",
            decision_maker="Giám đốc bệnh viện",
            decision_date=today - datetime.timedelta(days=10),
            truth_declaration=True,
        )
    if kind == "to_cao":
        base.update(
            accused_name="Trần Văn Bình",
            accused_position="Bác sĩ khoa Ngoại",
            truth_declaration=True,
        )
    base.update(overrides)
    return SubmissionData(**base)


def api_body(kind: str = "phan_anh", **overrides) -> dict:
    """The JSON body of POST /api/v1/submissions for a valid submission."""
    data = submission(kind)
    body = {
        "kind": kind,
        "facility": overrides.pop("facility", ""),
        "category": overrides.pop("category", ""),
        "title": data.title,
        "content": data.content,
        "incident_date": data.incident_date.isoformat(),
        "reporter": {
            "name": REPORTER.name,
            "phone": REPORTER.phone,
            "email": REPORTER.email,
            "address": REPORTER.address,
            "id_number": REPORTER.id_number,
        },
        "anonymous": False,
        "consent": True,
        "consent_contact": True,
    }
    if kind == "khieu_nai":
        body.update(
            decision_complained=data.decision_complained,
            decision_maker=data.decision_maker,
            decision_date=data.decision_date.isoformat(),
            truth_declaration=True,
        )
    if kind == "to_cao":
        body.update(
            accused_name=data.accused_name,
            accused_position=data.accused_position,
            truth_declaration=True,
        )
    body.update(overrides)
    return body


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A real JPEG carrying EXIF with a GPS position and a camera model."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x0110] = "Camera thử nghiệm"  # Model
    exif[0x8825] = {  # GPSInfo IFD
        1: "N",
        2: (15.0, 7.0, 30.0),
        3: "E",
        4: (108.0, 48.0, 10.0),
    }
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes(size=(20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 80, 160)).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes(extra: bytes = b"") -> bytes:
    """A minimal well-formed PDF (one empty page)."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]" + extra + b">>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
