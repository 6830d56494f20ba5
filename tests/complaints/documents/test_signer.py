"""Who signs a document: the issuing unit's own head, or the leader who issues if they
belong to that unit; never a person of another unit. Unknown, the name is left for the
issuer to fill in, and the issue says so (NĐ 30/2020/NĐ-CP: the signer's name)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.documents.models import DocumentSequence, DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory

from .helpers import director, leader, pdf_text, province, read, step_taken

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    """The Sở, its leader (a member of the Sở), and a health centre with no known head."""
    department, _hospital = province()
    centre = FacilityFactory(
        code="TTYT-DP", name="Trung tâm Y tế Đức Phổ", kind=FacilityKind.HEALTH_CENTRE,
        area="Đức Phổ", parent=department,
    )
    boss = leader(facility=department)  # "Đạo Văn Lãnh"
    return department, centre, boss


def _notice(case, actor):
    return document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=actor,
                          origin="test")


def test_a_leader_of_the_so_never_signs_for_a_facility(centre):
    _department, centre, boss = centre
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = _notice(case, boss)
    assert draft.signer_title == "GIÁM ĐỐC" and draft.signer_name == ""
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test")
    assert "Chưa có họ tên người ký" in refused.value.message
    assert "Trung tâm Y tế Đức Phổ" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.signer_name == ""
    assert not DocumentSequence.objects.filter(issuer=centre).exists()  # no number taken

    # The issuer fills the name in; it is the one issued.
    document_update(document_id=draft.pk, actor=boss, origin="test", signer_authority="",
                    signer_name="Nguyễn Văn Trung")
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test")
    assert issued.signer_name == "Nguyễn Văn Trung" and issued.symbol == "01/TB-TTYT-DP"
    text = pdf_text(read(issued.pdf.file))
    assert "Nguyễn Văn Trung" in text and "Đạo Văn Lãnh" not in text


def test_the_step_with_its_document_is_refused_too_when_nobody_signs(centre):
    _department, centre, boss = centre
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=centre)
    draft = _notice(case, boss)
    with pytest.raises(TransitionNotAllowed, match="Chưa có họ tên người ký"):
        case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                        document_id=draft.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_the_units_head_is_filled_in_when_known(centre):
    _department, centre, boss = centre
    director(centre, last_name="Trần Văn", first_name="Đức")
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = _notice(case, boss)
    assert draft.signer_name == "Trần Văn Đức"  # shown in the draft the leader reads
    document_update(document_id=draft.pk, actor=boss, origin="test", signer_authority="",
                    signer_name="")  # emptied: the head again at issue, not the Sở leader
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test")
    assert issued.signer_name == "Trần Văn Đức"


def test_a_leader_of_the_issuing_unit_signs_themself(centre):
    department, _centre, boss = centre
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=department),
                      "accept")
    draft = _notice(case, boss)
    assert draft.signer_name == "Đạo Văn Lãnh"  # the Sở's one leader heads it
    director(department, username="pho-giam-doc")  # now two: the head is not known
    other = _notice(step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED,
                                       facility=department), "accept"), boss)
    assert other.signer_name == ""
    assert document_issue(document_id=other.pk, actor=boss, origin="test").signer_name == (
        "Đạo Văn Lãnh"
    )


def test_drafting_without_a_known_head_says_so(client, centre):
    _department, centre, boss = centre
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre)
    client.force_login(boss)
    response = client.post(reverse("complaints_admin:documents", args=[case.tracking_code]),
                           {"template": "kn_thong_bao_thu_ly"}, follow=True)
    assert response.status_code == 200
    assert "hãy điền họ tên người ký trước khi ban hành" in response.content.decode()
