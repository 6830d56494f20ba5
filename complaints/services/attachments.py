"""Citizens' attachments: images and PDF only, judged by their content, never by
their name; images re-encoded with Pillow so no metadata (the GPS position of a
phone photo, the camera's serial number) reaches the file kept.

`attachments_clean` checks everything before anything is stored and reports each
rejected file by name with the reason; `attachments_store` writes the cleaned files
to private storage inside the submission's transaction.

Bounded work: an image is refused from its header when it has more than
`COMPLAINTS_ATTACHMENT_MAX_PIXELS` pixels (before a byte is decoded), and at most
`COMPLAINTS_ATTACHMENT_DECODE_CONCURRENCY` files are decoded or parsed at once per
process (memory ≤ that × the largest decoded image); a request that waits longer than
`DECODE_WAIT` seconds for its turn is answered 503 (`AttachmentsBusy`). PDFs are parsed
with qpdf (pikepdf), which reads object streams and decodes obfuscated names
(`/J#61vaScript` is `/JavaScript`), and refused when anything active is found: scripts,
launch, form submission, actions on open or on any event, embedded files, rich media.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import unicodedata
import uuid
import warnings
from dataclasses import dataclass

import pikepdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_COUNT = 5
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_TOTAL_SIZE = 25 * 1024 * 1024
# A 24-megapixel photo decodes to ~100 MB (RGBA): more is refused from its header.
# Phones store 12-megapixel photos by default; a 48 MP "pro" photo can be sent resized.
DEFAULT_MAX_PIXELS = 25_000_000
DEFAULT_DECODE_CONCURRENCY = 2
DECODE_WAIT = 20  # seconds a request waits for a decoding slot before 503

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
# Active content a complaint's evidence never needs: keys that carry scripts, actions
# or embedded files, action types other than moving within the document, and
# annotations that play or hold something.
_PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
)
# Action types that run, send, import or open something, wherever the action sits.
_PDF_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
     "/Rendition", "/Movie", "/Sound", "/RichMediaExecute"}
)
# A link the reader clicks (the viewer asks before opening an address) is no threat;
# an address opened by itself is (/URI in /OpenAction or /AA: both keys are refused).
_PDF_SAFE_ACTIONS = frozenset({"/GoTo", "/URI"})
_PDF_ACTIVE_ANNOTS = frozenset(
    {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
)
_PDF_MAX_OBJECTS = 200_000
_DECODE_SLOTS: threading.BoundedSemaphore | None = None
_SLOTS_LOCK = threading.Lock()


class AttachmentsBusy(Exception):
    """Every decoding slot stayed busy: answer 503 with Retry-After, nothing is lost."""

    retry_after = 5


def _slots() -> threading.BoundedSemaphore:
    global _DECODE_SLOTS
    with _SLOTS_LOCK:
        if _DECODE_SLOTS is None:
            _DECODE_SLOTS = threading.BoundedSemaphore(
                _limit("DECODE_CONCURRENCY", DEFAULT_DECODE_CONCURRENCY)
            )
        return _DECODE_SLOTS


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


def _reencode_image(data: bytes, content_type: str, *, max_pixels: int | None = None) -> bytes:
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
            if width * height > (max_pixels or _limit("MAX_PIXELS", DEFAULT_MAX_PIXELS)):
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


_PDF_CONTAINERS = (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)


def _pdf_children(obj) -> list:
    if isinstance(obj, pikepdf.Array):
        items = list(obj)
    else:
        items = [obj[key] for key in obj.keys()]
    return [item for item in items if isinstance(item, _PDF_CONTAINERS)]


def _pdf_walk(pdf: pikepdf.Pdf):
    """Every dictionary (and stream dictionary) reachable from the trailer, each
    indirect object once."""
    seen: set[tuple[int, int]] = set()
    stack = [pdf.trailer]
    count = 0
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        count += 1
        if count > _PDF_MAX_OBJECTS:
            raise ValueError("too many objects")
        if not isinstance(obj, pikepdf.Array):
            yield obj
        stack.extend(_pdf_children(obj))


def _bad_action(action) -> bool:
    """An action other than moving within the document, or one chaining more. A structure
    element's /A is its attribute object (ISO 32000-1, 14.7.6: an owner /O, no /S), not an
    action: every tagged PDF has them (the portal's own documents, a Word export)."""
    if isinstance(action, pikepdf.Dictionary) and "/O" in action and "/S" not in action:
        return "/Next" in action
    return isinstance(action, pikepdf.Dictionary) and (
        str(action.get("/S")) not in _PDF_SAFE_ACTIONS or "/Next" in action
    )


def _pdf_active(dictionary: pikepdf.Dictionary) -> bool:
    if any(key in _PDF_ACTIVE_KEYS for key in dictionary.keys()):
        return True
    if str(dictionary.get("/S")) in _PDF_ACTIVE_ACTIONS:
        return True
    # On opening, only a move within the document (a destination array is fine too).
    on_open = dictionary.get("/OpenAction")
    if isinstance(on_open, pikepdf.Dictionary) and (
        str(on_open.get("/S")) != "/GoTo" or "/Next" in on_open
    ):
        return True
    if _bad_action(dictionary.get("/A")) or "/Next" in dictionary:
        return True
    if dictionary.get("/Type") == "/Action" and _bad_action(dictionary):
        return True
    return "/Rect" in dictionary and dictionary.get("/Subtype") in _PDF_ACTIVE_ANNOTS


def _check_pdf(data: bytes) -> bytes:
    """The PDF, unchanged (a rewrite would break a signed document), once qpdf has parsed
    it and found nothing active; ValueError with the reason (Vietnamese) otherwise."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            active = any(_pdf_active(d) for d in _pdf_walk(pdf))
    except pikepdf.PasswordError:
        raise ValueError(_("tệp PDF có mật khẩu, không kiểm tra được")) from None
    except (pikepdf.PdfError, ValueError, RecursionError, KeyError, TypeError):
        raise ValueError(_("tệp PDF bị hỏng hoặc không đọc được")) from None
    if active:
        raise ValueError(
            _("tệp PDF chứa mã chạy tự động, thao tác tự động, biểu mẫu gửi đi hoặc tệp nhúng")
        )
    return data


def _decode(function, *args):
    """Run one image decode or PDF parse within the process's bounded slots."""
    slots = _slots()
    if not slots.acquire(timeout=DECODE_WAIT):
        raise AttachmentsBusy()
    try:
        return function(*args)
    finally:
        slots.release()


@dataclass(frozen=True)
class _Screened:
    name: str
    data: bytes
    content_type: str


def _screen(files) -> tuple[list[_Screened], list[str]]:
    """The cheap checks, decoding nothing: the number of files, each file's size, an
    empty file, the type from the first bytes, the total size. Returns the files that
    passed them and the error of each that did not (the count alone stops at once)."""
    files = [f for f in (files or []) if f is not None]
    max_count = _limit("MAX_COUNT", DEFAULT_MAX_COUNT)
    max_size = _limit("MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE)
    max_total = _limit("MAX_TOTAL_SIZE", DEFAULT_MAX_TOTAL_SIZE)
    if len(files) > max_count:
        return [], [
            _("Chỉ gửi được tối đa %(count)d tệp; bạn đã chọn %(chosen)d tệp.")
            % {"count": max_count, "chosen": len(files)}
        ]
    passed: list[_Screened] = []
    errors: list[str] = []
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
        passed.append(_Screened(name, data, content_type))
    if total > max_total:
        errors.append(
            _("Tổng dung lượng các tệp vượt quá %(size)s.") % {"size": filesizeformat(max_total)}
        )
    return passed, errors


def attachments_precheck(*, files) -> list[str]:
    """The cheap checks of `attachments_clean` (count, sizes, the type from the first
    bytes), decoding nothing: what a refused submission can report about its files
    beside its other errors, at once. An empty list does not mean the files are good."""
    return _screen(files)[1]


def attachments_clean(*, files) -> list[CleanAttachment]:
    """Check and clean every file; raise AttachmentsInvalid listing each refused file
    by name with the reason. Nothing is stored here."""
    passed, errors = _screen(files)
    cleaned: list[CleanAttachment] = []
    for item in passed:
        if item.content_type == "application/pdf":
            try:
                content = _decode(_check_pdf, item.data)
            except ValueError as reason:
                errors.append(
                    _("Tệp %(name)s: %(reason)s.") % {"name": item.name, "reason": reason}
                )
                continue
        else:
            try:
                content = _decode(_reencode_image, item.data, item.content_type)
            except ValueError:
                errors.append(
                    _("Tệp %(name)s: ảnh bị hỏng, quá lớn hoặc không đọc được.")
                    % {"name": item.name}
                )
                continue
        cleaned.append(
            CleanAttachment(
                name=item.name,
                content=content,
                content_type=item.content_type,
                sha256=hashlib.sha256(content).hexdigest(),
            )
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


def download_name(attachment) -> str:
    """The name a file is served under: generated from the case's code and the type
    its content was sniffed as, never the citizen's own name (a polyglot named
    `evidence.html` downloads as `YT-2026-000123-tep-7.pdf`)."""
    extension = _EXTENSIONS.get(attachment.content_type, ".bin")
    return f"{attachment.case.tracking_code}-tep-{attachment.pk}{extension}"


def attachments_discard(rows) -> None:
    """Remove the files of rows whose transaction rolled back."""
    for row in rows:
        try:
            row.file.storage.delete(row.file.name)
        except OSError:
            pass
