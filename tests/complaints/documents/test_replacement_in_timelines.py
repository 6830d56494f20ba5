"""A document issued to replace the first of its form (`document_issue(replaces=…)`) is
named in the timelines: the staff's says which document replaced which and why; the
citizen's says it only when the replaced document was one the citizen was sent and shown
(`owed_to_citizen`), by their numbers, never the officer's reason."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone, translation

from complaints.documents.models import Document
from complaints.documents.services import document_draft, document_issue
from complaints.documents.tasks import document_send_to_citizen
from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.history import case_timeline
from complaints.selectors.tracking import case_public_view, public_event
from tests.complaints.workflow.helpers import case_in

from .helpers import director, leader, province, step_taken

pytestmark = pytest.mark.django_db

REASON = "Sai ngày nhận đơn."


def _issue_twice(case, code, actor, *, second_owed=None):
    first = document_issue(
        document_id=document_draft(case_id=case.pk, template_code=code, actor=actor,
                                   origin="test").pk,
        actor=actor, origin="test",
        signed_confirmed=True,
    )
    second = document_draft(case_id=case.pk, template_code=code, actor=actor, origin="test")
    if second_owed is not None:
        Document.objects.filter(pk=second.pk).update(owed_to_citizen=second_owed)
    second = document_issue(document_id=second.pk, actor=actor, origin="test",
                            replaces=first.pk, replacement_reason=REASON, signed_confirmed=True)
    return first, second


def _staff_detail(case, user):
    return [e for e in case_timeline(case=case, user=user) if e.action == "document_issued"]


def test_a_citizens_document_replaced_is_named_in_both_timelines():
    _department, hospital = province()
    boss = director(hospital, username="giamdoc2")
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    first, second = _issue_twice(case, "kn_thong_bao_thu_ly", boss)
    lines = [e.message for e in case_public_view(case=case).timeline
             if e.action == "document_issued"]
    assert len(lines) == 2
    assert lines[1].startswith(
        f"Đã ban hành thông báo số {second.symbol} thay thế văn bản số {first.symbol}: "
    )
    assert REASON not in " ".join(lines)  # the officer's reason stays inside
    staff = _staff_detail(case, boss)
    assert (f"Văn bản số {second.symbol} thay thế văn bản số {first.symbol}. "
            f"Lý do thay thế: {REASON}") in staff[-1].detail
    assert first.symbol not in staff[0].detail
    with translation.override("en"):  # written again in the reader's language
        event = case.events.filter(action="document_issued").last()
        assert not public_event(event, kind=case.kind).recorded


def test_a_document_the_citizen_never_had_is_replaced_on_the_staffs_timeline_only():
    _department, hospital = province()
    boss = leader()
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    first, second = _issue_twice(case, "tc_thong_bao_thu_ly_nguoi_bi_to_cao", boss)
    shown = " ".join(e.message for e in case_public_view(case=case).timeline)
    assert first.symbol not in shown and second.symbol not in shown
    assert (f"Văn bản số {second.symbol} thay thế văn bản số {first.symbol}. "
            f"Lý do thay thế: {REASON}") in _staff_detail(case, boss)[-1].detail


def test_a_citizens_document_replaced_by_one_not_theirs_is_still_told_to_them():
    _department, hospital = province()
    boss = director(hospital, username="giamdoc2")
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    first, second = _issue_twice(case, "kn_thong_bao_thu_ly", boss, second_owed=False)
    lines = [e.message for e in case_public_view(case=case).timeline
             if e.action == "document_issued"]
    assert lines[-1] == (
        f"Văn bản số {first.symbol} đã được thay thế bằng văn bản số {second.symbol}."
    )


def test_the_mail_sending_a_replacing_document_says_which_one_it_replaces(
    django_capture_on_commit_callbacks,
):
    _department, hospital = province()
    boss = director(hospital, username="giamdoc2")
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first, second = _issue_twice(case, "kn_thong_bao_thu_ly", boss)
    sent = {m.subject: m.body for m in mail.outbox if case.reporter.email in m.to}
    [first_mail] = [body for subject, body in sent.items() if first.symbol in subject]
    [second_mail] = [body for subject, body in sent.items() if second.symbol in subject]
    issued_on = timezone.localtime(first.issued_at).strftime("%d/%m/%Y")
    assert (f"Văn bản này thay thế văn bản số {first.symbol} ngày {issued_on}."
            in second_mail)
    assert "thay thế" not in first_mail
    assert REASON not in second_mail  # the officer's reason stays inside
    # An English reader is told it too, the document itself staying Vietnamese.
    mail.outbox.clear()
    Document.objects.filter(pk=second.pk).update(sent_to_citizen_at=None)
    type(case.reporter).objects.filter(pk=case.reporter.pk).update(language="en")
    document_send_to_citizen.call(second.pk)
    [english] = mail.outbox
    assert f"This document replaces document no. {first.symbol} of {issued_on}." in english.body
