"""WebSocket routes of every app, wired in one place."""

from complaints.routing import websocket_urlpatterns as complaints_ws

websocket_urlpatterns: list = [*complaints_ws]
