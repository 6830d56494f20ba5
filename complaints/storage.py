"""Private storage for citizens' attachments: outside MEDIA_ROOT, never served
as public files; staff views stream them after checking the case's scope."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL: stream them through a staff view.")


def private_storage() -> FileSystemStorage:
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", settings.VAR_DIR / "private")
    return PrivateStorage(location=location)
