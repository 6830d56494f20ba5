"""Public pages and the public API of the complaints app (CONTRACT.md, "HTTP")."""

from django.urls import path

from complaints.documents import views_public as documents_public
from complaints.views import public

app_name = "complaints"

urlpatterns = [
    path("gui-phan-anh/", public.submit, name="submit"),
    path("gui-phan-anh/da-gui/<str:tracking_code>/", public.receipt, name="receipt"),
    path("tra-cuu/", public.track_lookup, name="track_lookup"),
    path("tra-cuu/quen-ma-pin/", public.pin_resend, name="pin_resend"),
    path("tra-cuu/<str:tracking_code>/", public.track_detail, name="track_detail"),
    path("tra-cuu/<str:tracking_code>/danh-gia/", public.rate, name="rate"),
    path("tra-cuu/<str:tracking_code>/bo-sung/", public.reply, name="reply"),
    path("tra-cuu/<str:tracking_code>/dong/", public.forget, name="forget"),
    path(
        "tra-cuu/<str:tracking_code>/ngung-thong-bao/", public.stop_notices, name="stop_notices"
    ),
    path("co-so/tim/", public.facility_search, name="facility_search"),
    # Citizens' printable files (complaints/documents, issue 10).
    path(
        "gui-phan-anh/da-gui/<str:tracking_code>/bien-nhan.pdf",
        documents_public.receipt_pdf,
        name="receipt_pdf",
    ),
    path(
        "tra-cuu/<str:tracking_code>/ho-so.pdf",
        documents_public.case_file_pdf,
        name="case_file_pdf",
    ),
    path(
        "tra-cuu/<str:tracking_code>/van-ban/<int:pk>.pdf",
        documents_public.document_pdf,
        name="document_pdf",
    ),
]
