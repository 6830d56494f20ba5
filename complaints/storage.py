"""Private storage for citizens' attachments: outside MEDIA_ROOT, never served
as public files; staff views stream them after checking the case's scope."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", settings.VAR_DIR / "private")
    return FileSystemStorage(location=location, base_url=None)
