import os

from django.core.wsgi import get_wsgi_application

# The servers' entry points: production unless told otherwise, so a unit that forgot the
# variable refuses to start ("SECRET_KEY chưa được đặt …") rather than serving with DEBUG on.
# `make run` and manage.py name the development settings themselves.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()

from portal.warmup import warm_up  # noqa: E402

warm_up()  # before the first request, not during it (portal/warmup.py)
