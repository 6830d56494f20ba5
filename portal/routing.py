"""WebSocket routes of every app, wired in one place."""

websocket_urlpatterns: list = []
