"""The CMS's images and documents checked as the citizens' attachments are
(complaints/services/attachments.py), in one place.

- An image's original is public (`/media/original_images/…`): before it is stored, it is
  decoded and written again from its pixels only, its EXIF orientation applied, so no
  GPS location, camera or phone model, XMP or comment is published (`pre_save` of the
  image model: every way in, the admin's one and several uploads, the chooser, the
  importers). GIF carries no EXIF and is kept as it is (its animation too).
- A document's content must be what its extension says (`DocumentForm`, the admin's
  document form: `WAGTAILDOCS_DOCUMENT_FORM_BASE`): an executable named `.pdf` is
  refused with a message in Vietnamese."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model

from complaints.services.attachments import _reencode_image, sniff_content_type

_REENCODED = frozenset({"image/jpeg", "image/png", "image/webp"})
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel 97–2003
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # ZIP, and the Office/OpenDocument files inside one


def image_stripped(sender, instance, **kwargs) -> None:
    """pre_save receiver of the image model: a file not yet stored is re-encoded."""
    file = instance.file
    if not file:
        return
    committed = getattr(file, "_committed", True)
    if committed and not instance._state.adding:
        stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
        if stored == file.name:
            return  # an edit of the title, tags, focal point: the file was cleaned before
    file.open()
    file.seek(0)
    data = file.read()
    content_type = sniff_content_type(data[:16])
    if content_type not in _REENCODED:
        return
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
    try:
        cleaned = _reencode_image(data, content_type, max_pixels=max_pixels)
    except ValueError:
        raise ValidationError(_("Ảnh không đọc được nên không xóa được thông tin kèm theo "
                                "(vị trí, thiết bị chụp); hãy lưu lại ảnh rồi tải lên.")) from None
    if committed:  # stored already (the several-upload's duplicate check): replaced
        file.close()
        file.storage.delete(file.name)
    instance.file = ContentFile(cleaned, name=os.path.basename(file.name))
    instance._set_image_file_metadata()


def _content_matches(extension: str, head: bytes) -> bool:
    if extension == "pdf":
        return sniff_content_type(head) == "application/pdf"
    if extension in ("doc", "xls"):
        return head.startswith(_OLE2)
    if extension in ("docx", "xlsx", "odt", "zip"):
        return head.startswith(_ZIP)
    if extension == "txt":
        return b"\0" not in head
    return False


def document_content_matches(upload) -> bool:
    """Whether the uploaded file's first bytes are those of its extension's format."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension == "txt":
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:  # a character cut at the 4,096th byte
            if error.start < len(head) - 4:
                return False
    return _content_matches(extension, head)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data and not document_content_matches(upload):
            raise ValidationError(
                _("Nội dung tệp %(name)s không đúng định dạng của phần mở rộng; chỉ nhận tệp "
                  "PDF, Word, Excel, OpenDocument, văn bản thuần hoặc ZIP đúng với tên tệp."),
                code="content_mismatch",
                params={"name": os.path.basename(upload.name)},
            )
        return upload


def connect_receivers() -> None:
    pre_save.connect(image_stripped, sender=get_image_model(), dispatch_uid="cms.media.image")
