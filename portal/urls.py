import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import serving
from complaints.api.app import api_not_found, api_urls
from portal.admin_logout import AdminLogoutView
from portal.body_limit import too_large_page
from portal.health import liveness, queue, readiness


def favicon(request):
    """citizen: browsers ask for /favicon.ico; the icon is the static SVG."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


def media_image(request, path):
    """A rendition of a CMS image, from MEDIA_ROOT/images/ and nowhere else: Django's file
    view joins `path` to that folder safely (`images/../documents/…` stays refused)."""
    from pathlib import Path

    from django.views.static import serve

    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "images")


handler500 = "portal.errors.server_error"

urlpatterns = [
    path("favicon.ico", favicon),
    # Health probes: answered by portal.health.HealthProbeMiddleware before the rest of
    # the chain; the routes name them.
    path("healthz", liveness, name="healthz"),
    path("readyz", readiness, name="readyz"),
    path("healthz/queue", queue, name="healthz_queue"),
    # nginx's page for a body over its client_max_body_size (README "Production").
    path("loi/413/", too_large_page, name="too_large"),
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The language switch on every page posts without a CSRF token: a forged switch only
    # changes the display language, and a token would set a cookie on every page and
    # keep them out of the page cache (cms/page_cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/", api_urls()),
    path("open311/v2/", include("complaints.open311.urls")),
    path("", include("cms.urls")),
    path("", include("search.urls")),
    path("", include("complaints.urls")),
    # After every app's /api/ paths (search's among them): any other is a JSON 404.
    re_path(r"^api/", api_not_found),
]

# Of MEDIA_ROOT, only the CMS's image renditions are public files (`images/`, what every
# page shows), with DEBUG on or off; the reverse proxy may serve the same folder itself
# (README, Production). Never the rest of MEDIA_ROOT: the editors' original uploads stay
# unpublished, and Wagtail's documents go through its own view (`/documents/`,
# WAGTAILDOCS_SERVE_METHOD), which checks their collection's and pages' restrictions.
# Citizens' attachments are not under MEDIA_ROOT at all (complaints/storage.py).
urlpatterns += [
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}images/(?P<path>.+)$",
        media_image,
        name="media_image",
    ),
]

# Wagtail serves every page not matched above: keep it last. Its page view is the
# portal's (fewer queries before the page, cms/serving.py); its other URLs (`_util/`: a
# private page's password form, its sign-in) are Wagtail's, and come before it: the page
# pattern matches their paths too (a password posted there was a 404).
_wagtail_utilities = [url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"]
urlpatterns += [
    path("", include(_wagtail_utilities)),
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
]
