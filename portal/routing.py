"""WebSocket routes of every app, wired in one place."""

from channels.security.websocket import WebsocketDenier
from django.urls import re_path

from complaints.ws_routing import websocket_urlpatterns as complaints_ws

# Any other path is refused at the handshake, as a 404 would be (without it Channels'
# router raises "No route found": a 500 and a traceback in the log).
websocket_urlpatterns: list = [*complaints_ws, re_path(r"", WebsocketDenier.as_asgi())]
