"""The portal's own admin pages carry no inline script: the case list's live updates and the
documents page's template switch are static files with their parameters in data attributes
(complaints/static/complaints/admin/), so they would run under `script-src 'self'`. The
admin's policy still allows inline scripts for Wagtail's own widgets (choosers, date pickers,
inline panels: README, "Reliability and confidentiality"); the public pages never."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.documents.helpers import handler, province
from tests.complaints.workflow.helpers import case_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OWN_ADMIN_TEMPLATES = [
    ROOT / "complaints/templates/complaints/admin",
    ROOT / "complaints/templates/complaints/documents/admin",
    ROOT / "complaints/templates/complaints/reports",
]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
SCRIPT_BODY = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def inline_scripts(html: str) -> list[str]:
    """The <script> tags that run their own text: no src, not a JSON data block."""
    return [
        attrs for attrs in SCRIPT.findall(html)
        if "src=" not in attrs and "application/json" not in attrs
    ]


@pytest.mark.parametrize("folder", OWN_ADMIN_TEMPLATES, ids=lambda p: p.name)
def test_the_portals_own_admin_templates_have_no_inline_script(folder):
    found = {
        str(path.relative_to(ROOT)): inline_scripts(path.read_text())
        for path in folder.rglob("*.html")
    }
    assert {path: tags for path, tags in found.items() if tags} == {}


def test_the_case_list_and_documents_page_render_without_inline_scripts(client):
    _department, hospital = province()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(handler(hospital))

    listing = client.get(reverse("complaints_admin:index")).content.decode()
    assert 'src="/static/complaints/admin/live.js"' in listing
    assert 'data-live-one="Có hồ sơ mới hoặc thay đổi trong phạm vi của bạn."' in listing
    assert "data-live-many=\"Có %(count)s hồ sơ mới" in listing
    assert "new WebSocket" not in listing

    documents = client.get(reverse("complaints_admin:documents", args=[case.tracking_code]))
    page = documents.content.decode()
    assert 'src="/static/complaints/admin/document_draft.js"' in page
    # Whatever Wagtail's own widgets write inline, the page's own code is not among it.
    bodies = [body for attrs, body in SCRIPT_BODY.findall(page) if "src=" not in attrs]
    assert not [body for body in bodies if "doc-draft" in body or "/ws/dashboard/" in body]


def test_the_content_security_policy_of_the_admin_and_of_the_public_pages(client):
    public = client.get("/gui-phan-anh/")["Content-Security-Policy"]
    assert "script-src 'self';" in public + ";" and "unsafe-inline' " not in public.split(
        "script-src", 1)[1].split(";", 1)[0]
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in admin.split(";") if part.strip())
    # Inline scripts only for Wagtail's own widgets; no eval, no other origin.
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert settings.PORTAL_CSP_ADMIN["DIRECTIVES"]["script-src"] == ["'self'", "'unsafe-inline'"]
