"""WebSocket routes of the complaints app (wired in `portal/routing.py`)."""

from django.urls import path

from complaints.consumers import DashboardConsumer, SubmissionConsumer

websocket_urlpatterns = [
    path("ws/submissions/<str:tracking_code>/", SubmissionConsumer.as_asgi()),
    path("ws/dashboard/", DashboardConsumer.as_asgi()),
]
