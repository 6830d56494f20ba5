"""Public pages and the public API of the complaints app (CONTRACT.md, "HTTP")."""

from django.urls import path

from complaints.views import public

app_name = "complaints"

urlpatterns = [
    path("gui-phan-anh/", public.submit, name="submit"),
    path("gui-phan-anh/da-gui/<str:tracking_code>/", public.receipt, name="receipt"),
    path("tra-cuu/", public.track_lookup, name="track_lookup"),
    path("tra-cuu/<str:tracking_code>/", public.track_detail, name="track_detail"),
    path("tra-cuu/<str:tracking_code>/danh-gia/", public.rate, name="rate"),
    path("co-so/tim/", public.facility_search, name="facility_search"),
]
