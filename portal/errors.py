"""The 500 page: rendered without the request's context processors or the database (either
may be what failed), but naming the Sở and its hotline from the settings as every other page
does (`portal.province`, `PORTAL_HOTLINE`). The page of a refused query string."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
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


def bad_query(request, message: str):
    """A query string no page can read (`QueryGuardMiddleware`): the site's page with the
    reason, a search box and the ways back, 400. Rendered before the session's user is
    known; nothing on it needs one."""
    return render(request, "400_query.html", {"message": message}, status=400)
