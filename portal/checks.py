"""Checks of the deployment's settings that `manage.py check` runs (and `migrate` and the
servers with it): a layout that would publish citizens' files, or production checked on the
development settings, is said at start, not found later.

Messages are for the administrator at a console: Vietnamese, then English, in one line, as
the settings' own errors are (`portal.settings.env.SettingsError`).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks

TAG = "portal"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@checks.register(TAG)
def private_media_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Citizens' attachments and the issued documents (`complaints.storage`) are never public:
    `PRIVATE_MEDIA_ROOT` inside `MEDIA_ROOT` (or the other way round) would put them under
    `/media/`, which the reverse proxy and the development server publish."""
    media = Path(settings.MEDIA_ROOT).resolve()
    private = Path(getattr(settings, "PRIVATE_MEDIA_ROOT", settings.VAR_DIR / "private"))
    private = private.resolve()
    if not (_inside(private, media) or _inside(media, private)):
        return []
    return [checks.Error(
        f"PRIVATE_MEDIA_ROOT ({private}) và MEDIA_ROOT ({media}) lồng nhau: tệp đính kèm của "
        f"người dân sẽ lộ ra dưới /media/ — PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap: "
        f"citizens' attachments would be public under /media/",
        hint="Hai thư mục tách rời, ví dụ MEDIA_ROOT=/srv/portal/media và "
             "PRIVATE_MEDIA_ROOT=/srv/portal/private — two separate folders, e.g. "
             "/srv/portal/media and /srv/portal/private",
        id="portal.E002",
    )]


@checks.register(TAG, deploy=True)
def production_settings_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy` vouches for a production setup only on the production settings:
    on the development ones (manage.py's default) DEBUG may be on, the key is the one kept in
    var/, nothing is required, whatever the other checks say."""
    if getattr(settings, "PORTAL_PRODUCTION", False):
        return []
    return [checks.Error(
        "check --deploy đang chạy với cấu hình phát triển, không phải portal.settings.production "
        "— check --deploy runs on the development settings, not portal.settings.production",
        hint="Đặt DJANGO_SETTINGS_MODULE=portal.settings.production trong "
             "/etc/health-portal.env và nạp tệp đó (set -a; . /etc/health-portal.env; set +a) "
             "— set DJANGO_SETTINGS_MODULE=portal.settings.production in the environment file "
             "and load it",
        id="portal.E003",
    )]
