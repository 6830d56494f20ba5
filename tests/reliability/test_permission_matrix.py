"""The permission matrix, generated from the URL configuration, and the denouncer probe.

Every URL the resolver knows (`get_resolver()`, so a URL another branch adds is in it)
is requested as anonymous and as every demo account; each answer must match the
table `EXPECTED` for its URL name. A URL whose name is in no row fails the suite with
its name: a new endpoint is added to the table on purpose, with the scope it checks.

The same pass is the denouncer probe: a denunciation is filed through the public API
with unique strings in every identity field and an attachment; no response to any
role, no e-mail to staff, no channel-layer event, no log line, no search result and no
export may contain one of them, except the case page and the API detail for the one
demo account that supervises the case (the leader, Luật TC Art 56), and the
acknowledgement e-mail sent to the denouncer's own address.
"""

from __future__ import annotations

import asyncio
import fnmatch
import io
import json
import logging
import re

import pytest
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from complaints.broadcasts import group_province
from complaints.models import Attachment, Case, CaseEvent
from tests.complaints.intake_factories import api_body, pdf_bytes, upload

pytestmark = pytest.mark.django_db(transaction=False)

ROLES = ["anonymous", "admin", "inspector", "intake", "facility", "leader", "press",
         "press_head"]
STAFF = [r for r in ROLES if r != "anonymous"]
# Who has the denunciation in scope (it is about a hospital outside the facility
# handler's centre, and not a press report).
IN_SCOPE = {"admin", "inspector", "intake", "leader"}

# The probe: unique strings in every identity field of the denouncer.
PROBE = {
    "name": "Trịnh Probe Quỳnh Xyzzy",
    "phone": "0987 654 3219",
    "email": "probe.xyzzy.7f3a@example.vn",
    "address": "Số 77 ngõ Xyzzy, phường Probe",
    "id_number": "079188123457",
}
NEEDLES = [PROBE["name"], "Xyzzy", "0987 654 3219", "0987654321", "probe.xyzzy.7f3a",
           "079188123457"]
# Where the supervising leader may read the identity (each view logged).
IDENTITY_SHOWN_TO = {("leader", "complaints_admin:detail"), ("leader", "api:case_detail")}


def _status(*codes):
    return frozenset(codes)


OK = _status(200)
NOT_FOUND = _status(404)
LOGIN = _status(302)  # to the admin's sign-in page
PUBLIC = dict.fromkeys(ROLES, OK)
ADMIN_ONLY = {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(200, 302, 403, 404))}


def _staff(in_scope=OK, out_of_scope=NOT_FOUND, anonymous=LOGIN):
    return {
        "anonymous": anonymous,
        **{role: in_scope if role in IN_SCOPE else out_of_scope for role in STAFF},
    }


def _everyone(codes):
    return dict.fromkeys(ROLES, frozenset(codes))


# URL name (fnmatch pattern, first match wins) -> role -> statuses allowed.
EXPECTED: list[tuple[str, dict]] = [
    # Public pages and feeds.
    ("complaints:submit", PUBLIC),
    ("complaints:track_lookup", PUBLIC),
    ("complaints:facility_search", PUBLIC),
    ("search:page", PUBLIC),
    ("search:api", PUBLIC),
    ("sitemap", PUBLIC),
    ("too_large", _everyone({413})),  # the 413 page nginx shows (portal/body_limit.py)
    ("cms:news_feed", PUBLIC),
    ("cms:directive_feed", PUBLIC),
    ("cms:press_feed", PUBLIC),
    ("cms:story_feed", PUBLIC),
    ("wagtail_serve", _everyone({200, 404})),
    # A CMS image's rendition, public like the pages that show it (MEDIA_ROOT/images only:
    # no original, document or citizen's attachment is reachable there, tests/portal/test_media.py).
    ("media_image", _everyone({200, 404})),
    ("set_language", _everyone({302})),
    # A citizen's case: only with the code and PIN (none sent here) or the receipt
    # kept in the citizen's own session.
    ("complaints:receipt", _everyone({302, 404})),
    ("complaints:track_detail", _everyone({200, 302, 404})),
    ("complaints:rate", _everyone({302, 404, 405})),
    ("api:submissions", _everyone({405})),
    ("api:submission_detail", _everyone({400})),
    # The citizen's answer, the re-sent PIN, the printable files: code and PIN (or the
    # filing session) first; the re-send page answers alike for any code.
    ("api:submission_reply", _everyone({400, 404, 405})),
    ("complaints:reply", _everyone({302, 403, 404, 405})),
    # Stopping the case's notices: a POST with the case opened by its PIN (GET: 405).
    ("complaints:stop_notices", _everyone({302, 403, 404, 405})),
    # Closing a case on this device: a POST that only empties the session (GET: 405).
    ("complaints:forget", _everyone({405})),
    ("complaints:pin_resend", PUBLIC),
    ("complaints:receipt_pdf", _everyone({302, 403, 404})),
    ("complaints:case_file_pdf", _everyone({302, 403, 404})),
    ("complaints:document_pdf", _everyone({302, 403, 404})),
    # The staff API: a token or a session; the case only within the scope.
    ("api:cases", {"anonymous": _status(401), **dict.fromkeys(STAFF, OK)}),
    ("api:case_detail", _staff(out_of_scope=_status(404), anonymous=_status(401))),
    # django-ninja answers a wrong method (GET here) before authenticating: 405 alike
    # for everyone, nothing read.
    ("api:case_action", {"anonymous": _status(401, 405), **dict.fromkeys(STAFF, _status(405))}),
    # Drafts for approval: the queue within the user's units; a draft only in scope.
    ("api:drafts", {"anonymous": _status(401), **dict.fromkeys(STAFF, _status(200, 403))}),
    ("api:draft_propose", {"anonymous": _status(401, 405),
                                 **dict.fromkeys(STAFF, _status(403, 404, 405))}),
    ("api:draft_detail", {"anonymous": _status(401),
                                **dict.fromkeys(STAFF, _status(403, 404))}),
    ("api:draft_decide", {"anonymous": _status(401, 405),
                                **dict.fromkeys(STAFF, _status(403, 404, 405))}),
    # The API's schema and browsable docs are public (issue 15); the API root is nothing.
    ("api:openapi-json", PUBLIC),
    ("api:openapi-view", PUBLIC),
    ("api:api-root", _everyone({404})),
    # A partner's own submissions: only with the partner's key (none sent here).
    ("api:partner_submission*", _everyone({401})),
    # The facility codes a submission names: public reference data (interop finding 7).
    ("api:facilities", PUBLIC),
    # Open311 GeoReport v2: public reads of public data; a request only by its code.
    ("open311:discovery", PUBLIC),
    ("open311:services", PUBLIC),
    ("open311:service", _everyone({200, 404})),
    ("open311:requests", PUBLIC),
    ("open311:request", _everyone({200, 404})),
    ("open311:token", _everyone({404})),
    # Partners, their keys, call log, webhooks and the national export: admin pages
    # (Wagtail checks the model permissions).
    # Resending a failed webhook notice: a POST (GET: 405), for who manages partners.
    ("partner_webhooks:resend", {"anonymous": LOGIN,
                                 **dict.fromkeys(STAFF, _status(302, 403, 404, 405))}),
    ("partner*:*", ADMIN_ONLY),
    ("national_exports:*", ADMIN_ONLY),
    # The report of failed background tasks: superusers and the task table's viewers.
    ("portal_failed_tasks*", ADMIN_ONLY),
    # Health probes for nginx and a monitor: anyone, no session; ready or not (503).
    ("healthz", _everyone({200})),
    ("readyz", _everyone({200, 503})),
    # The background queue, for a monitor: 503 while a task waits too long (no session).
    ("healthz_queue", _everyone({200, 503})),
    # The case workspace.
    ("complaints_admin:index", _staff(out_of_scope=OK)),
    ("complaints_admin:export", _staff(out_of_scope=OK)),
    ("complaints_admin:detail", _staff()),
    # The dashboard and the periodic report count only the cases in the user's scope.
    ("complaints_admin:dashboard", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(200, 302))}),
    ("complaints_admin:report", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(200, 302))}),
    # A case's documents: the case in scope; a document of another case is not found.
    ("complaints_admin:documents", _staff(out_of_scope=_status(302, 404))),
    ("complaints_admin:document", _staff(in_scope=_status(404), out_of_scope=_status(302, 404))),
    ("complaints_admin:document_file", _staff(in_scope=_status(404),
                                              out_of_scope=_status(302, 404))),
    # Approvals: the queue of the leader's units; a draft only within scope.
    ("approvals_admin:*", {"anonymous": LOGIN,
                           **dict.fromkeys(STAFF, _status(200, 302, 403, 404, 405))}),
    # Who a unit notifies, the press review's stand-in approver: administrators and leaders.
    ("unit_notifications*", ADMIN_ONLY),
    ("nguoi_duyet_thay:*", ADMIN_ONLY),
    # A denunciation's files follow the identity rule: only the supervising leader.
    ("complaints_admin:attachment", {**_staff(in_scope=NOT_FOUND), "leader": OK}),
    ("complaints_admin:add_note", _staff(in_scope=_status(302, 405), out_of_scope=_status(
        302, 404, 405))),
    # 409: the law closes the step now (an online tố cáo is not accepted unsigned).
    ("complaints_admin:action", _staff(in_scope=_status(200, 302, 403, 404, 409),
                                       out_of_scope=_status(403, 404))),
    ("complaints_admin:bulk_assign", {"anonymous": LOGIN,
                                      **dict.fromkeys(STAFF, _status(302, 403, 405))}),
    ("complaints_admin:staff_intake", ADMIN_ONLY),
    ("complaints_admin:press_report", ADMIN_ONLY),
    ("complaints_identity_log:*", ADMIN_ONLY),
    # The press list's old English paths (presswalk F9): moved to the Vietnamese ones.
    ("cms_press_old_*", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(301))}),
    ("cms_press_*", ADMIN_ONLY),
    ("reference_*", ADMIN_ONLY),
    ("complaints_facility_chooser:*", ADMIN_ONLY),
    ("complaints_category_chooser:*", ADMIN_ONLY),
    # Two-factor sign-in (portal/twofactor): each user's own pages; the code page sends a
    # verified session on; only an administrator resets another user's devices (others
    # are sent back to the dashboard by Wagtail).
    ("twofactor_manage", {"anonymous": LOGIN, **dict.fromkeys(STAFF, OK)}),
    ("twofactor_setup", {"anonymous": LOGIN, **dict.fromkeys(STAFF, OK)}),
    ("twofactor_verify", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(302))}),
    ("twofactor_backup_codes", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(405))}),
    ("twofactor_disable", {"anonymous": LOGIN, **dict.fromkeys(STAFF, _status(405))}),
    ("twofactor_reset", {"anonymous": LOGIN, "admin": OK,
                         **{role: _status(302, 403) for role in STAFF if role != "admin"}}),
    # Wagtail's page that raises on purpose to show its error page (superusers only).
    ("wagtailadmin_error_test", {"anonymous": LOGIN,
                                 **dict.fromkeys(STAFF, _status(302, 403, 404, 500))}),
    # Wagtail's own admin: its sign-in and password-reset pages are public, the rest
    # needs a session (Wagtail checks its own permissions beyond that).
    ("wagtailadmin_login", _everyone({200, 302})),
    # Static pieces of the admin's pages (an icon sprite, the translation catalogue).
    ("wagtailadmin_sprite", _everyone({200})),
    ("wagtailadmin_javascript_catalog", _everyone({200})),
    # The sign-in form of a password-protected public page.
    ("wagtailcore_*", _everyone({200, 302, 404, 405})),
    ("wagtailadmin_password_reset*", _everyone({200, 302, 404})),
    ("wagtailadmin_logout", _everyone({200, 302, 405})),
    ("wagtailadmin_api:*", {"anonymous": _status(302, 401, 403, 404),
                            **dict.fromkeys(STAFF, _status(200, 302, 400, 403, 404, 405))}),
    ("wagtail*", {"anonymous": _status(302, 404, 405),
                  **dict.fromkeys(STAFF, _status(200, 302, 400, 403, 404, 405))}),
    ("wagtailcore:*", _everyone({200, 302, 403, 404})),
    # Unnamed catch-alls (Wagtail's admin 404 and page serving).
    ("", {"anonymous": _status(301, 302, 404),
          **dict.fromkeys(STAFF, _status(200, 301, 302, 404))}),
]
# Roles that Wagtail's own admin URLs are requested as (the project's own URLs are
# requested as every role): anonymous must never get in.
WAGTAIL_ROLES = ["anonymous"]


def expected_for(name: str) -> dict:
    for pattern, table in EXPECTED:
        if fnmatch.fnmatchcase(name, pattern):
            return table
    raise AssertionError(
        f"URL {name!r} has no row in EXPECTED (tests/reliability/test_permission_matrix.py): "
        "add one saying who may reach it and which scope it checks"
    )


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def concrete(route: str, values: dict) -> str | None:
    """The route with its parameters filled in from `values` (None when it is a regex
    that cannot be filled)."""
    if route.startswith("^") or "(?P" in route or "\\" in route:
        route = route.lstrip("^").rstrip("$")
        if any(ch in route for ch in "()[]*+?\\"):
            return None
    path = _PARAM.sub(lambda m: str(values.get(m["name"], values["_default"][m["converter"]
                                                                          or "str"])), route)
    return "/" + path


@pytest.fixture
def demo_portal(django_capture_on_commit_callbacks):
    call_command("load_demo_data", stdout=io.StringIO())
    layer = get_channel_layer()
    # One event loop for the listening channel: the pub/sub layer (Redis) subscribes per loop,
    # so a channel opened in one `async_to_sync` call would be gone in the next.
    loop = asyncio.new_event_loop()
    channel = loop.run_until_complete(layer.new_channel())
    loop.run_until_complete(layer.group_add(group_province(), channel))
    mail.outbox.clear()
    body = api_body("to_cao", facility="BV-DKT-QNG")
    body["reporter"] = dict(PROBE)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/submissions",
            data={"data": json.dumps(body), "attachments": [upload("don.pdf", pdf_bytes())]},
            REMOTE_ADDR="192.0.2.77",
        )
    assert response.status_code == 201, response.content
    case = Case.objects.get(tracking_code=response.json()["tracking_code"])
    # What the channel layer carried to the staff dashboards (read now: the in-memory
    # layer forgets a message after a minute).
    try:
        received = loop.run_until_complete(_receive(layer, channel))
    finally:
        loop.close()
    return case, received


async def _receive(layer, channel):
    return await asyncio.wait_for(layer.receive(channel), 10)


def _clients():
    clients = {"anonymous": Client(raise_request_exception=False)}
    users = get_user_model().objects
    for role in STAFF:
        client = Client(raise_request_exception=False)
        client.force_login(users.get(username=role))
        clients[role] = client
    return clients


def test_every_url_as_every_role_and_the_denouncer_is_never_revealed(demo_portal, caplog):
    case, received = demo_portal
    caplog.set_level(logging.DEBUG)
    attachment = Attachment.objects.get(case=case)
    values = {
        "tracking_code": case.tracking_code,
        "action": "accept",
        "pk": attachment.pk,
        "service_request_id": case.tracking_code,  # Open311: the public view of the case
        "draft_id": 1,  # no such draft: the route's int, as the old <int:draft_id>
        # A real staff user (ids differ between databases: PostgreSQL's sequences go on).
        "user_id": get_user_model().objects.get(username="inspector").pk,
        "_default": {"int": 1, "str": "x", "slug": "x", "path": "x", "fmt": "json", "uuid":
                     "00000000-0000-0000-0000-000000000000"},
    }
    clients = _clients()
    failures, leaks, seen = [], [], 0
    for route, name in _walk(get_resolver()):
        table = expected_for(name)
        path = concrete(route, values)
        if path is None:
            continue
        roles = WAGTAIL_ROLES if name.startswith("wagtail") or name == "" else ROLES
        # The search API with the denouncer's name (an API answer does not echo its query);
        # the search page, which does, with the case's own words.
        extra = {}
        if name == "search:api":
            extra = {"q": PROBE["name"]}
        elif name == "search:page":
            extra = {"q": case.title}
        if name == "complaints_admin:detail":
            extra = {"danh_tinh": "1"}
        for role in roles:
            response = clients[role].get(path, extra)
            seen += 1
            if "logout" in name and role != "anonymous":  # signed out: sign in again
                clients[role].force_login(get_user_model().objects.get(username=role))
            if response.status_code not in table[role]:
                failures.append(f"{role:<10} GET {path} ({name}): {response.status_code}, "
                                f"expected {sorted(table[role])}")
            content = b"".join(response.streaming_content) if response.streaming else (
                response.content)
            text = content.decode("utf-8", "replace")
            found = [n for n in NEEDLES if n in text]
            if found and (role, name) not in IDENTITY_SHOWN_TO:
                leaks.append(f"{role} GET {path} ({name}) shows {found}")
    assert seen > 200
    assert not failures, "\n".join(failures)
    assert not leaks, "\n".join(leaks)

    # The supervising leader does see it, and the view is logged.
    shown = clients["leader"].get(f"/admin/ho-so/{case.tracking_code}/?danh_tinh=1")
    assert PROBE["name"] in shown.content.decode()
    assert case.identity_views.filter(user__username="leader").exists()

    # E-mails: only the acknowledgement to the denouncer's own address names them.
    for message in mail.outbox:
        text = message.subject + message.body + "".join(
            str(alt[0]) for alt in getattr(message, "alternatives", []))
        if message.to != [PROBE["email"]]:
            assert not [n for n in NEEDLES if n in text], (message.to, message.subject)
    # Events: the timeline's rows and what the channel layer carried.
    for event in CaseEvent.objects.filter(case=case):
        blob = json.dumps(event.data, ensure_ascii=False) + event.public_message + event.note
        assert not [n for n in NEEDLES if n in blob]
    assert received["payload"]["tracking_code"] == case.tracking_code
    assert not [n for n in NEEDLES if n in json.dumps(received, ensure_ascii=False)]
    # Log lines.
    assert not [n for n in NEEDLES if n in caplog.text]
    # The search index (pages only: nothing of the cases).
    results = Client().get("/api/v1/search", {"q": "Xyzzy"}).json()
    assert results["count"] == 0
