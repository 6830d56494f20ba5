"""Who signs a document: the issuing unit's own head, or the leader who issues if they
belong to that unit; never a person of another unit. Unknown, the name is left for the
issuer to fill in, and the issue says so (NĐ 30/2020/NĐ-CP: the signer's name)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
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
from complaints.services.workflow import case_transition
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
    # The chief inspector's finding: a Sở leader issued a facility's decision document,
    # signed as the facility's GIÁM ĐỐC. The competent unit's leader issues it, in its name
    # (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; complaints/rules/resolver.py).
    _department, centre, boss = centre
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = _notice(case, boss)  # drafting is anyone's work
    assert draft.signer_title == "GIÁM ĐỐC" and draft.signer_name == ""
    document_update(document_id=draft.pk, actor=boss, origin="test", signer_authority="",
                    signer_name="Nguyễn Văn Trung")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Chỉ lãnh đạo Trung tâm Y tế Đức Phổ" in refused.value.message
    assert "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
    assert not DocumentSequence.objects.filter(issuer=centre).exists()  # no number taken

    # The centre's head issues it: signed GIÁM ĐỐC of the centre, never the Sở's leader.
    head = director(centre, last_name="Nguyễn Văn", first_name="Trung")
    issued = document_issue(document_id=draft.pk, actor=head, origin="test", signed_confirmed=True)
    assert issued.signer_name == "Nguyễn Văn Trung" and issued.symbol == "01/TB-TTYT-DP"
    text = pdf_text(read(issued.pdf.file))
    assert "GIÁM ĐỐC" in text and "Nguyễn Văn Trung" in text and "Đạo Văn Lãnh" not in text


def test_the_step_with_its_document_is_refused_to_a_leader_above(centre):
    _department, centre, boss = centre
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=centre)
    draft = _notice(case, boss)
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo Trung tâm Y tế Đức Phổ"):
        case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test",
                        document_id=draft.pk, signed_confirmed=True)
    case.refresh_from_db()
    draft.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and draft.status == DocumentStatus.DRAFT


def test_the_units_head_is_filled_in_when_known(centre):
    _department, centre, boss = centre
    head = director(centre, last_name="Trần Văn", first_name="Đức")
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = _notice(case, boss)
    assert draft.signer_name == "Trần Văn Đức"  # shown in the draft the leader reads
    document_update(document_id=draft.pk, actor=boss, origin="test", signer_authority="",
                    signer_name="")  # emptied: the issuing head's own name at issue
    issued = document_issue(document_id=draft.pk, actor=head, origin="test", signed_confirmed=True)
    assert issued.signer_name == "Trần Văn Đức"


@pytest.mark.parametrize("authority,principal,title,ok", [
    ("", "", "GIÁM ĐỐC", True),
    ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", True),  # a deputy signs for the head
    ("", "", "GIÁM ĐỐC SỞ Y TẾ", False),  # another unit's head
    ("", "", "CHÁNH THANH TRA", False),
    ("KT.", "GIÁM ĐỐC SỞ", "PHÓ GIÁM ĐỐC", False),
])
def test_a_decision_document_is_signed_as_the_competent_units_head(
    centre, authority, principal, title, ok
):
    _department, centre, _boss = centre
    head = director(centre)
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = _notice(case, head)
    document_update(document_id=draft.pk, actor=head, origin="test",
                    signer_authority=authority, principal_title=principal, signer_title=title)
    if ok:
        assert document_issue(document_id=draft.pk, actor=head, origin="test",
                              signed_confirmed=True).number == 1
        return
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=head, origin="test", signed_confirmed=True)
    message = refused.value.message
    assert "“GIÁM ĐỐC”" in message and "Trung tâm Y tế Đức Phổ" in message
    assert "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP" in refused.value.message


def test_a_draft_made_for_another_unit_is_not_issued(centre):
    # Drafted while the centre held the case; the Sở then took it over (giao xử lý): the
    # Sở's leader issues in the Sở's name only, with a new draft.
    department, centre, boss = centre
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=centre),
                      "accept")
    draft = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")
    assert draft.issuer == centre
    case.assigned_unit = department
    case.save(update_fields=["assigned_unit"])
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "lập lại dự thảo" in refused.value.message
    assert "khoản 1 Điều 12, Điều 13 Luật Tố cáo" in refused.value.message
    again = document_draft(case_id=case.pk, template_code="tc_thong_bao_thu_ly_nguoi_to_cao",
                           actor=boss, origin="test")
    issued = document_issue(document_id=again.pk, actor=boss, origin="test", signed_confirmed=True)
    assert issued.issuer == department and issued.signer_title == "GIÁM ĐỐC"


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
    assert document_issue(document_id=other.pk, actor=boss, origin="test",
                          signed_confirmed=True).signer_name == (
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


@pytest.mark.parametrize("kind,template,ground", [
    (CaseKind.KHIEU_NAI, "kn_thong_bao_khong_thu_ly", "kn_time_expired"),
    (CaseKind.TO_CAO, "tc_thong_bao_khong_thu_ly", "tc_no_violator"),
])  # fmt: skip
def test_the_notice_of_refusal_is_the_competent_units_leaders(centre, kind, template, ground):
    # Không thụ lý a complaint or a denunciation is its resolver's decision (Điều 27 Luật
    # Khiếu nại; khoản 1 Điều 29 Luật Tố cáo): its notice is issued by the competent unit's
    # leader, signed as the unit's head, never by the Sở's leader above.
    _department, centre, boss = centre
    case = step_taken(case_in(kind, CaseStatus.REJECTED, facility=centre), "reject")
    step = {"reason": "Không đủ điều kiện thụ lý", "legal_ground": ground}
    draft = document_draft(case_id=case.pk, template_code=template, actor=boss, origin="test",
                           step=step)  # fmt: skip
    assert draft.signer_title == "GIÁM ĐỐC"
    document_update(document_id=draft.pk, actor=boss, origin="test", signer_authority="",
                    signer_name="Nguyễn Văn Trung")  # fmt: skip
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "Chỉ lãnh đạo Trung tâm Y tế Đức Phổ" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT

    head = director(centre, last_name="Nguyễn Văn", first_name="Trung")
    issued = document_issue(document_id=draft.pk, actor=head, origin="test", signed_confirmed=True)
    assert issued.status == DocumentStatus.ISSUED and issued.symbol == "01/TB-TTYT-DP"
