"""URLs of the drafts' screens, under /admin/phe-duyet/ (registered in `hooks.py`)."""

from django.urls import path

from complaints.approvals import views

app_name = "approvals_admin"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("de-xuat/<str:tracking_code>/<slug:action>/", views.ProposeView.as_view(), name="propose"),
    path("<int:draft_id>/", views.DraftView.as_view(), name="detail"),
    path("<int:draft_id>/sua/", views.DraftEditView.as_view(), name="edit"),
    path("<int:draft_id>/<slug:decision>/", views.DraftDecideView.as_view(), name="decide"),
]
