from django.conf import settings


def portal(request):
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        # citizen: the Sở Y tế the portal speaks for, and its hotline
        "PORTAL_PROVINCE": getattr(settings, "PORTAL_PROVINCE", ""),
        "PORTAL_HOTLINE": getattr(settings, "PORTAL_HOTLINE", ""),
    }
