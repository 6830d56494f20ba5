"""The decision giving the verification prints the team the step forms (họ tên, chức vụ of
the leader and of each member: khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP; khoản 1 Điều 10 Nghị
định 31/2019/NĐ-CP); drafted on the document page, issued with the step."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document
from complaints.documents.samples import sample_document
from complaints.documents.services import templates_sync
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DocumentTemplate
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read, resolve_row

pytestmark = pytest.mark.django_db


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


TEAM = "Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên"


def test_the_denunciation_decision_forms_the_team_it_was_drafted_with(client):
    hospital = province()[1]
    boss = leader()
    verifier = UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                           facility=hospital)
    case = resolve_row(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital,
                               assigned_user=verifier, resolve_by=_resolve_by(),
                               accused_name="Phạm Văn Bị"))
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    page = client.get(documents).content.decode()
    assert "Tổ xác minh (nếu thành lập)" in page
    posted = {"template": "tc_quyet_dinh_giao_xac_minh",
              "start_verification-verifier_no_conflict": "on"}
    # A draft with the denounced person on the team is refused as the step would refuse it,
    # beside the field, with the text kept: nothing drafted.
    conflicted_team = "Nguyễn Văn An, Thanh tra viên\nPhạm Văn Bị, Bác sĩ"
    refused = client.post(documents, {**posted,
                                      "start_verification-verification_team": conflicted_team})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Phạm Văn Bị (dòng 2) là người bị tố cáo" in body
    assert "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP" in body
    assert "Phạm Văn Bị, Bác sĩ</textarea>" in body
    # The page lands on a summary linking to the field, whose error the field names.
    assert 'id="doc-draft-errors" tabindex="-1" autofocus' in body
    assert '<a href="#id_start_verification-verification_team">Tổ xác minh (nếu thành lập)' in body
    assert 'id="id_start_verification-verification_team_error"' in body
    assert 'id="id_start_verification-verification_team_helptext"' in body
    assert not Document.objects.filter(case=case).exists()
    # A team of one is refused at drafting too, with its article.
    alone = client.post(documents, {**posted, "start_verification-verification_team":
                                    "Nguyễn Văn An, Thanh tra viên"})
    assert alone.status_code == 400 and "từ hai người trở lên" in alone.content.decode()
    assert not Document.objects.filter(case=case).exists()
    # So is a period ending after the resolution deadline (điểm đ khoản 2 Điều 31 Luật Tố cáo).
    too_long = client.post(documents, {**posted, "start_verification-verification_days": "99"})
    assert too_long.status_code == 400
    assert "Thời hạn xác minh 99 ngày kết thúc sau hạn giải quyết" in too_long.content.decode()
    assert not Document.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.verification_team == ""
    # With its period (điểm đ khoản 2 Điều 31 Luật Tố cáo): a decision left blank is refused.
    drafted = client.post(documents, {**posted, "start_verification-verification_team": TEAM,
                                      "start_verification-verification_days": "20"})
    assert drafted.status_code == 302
    draft = Document.objects.get(case=case)
    listing = ("Thành lập Tổ xác minh nội dung tố cáo (khoản 1 Điều 10 Nghị định số "
               "31/2019/NĐ-CP) gồm:\n1. Nguyễn Văn An, Phó Chánh Thanh tra Sở – Tổ trưởng;\n"
               "2. Trần Thị Bình, Thanh tra viên – thành viên.\n")
    assert listing in draft.body
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version})
    assert issued.status_code == 302, issued.content.decode()[:2000]
    case.refresh_from_db()
    draft.refresh_from_db()
    assert draft.is_issued and case.status == CaseStatus.VERIFYING
    assert case.verification_team == TEAM
    text = " ".join(pdf_text(read(draft.pdf.file)).split())
    assert "1. Nguyễn Văn An, Phó Chánh Thanh tra Sở – Tổ trưởng;" in text
    assert "2. Trần Thị Bình, Thanh tra viên – thành viên." in text


def test_without_a_team_the_decision_says_nothing_of_one():
    hospital = province()[1]
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                   resolve_by=_resolve_by())
    from complaints.documents.services import document_draft

    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                           actor=leader(), origin="test")
    assert "Tổ xác minh" not in draft.body
    with_team = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                               actor=leader(), origin="test", step={"verification_team": TEAM})
    assert ("Thành lập Tổ xác minh nội dung khiếu nại (khoản 2 Điều 7 Thông tư số "
            "07/2013/TT-TTCP) gồm:\n1. Nguyễn Văn An") in with_team.body


def test_the_admin_preview_shows_a_sample_team():
    templates_sync()
    for code in ("kn_quyet_dinh_giao_xac_minh", "tc_quyet_dinh_giao_xac_minh"):
        body = sample_document(DocumentTemplate.objects.get(code=code)).body
        assert "1. Nguyễn Văn An, Phó Chánh Thanh tra Sở (mẫu) – Tổ trưởng;" in body


def test_a_draft_whose_team_became_conflicted_is_still_refused_at_issue(client):
    """The check at drafting does not replace the step's own: the denounced person named on
    the case after the draft (the denunciation's facts corrected) stops its issue."""
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital,
                   resolve_by=_resolve_by(), accused_name="Phạm Văn Bị")
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    drafted = client.post(documents, {"template": "tc_quyet_dinh_giao_xac_minh",
                                      "start_verification-verifier_no_conflict": "on",
                                      "start_verification-verification_team": TEAM})
    assert drafted.status_code == 302
    draft = Document.objects.get(case=case)
    type(case).objects.filter(pk=case.pk).update(accused_name="Trần Thị Bình")
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    refused = client.post(url, {"operation": "issue_step",
                                "signed_confirmed": "on", "version": draft.version})
    assert "Trần Thị Bình (dòng 2) là người bị tố cáo" in refused.content.decode()
    draft.refresh_from_db()
    case.refresh_from_db()
    assert not draft.is_issued and case.status == CaseStatus.ACCEPTED
