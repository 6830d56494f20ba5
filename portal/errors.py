"""The 500 page: rendered without the request's context processors or the database (either
may be what failed), but naming the Sở and its hotline from the settings as every other page
does (`portal.province`, `PORTAL_HOTLINE`)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from portal.province import department_name


@requires_csrf_token
def server_error(request, template_name: str = "500.html"):
    template = loader.get_template(template_name)
    context = {
        "PORTAL_DEPARTMENT": department_name(),
        "PORTAL_HOTLINE": getattr(settings, "PORTAL_HOTLINE", ""),
    }
    return HttpResponseServerError(template.render(context))
