"""An issued document is named to a reader of another language by what it is for ("notice of
acceptance of your complaint"), beside its Vietnamese type, number and title: in its e-mail's
subject and text, in "Documents sent to you" and on the timeline (walk-english F7). The
English words are the lead's compiled catalogue (locale/en), given with the change."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, Reporter
from complaints.rules.document_purposes import document_purpose
from complaints.rules.documents import FORMS
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import DEFAULT_PIN

from .helpers import director, province

pytestmark = pytest.mark.django_db

PURPOSE = "notice of acceptance of your complaint"


def test_every_document_owed_to_the_citizen_has_a_purpose():
    for form in FORMS:
        if form.owed_to_citizen:
            for kind in form.kinds:
                assert document_purpose(form.document_type, form.action, kind), form.code


def test_an_english_reader_is_told_what_the_notice_is_for(django_capture_on_commit_callbacks):
    _department, hospital = province()
    boss = director(hospital)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    Reporter.objects.filter(case=case).update(language="en")
    draft = document_draft(
        case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss, origin="test"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            case_id=case.pk,
            action="accept",
            actor=boss,
            data={},
            origin="test",
            document_id=draft.pk,
            signed_confirmed=True,
        )
    draft.refresh_from_db()
    event = CaseEvent.objects.get(case=case, action="document_issued")
    assert event.data["step"] == "accept"

    [sent] = [m for m in mail.outbox if draft.symbol in m.subject]
    assert sent.subject.endswith(f"Notice of acceptance of your complaint (no. {draft.symbol})")
    assert f"has issued the {PURPOSE}, document no. {draft.symbol}" in sent.body

    client = Client()
    client.cookies["django_language"] = "en"
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert "<strong>Notice of acceptance of your complaint</strong>: <a " in html
    assert f"Issued {PURPOSE} no. {draft.symbol}" in html
    # The Vietnamese reader's words are unchanged.
    with translation.override("vi"):
        assert document_purpose("thong_bao", "accept", "khieu_nai").startswith("thông báo")
