"""The portal's URLs plus views that fail, to see the error pages."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path

from portal.urls import handler500  # noqa: F401  (the portal's own 500 view)


def boom(request):
    raise RuntimeError("lỗi thử nghiệm")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("__loi-500/", boom),
    path("__loi-403/", forbidden),
    path("", include("portal.urls")),
]
