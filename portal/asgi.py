"""One ASGI process for HTTP and WebSocket (daphne)."""

import os

from django.core.asgi import get_asgi_application

# The servers' entry points: production unless told otherwise, so a unit that forgot the
# variable refuses to start ("SECRET_KEY chưa được đặt …") rather than serving with DEBUG on.
# `make run` and manage.py name the development settings themselves.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from portal.body_limit import AsgiBodyLimit  # noqa: E402
from portal.middleware import AsgiAdmissionControl  # noqa: E402
from portal.routing import websocket_urlpatterns  # noqa: E402
from portal.warmup import warm_up  # noqa: E402

warm_up()  # before the first request, not during it (portal/warmup.py)

application = ProtocolTypeRouter(
    {
        # A body too large refused first (portal/body_limit.py), then admission control
        # before Django (portal/middleware.py, docs/reliability.md).
        "http": AsgiBodyLimit(AsgiAdmissionControl(django_asgi_app)),
        # Sessions and the user per route, where a consumer needs them (complaints/ws_routing.py).
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
