"""WebSocket routes of every app, wired in one place."""

from complaints.ws_routing import websocket_urlpatterns as complaints_ws

websocket_urlpatterns: list = [*complaints_ws]
