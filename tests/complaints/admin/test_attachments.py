"""Citizens' attachments: streamed from private storage to staff in scope only."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from complaints.models import Attachment, IdentityAccessLog
from tests.factories import CaseFactory, FacilityFactory, inspectorate

from .helpers import handler_user, inspector_user, intake_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(case, name="bien-ban.pdf") -> Attachment:
    return Attachment.objects.create(
        case=case,
        file=ContentFile(PDF, name="scan.pdf"),
        original_name=name,
        content_type="application/pdf",
        size=len(PDF),
        sha256=hashlib.sha256(PDF).hexdigest(),
    )


def url(attachment) -> str:
    return reverse(
        "complaints_admin:attachment", args=[attachment.case.tracking_code, attachment.pk]
    )


def test_staff_in_scope_download_the_file_as_an_attachment(client):
    attachment = attach(CaseFactory())
    client.force_login(intake_user())
    response = client.get(url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    # A generated name with the sniffed extension, never the citizen's own name.
    generated = f"{attachment.case.tracking_code}-tep-{attachment.pk}.pdf"
    assert generated in response["Content-Disposition"]
    assert "bien-ban" not in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_file_lives_outside_the_public_media(client):
    attachment = attach(CaseFactory())
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    # Nothing under /media/ serves it.
    assert client.get(f"{settings.MEDIA_URL}{attachment.file.name}").status_code == 404


def test_the_case_page_links_the_download_view(client):
    attachment = attach(CaseFactory())
    client.force_login(intake_user())
    html = client.get(
        reverse("complaints_admin:detail", args=[attachment.case.tracking_code])
    ).content.decode()
    assert f'href="{url(attachment)}"' in html


def test_outside_the_scope_is_404_and_anonymous_goes_to_login(client):
    attachment = attach(CaseFactory(assigned_unit=FacilityFactory()))
    assert "/admin/login/" in client.get(url(attachment))["Location"]
    client.force_login(handler_user(FacilityFactory()))
    assert client.get(url(attachment)).status_code == 404


def test_an_attachment_of_another_case_is_404(client):
    mine = CaseFactory()
    other = attach(CaseFactory())
    client.force_login(intake_user())
    wrong = reverse("complaints_admin:attachment", args=[mine.tracking_code, other.pk])
    assert client.get(wrong).status_code == 404


def test_a_denunciations_files_follow_the_identity_rule_and_are_logged(client):
    inspector = inspector_user()
    attachment = attach(
        CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=inspector),
        name="don-to-cao-viet-tay.pdf",
    )
    client.force_login(intake_user())
    assert client.get(url(attachment)).status_code == 404
    page = client.get(reverse("complaints_admin:detail", args=[attachment.case.tracking_code]))
    assert "don-to-cao-viet-tay.pdf" not in page.content.decode()

    client.force_login(inspector)
    response = client.get(url(attachment))
    assert response.status_code == 200
    assert IdentityAccessLog.objects.filter(case=attachment.case, user=inspector).count() == 1
