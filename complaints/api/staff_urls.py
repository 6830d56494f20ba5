"""The staff API (CONTRACT.md), mounted at /api/v1/ by portal/urls.py."""

from django.urls import path

from complaints.api import staff

app_name = "staff_api"

urlpatterns = [
    path("cases", staff.cases, name="cases"),
    path("cases/<str:tracking_code>", staff.case_detail, name="case_detail"),
    path("cases/<str:tracking_code>/actions/<str:action>", staff.case_action, name="case_action"),
]
