"""The decision extending a complaint's verification period, Mẫu số 04A-KN (khoản 3 Điều 7
Thông tư 07/2013/TT-TTCP): drafted on the case page with the step's days and reason, issued
with the step by the competent leader, it prints the old end, the days added, the new end
and the reason; internal (verification stays internal); an installed portal gets it at the
next migrate."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document, DocumentTemplate
from complaints.documents.services import (
    SYNC_REASON,
    document_draft,
    templates_for,
    templates_sync,
    templates_sync_after_migrate,
)
from complaints.documents.template_language import unknown_variables
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.rules.documents import form_for
from complaints.services.verification import verification_end
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read, resolve_row, resolver_writes

pytestmark = pytest.mark.django_db

CODE = "kn_quyet_dinh_gia_han_xac_minh"


def _today():
    return timezone.localdate()


def _resolve_by():
    return _today() + datetime.timedelta(days=40)


REASON = "Chờ kết quả giám định hồ sơ bệnh án của Bệnh viện tuyến trên"


@pytest.fixture
def hospital():
    return province()[1]


def _verifying(hospital, kind=CaseKind.KHIEU_NAI):
    verifier = UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                           facility=hospital)
    return resolve_row(case_in(
        kind, CaseStatus.VERIFYING, facility=hospital, assigned_user=verifier,
        resolve_by=_resolve_by(), verification_days=15,
        verification_until=_today() + datetime.timedelta(days=2),
        decision_complained="Quyết định thu viện phí số 12/QĐ-BV",
    ))


def test_the_form_serves_the_complaints_extension_only(hospital):
    templates_sync()
    complaint = _verifying(hospital)
    assert {t.code for t in templates_for(case=complaint, action="extend_verification")} == {CODE}
    denunciation = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital)
    assert templates_for(case=denunciation, action="extend_verification") == []
    form = form_for(CODE)
    assert form.document_type == "quyet_dinh" and form.action == "extend_verification"
    assert "Mẫu số 04A-KN" in form.form_ref and "Mẫu số 04A-KN" in form.title
    assert "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP" in form.legal_basis
    assert form.audience == "facility" and not form.owed_to_citizen  # internal
    assert form.reconstructed  # the law copy names the form only
    assert not unknown_variables(form.body)
    for variable in ("{{ verifier.previous_until }}", "{{ verifier.extension_days }}",
                     "{{ verifier.until }}", "{{ step.reason"):
        assert variable in form.body


def test_drafted_and_issued_with_the_step_it_prints_both_ends_days_and_reason(client, hospital):
    boss = leader()
    case = _verifying(hospital)
    old_until = case.verification_until
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    page = client.get(documents).content.decode()
    assert "Số ngày gia hạn thời gian xác minh" in page
    drafted = client.post(documents, {"template": CODE,
                                      "extend_verification-verification_extra_days": "6",
                                      "extend_verification-reason": REASON})
    assert drafted.status_code == 302, drafted.content.decode()[:2000]
    draft = Document.objects.get(case=case, template__code=CODE)
    assert f"Xét lý do gia hạn: {REASON}" in draft.body
    assert "«Số ngày gia hạn xác minh» ngày" in draft.body  # filled at issue
    # The verification decision was not issued in the portal: its number is the officer's.
    assert "Căn cứ Quyết định … của" in draft.body
    draft = resolver_writes(draft, boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    assert "Phê duyệt bước “Gia hạn thời gian xác minh” và ban hành" in (
        client.get(url).content.decode())
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version})
    assert issued.status_code == 302, issued.content.decode()[:2000]
    draft.refresh_from_db()
    case.refresh_from_db()
    new_until = verification_end(old_until, 6)
    assert draft.is_issued and not draft.owed_to_citizen
    assert (case.verification_days, case.verification_until) == (21, new_until)
    assert "«" not in draft.body
    assert f"thời hạn xác minh đến hết ngày {old_until:%d/%m/%Y} mà chưa thực hiện xong" in (
        draft.body)
    assert (f"Thời gian gia hạn: 6 ngày; thời hạn xác minh đến hết ngày {new_until:%d/%m/%Y}, "
            f"không quá hạn giải quyết khiếu nại ngày {_resolve_by():%d/%m/%Y}") in draft.body
    text = pdf_text(read(draft.pdf.file))
    assert "Về việc gia hạn thời gian xác minh nội dung khiếu nại" in text
    assert new_until.strftime("%d/%m/%Y") in text and REASON in text
    assert "Trần Thị Xác Minh" in text
    event = CaseEvent.objects.get(case=case, action="extend_verification")
    assert event.actor == boss and event.data["reason"] == REASON
    assert not CaseEvent.objects.get(case=case, action="document_issued").is_public


def test_drafted_after_the_step_it_reads_the_steps_reason(hospital):
    from tests.complaints.workflow.helpers import act

    boss = leader()
    case = _verifying(hospital)
    act(case, "extend_verification", boss, verification_extra_days=4, reason=REASON)
    draft = document_draft(case_id=case.pk, template_code=CODE, actor=boss, origin="test")
    assert f"Xét lý do gia hạn: {REASON}" in draft.body


def test_an_existing_install_gets_the_form_at_the_next_migrate():
    templates_sync()
    DocumentTemplate.objects.filter(code=CODE).delete()  # a portal installed before it
    templates_sync_after_migrate(sender=None, app_config=apps.get_app_config("complaints"))
    template = DocumentTemplate.objects.get(code=CODE)
    assert (template.action, template.body) == ("extend_verification", form_for(CODE).body)
    assert template.history.first().history_change_reason == SYNC_REASON
