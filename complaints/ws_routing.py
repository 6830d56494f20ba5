"""WebSocket routes of the complaints app (wired in `portal/routing.py`).

Each route carries the middleware its consumer needs, no more: a citizen's page reads its
cookies (the language) and nothing of a session, so it goes without Channels' session and
authentication middleware, which wrap every message a page receives (measured per message by
`bench/live.py`: thousands of followers of one case); a staff dashboard needs the logged-in
user."""

from channels.auth import AuthMiddlewareStack
from channels.sessions import CookieMiddleware
from django.urls import re_path

from complaints.consumers import DashboardConsumer, SubmissionConsumer

# With or without the trailing slash (a client that drops it is not refused).
websocket_urlpatterns = [
    re_path(
        r"^ws/submissions/(?P<tracking_code>[^/]+)/?$",
        CookieMiddleware(SubmissionConsumer.as_asgi()),
    ),
    re_path(r"^ws/dashboard/?$", AuthMiddlewareStack(DashboardConsumer.as_asgi())),
]
