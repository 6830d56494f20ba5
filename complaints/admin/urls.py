"""URLs of the case workspace, under /admin/ho-so/ (registered in `hooks.py`)."""

from django.urls import path

from complaints.admin import intake, views
from complaints.documents import views_admin as documents
from complaints.reports import views as reports

app_name = "complaints_admin"

urlpatterns = [
    path("", views.CaseIndexView.as_view(), name="index"),
    path("xuat-csv/", views.CaseExportView.as_view(), name="export"),
    path("giao-xu-ly/", views.BulkAssignView.as_view(), name="bulk_assign"),
    # Before the tracking-code patterns.
    path("bang-dieu-hanh/", reports.DashboardView.as_view(), name="dashboard"),
    path("bao-cao/", reports.ReportView.as_view(), name="report"),
    path("tiep-nhan/moi/", intake.StaffIntakeView.as_view(), name="staff_intake"),
    path("bao-chi/moi/", intake.PressReportView.as_view(), name="press_report"),
    path("<str:tracking_code>/", views.CaseDetailView.as_view(), name="detail"),
    path("<str:tracking_code>/ghi-chu/", views.CaseNoteView.as_view(), name="add_note"),
    path(
        "<str:tracking_code>/thao-tac/<slug:action>/",
        views.CaseActionView.as_view(),
        name="action",
    ),
    path(
        "<str:tracking_code>/tep/<int:pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    # Documents of the case (complaints/documents, issue 10).
    path("<str:tracking_code>/van-ban/", documents.CaseDocumentsView.as_view(), name="documents"),
    path(
        "<str:tracking_code>/van-ban/<int:pk>/",
        documents.DocumentView.as_view(),
        name="document",
    ),
    path(
        "<str:tracking_code>/van-ban/<int:pk>/<slug:fmt>/",
        documents.DocumentFileView.as_view(),
        name="document_file",
    ),
]
