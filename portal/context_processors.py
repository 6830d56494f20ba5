from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.province import department_name

# citizen: the main navigation, in order; the current section is marked aria-current.
NAVIGATION = (
    ("/tin-tuc/", _("Tin tức"), ""),
    ("/van-ban-chi-dao/", _("Văn bản chỉ đạo"), ""),
    ("/phan-hoi-bao-chi/", _("Phản hồi báo chí"), ""),
    ("/guong-dien-hinh/", _("Gương điển hình"), ""),
    ("/gui-phan-anh/", _("Gửi phản ánh"), "nav-primary"),
    ("/tra-cuu/", _("Tra cứu hồ sơ"), ""),
    ("/tim-kiem/", _("Tìm kiếm"), ""),
)


def navigation(path: str) -> list[dict]:
    """The navigation with the section `path` belongs to marked current (at most one)."""
    items = []
    for url, label, css in NAVIGATION:
        current = path == url or path.startswith(url)
        items.append({"url": url, "label": label, "css": css, "current": current})
    return items


def portal(request):
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        # citizen: the Sở Y tế the portal speaks for, its hotline, the navigation
        "PORTAL_PROVINCE": getattr(settings, "PORTAL_PROVINCE", ""),
        "PORTAL_DEPARTMENT": department_name,  # called once, when a template reads it
        "PORTAL_HOTLINE": getattr(settings, "PORTAL_HOTLINE", ""),
        "PORTAL_NAV": navigation(getattr(request, "path", "") or ""),
    }
