"""The staff API (CONTRACT.md), mounted at /api/v1/ by portal/urls.py."""

from django.urls import path

from complaints.api import drafts, staff

app_name = "staff_api"

urlpatterns = [
    path("cases", staff.cases, name="cases"),
    path("cases/<str:tracking_code>", staff.case_detail, name="case_detail"),
    path("cases/<str:tracking_code>/actions/<str:action>", staff.case_action, name="case_action"),
    # approvals (issue 11): drafts proposed to the unit's leaders
    path(
        "cases/<str:tracking_code>/drafts/<str:action>", drafts.draft_propose, name="draft_propose"
    ),
    path("drafts", drafts.drafts, name="drafts"),
    path("drafts/<int:draft_id>", drafts.draft_detail, name="draft_detail"),
    path("drafts/<int:draft_id>/<str:decision>", drafts.draft_decide, name="draft_decide"),
]
