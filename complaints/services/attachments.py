"""Citizens' attachments: images and PDF only, judged by their content, never by
their name; images re-encoded with Pillow so no metadata (the GPS position of a
phone photo, the camera's serial number) reaches the file kept.

`attachments_clean` checks everything before anything is stored and reports each
rejected file by name with the reason; `attachments_store` writes the cleaned files
to private storage inside the submission's transaction.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_COUNT = 5
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_TOTAL_SIZE = 25 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000  # a 50-megapixel photo; more is a decompression bomb

# Magic numbers of the accepted formats: (prefix, offset of a second marker, marker).
_SIGNATURES = (
    ("image/jpeg", b"\xff\xd8\xff", None),
    ("image/png", b"\x89PNG\r\n\x1a\n", None),
    ("image/webp", b"RIFF", (8, b"WEBP")),
    ("application/pdf", b"%PDF-", None),
)
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
# Active content a complaint's evidence never needs (scripts, launching programs,
# files hidden inside the PDF).
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")


@dataclass(frozen=True)
class CleanAttachment:
    name: str  # the citizen's file name, for display only
    content: bytes  # re-encoded image or checked PDF
    content_type: str
    sha256: str


class AttachmentsInvalid(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(messages)
        self.messages = messages


def _limit(name: str, default: int) -> int:
    return getattr(settings, f"COMPLAINTS_ATTACHMENT_{name}", default)


def attachment_limits() -> dict[str, int]:
    """The limits in force, for the forms to show and the browser to check first."""
    return {
        "max_count": _limit("MAX_COUNT", DEFAULT_MAX_COUNT),
        "max_file_size": _limit("MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE),
        "max_total_size": _limit("MAX_TOTAL_SIZE", DEFAULT_MAX_TOTAL_SIZE),
    }


def sniff_content_type(head: bytes) -> str | None:
    """The accepted type whose signature `head` starts with, else None."""
    for content_type, prefix, marker in _SIGNATURES:
        if not head.startswith(prefix):
            continue
        if marker is not None:
            offset, value = marker
            if head[offset : offset + len(value)] != value:
                continue
        return content_type
    return None


def display_name(name: str) -> str:
    """The base name, without control characters, at most 255 characters."""
    base = os.path.basename((name or "").replace("\\", "/")) or "tep"
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    return base[:255] or "tep"


def _read(upload, max_size: int) -> bytes | None:
    """The file's bytes, or None when it is larger than `max_size` (never reads more)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_size:
        return None
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_size + 1)
    return None if len(data) > max_size else data


def _reencode_image(data: bytes, content_type: str) -> bytes:
    """The image decoded and written again from its pixels only: no EXIF, XMP, text
    chunks or ICC profile survive. Orientation from EXIF is applied first, so the
    photo still stands the right way up. Raises ValueError when it is not an image."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format != _PILLOW_FORMATS[content_type]:
                raise ValueError("format mismatch")
            width, height = image.size
            if width * height > _limit("MAX_PIXELS", DEFAULT_MAX_PIXELS):
                raise ValueError("too many pixels")
            image.load()
            image = ImageOps.exif_transpose(image)
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as error:
            raise ValueError(str(error)) from error
    fmt = _PILLOW_FORMATS[content_type]
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif fmt == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
        image = image.convert("RGBA")
    elif fmt == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    image.info = {}  # nothing of the original's metadata is passed to the encoder
    out = io.BytesIO()
    options = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 88}}.get(fmt, {})
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _check_pdf(data: bytes) -> str | None:
    """Why this PDF is refused, or None."""
    if b"%%EOF" not in data[-2048:]:
        return _("tệp PDF không hoàn chỉnh hoặc bị hỏng")
    if _PDF_ACTIVE.search(data):
        return _("tệp PDF chứa mã chạy tự động hoặc tệp nhúng")
    return None


def attachments_clean(*, files) -> list[CleanAttachment]:
    """Check and clean every file; raise AttachmentsInvalid listing each refused file
    by name with the reason. Nothing is stored here."""
    files = [f for f in (files or []) if f is not None]
    max_count = _limit("MAX_COUNT", DEFAULT_MAX_COUNT)
    max_size = _limit("MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE)
    max_total = _limit("MAX_TOTAL_SIZE", DEFAULT_MAX_TOTAL_SIZE)
    errors: list[str] = []
    if len(files) > max_count:
        errors.append(
            _("Chỉ gửi được tối đa %(count)d tệp; bạn đã chọn %(chosen)d tệp.")
            % {"count": max_count, "chosen": len(files)}
        )
        raise AttachmentsInvalid(errors)

    cleaned: list[CleanAttachment] = []
    total = 0
    for upload in files:
        name = display_name(getattr(upload, "name", ""))
        data = _read(upload, max_size)
        if data is None:
            errors.append(
                _("Tệp %(name)s: lớn hơn %(size)s.")
                % {"name": name, "size": filesizeformat(max_size)}
            )
            continue
        if not data:
            errors.append(_("Tệp %(name)s: tệp rỗng.") % {"name": name})
            continue
        total += len(data)
        content_type = sniff_content_type(data[:16])
        if content_type is None:
            errors.append(
                _("Tệp %(name)s: chỉ nhận ảnh (JPEG, PNG, WebP) hoặc PDF; nội dung tệp không phải "
                  "định dạng này.") % {"name": name}
            )
            continue
        if content_type == "application/pdf":
            reason = _check_pdf(data)
            if reason:
                errors.append(
                    _("Tệp %(name)s: %(reason)s.") % {"name": name, "reason": reason}
                )
                continue
            content = data
        else:
            try:
                content = _reencode_image(data, content_type)
            except ValueError:
                errors.append(
                    _("Tệp %(name)s: ảnh bị hỏng, quá lớn hoặc không đọc được.") % {"name": name}
                )
                continue
        cleaned.append(
            CleanAttachment(
                name=name,
                content=content,
                content_type=content_type,
                sha256=hashlib.sha256(content).hexdigest(),
            )
        )
    if total > max_total:
        errors.append(
            _("Tổng dung lượng các tệp vượt quá %(size)s.") % {"size": filesizeformat(max_total)}
        )
    if errors:
        raise AttachmentsInvalid(errors)
    return cleaned


def attachments_store(*, case, cleaned: list[CleanAttachment]) -> list:
    """Write the cleaned files to private storage and their rows; call inside the
    submission's transaction. Returns the Attachment rows. The stored file name is
    random with the extension of the detected type, never the citizen's name."""
    from complaints.models import Attachment

    rows = []
    for item in cleaned:
        row = Attachment(
            case=case,
            original_name=item.name,
            content_type=item.content_type,
            size=len(item.content),
            sha256=item.sha256,
        )
        row.file.save(
            f"{uuid.uuid4().hex}{_EXTENSIONS[item.content_type]}",
            ContentFile(item.content),
            save=False,
        )
        row.save()
        rows.append(row)
    return rows


def attachments_discard(rows) -> None:
    """Remove the files of rows whose transaction rolled back."""
    for row in rows:
        try:
            row.file.storage.delete(row.file.name)
        except OSError:
            pass
