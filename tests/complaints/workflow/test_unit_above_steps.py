"""A unit above does not take the steps of a first complaint's resolution (found on a walk:
a Thanh tra Sở inspector, who sees a hospital's cases, was offered the hospital's own
verification steps on its first-round khiếu nại). A first complaint is resolved by the
head of the facility (khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, khoản 1 Điều 20
Luật Khiếu nại), who has it verified by the people the head assigns (khoản 1 Điều 29 Luật
Khiếu nại); an accepted complaint is not taken over (ACCEPTED_COMPLAINT_STAYS). So an
officer of a unit above (`works_for_unit` false) is neither offered nor let through the
resolver's procedure once the complaint is accepted, nor proposes its acceptance; the
Sở's intake still routes it before acceptance, records the second complaint, and the
level above still reviews (`complaints.rules.resolver.outside_unit_refusal`).
Denunciations, second complaints and phản ánh are unchanged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from complaints.approvals.services import draft_propose, propose_refusal
from complaints.approvals.views import proposable_transitions
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind
from complaints.services.workflow import TransitionNotAllowed, _check
from complaints.transitions import ACTIONS, allowed_actions
from tests.factories import HANDLER_PERMS, FacilityFactory, UserFactory, hospital_under_so

from .helpers import case_in

pytestmark = pytest.mark.django_db

INSPECTOR = [*HANDLER_PERMS, "complaints.view_all_cases", "complaints.record_withdrawal",
             "complaints.view_denouncer_identity"]  # fmt: skip
ARTICLE = "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP; Điều 19, khoản 1 Điều 20 Luật Khiếu nại"
# `assign` stays the Sở's routing: after acceptance it keeps the case in its unit
# (test_competent_leader.py).
RESOLVER_STEPS = {
    "start_verification", "report_verification", "mark_verification_differs",
    "withdraw", "record_withdrawal", "split", "close",
}


@pytest.fixture
def sector():
    return hospital_under_so()


@pytest.fixture
def inspectors(sector):
    unit = FacilityFactory(code="TTS", name="Thanh tra Sở", kind=FacilityKind.INSPECTORATE,
                           parent=sector.so)  # fmt: skip
    return [UserFactory(perms=INSPECTOR, facility=unit), UserFactory(perms=INSPECTOR)]


def offered(case, user) -> set[str]:
    return {t.action for t in allowed_actions(case=case, user=user)}


def service_allows(case, user) -> set[str]:
    allowed = set()
    for action in ACTIONS:
        try:
            _check(case=case, action=action, actor=user)
        except (TransitionNotAllowed, PermissionDenied):
            continue
        allowed.add(action)
    return allowed


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.VERIFYING,
                                    CaseStatus.SUSPENDED, CaseStatus.CONCLUDED])  # fmt: skip
def test_a_so_inspector_takes_no_step_of_a_hospitals_first_complaint(sector, inspectors, status):
    case = case_in(CaseKind.KHIEU_NAI, status, facility=sector.hospital)
    for inspector in inspectors:
        steps = offered(case, inspector)
        assert not steps & RESOLVER_STEPS, steps
        # the page never offers what the service refuses, nor the reverse
        assert steps == service_allows(case, inspector)
    # the hospital's own officer, with the same permissions, still takes them
    assert offered(case, UserFactory(perms=INSPECTOR, facility=sector.hospital)) & RESOLVER_STEPS
    if status != CaseStatus.CONCLUDED:  # the Sở's routing stays (test_competent_leader.py)
        assert "assign" in offered(case, inspectors[1])


def test_the_refusal_names_the_unit_and_the_articles(sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=sector.hospital)
    with pytest.raises(TransitionNotAllowed) as refused:
        _check(case=case, action="start_verification", actor=inspectors[0])
    message = str(refused.value.message)
    assert "Bệnh viện Đức Phổ" in message and ARTICLE in message and "cấp trên" in message


def test_a_head_decision_refused_from_above_does_not_advise_a_draft(sector, inspectors):
    """Found on a walk: the staff API's refusal of "conclude" told the inspector that other
    units do not decide, then to propose a "Kết luận" draft, which is refused as well."""
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=sector.hospital)
    with pytest.raises(PermissionDenied) as refused:
        _check(case=case, action="conclude", actor=inspectors[0])
    message = str(refused.value)
    assert ARTICLE in message and "Bệnh viện Đức Phổ" in message
    assert "dự thảo" not in message and "trình" not in message.lower()


def test_the_page_does_not_offer_it(client, sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=sector.hospital)
    client.force_login(inspectors[1])
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert page.status_code == 200
    actions = {f.transition.action for f in page.context["action_forms"]}
    assert not actions & RESOLVER_STEPS


def test_the_level_above_still_records_the_second_complaint(sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, facility=sector.hospital)
    assert "escalate" in offered(case, inspectors[1])


def test_no_acceptance_proposal_from_above_but_the_intake_still_routes(sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=sector.hospital)
    for inspector in inspectors:
        assert not {t.action for t in proposable_transitions(case=case, user=inspector)} & {
            "accept", "reject"
        }
        assert ARTICLE in str(propose_refusal(case=case, action="accept", actor=inspector))
        with pytest.raises(TransitionNotAllowed):
            draft_propose(case_id=case.pk, action="accept", data={}, actor=inspector,
                          origin="test")  # fmt: skip
        assert {"assign", "forward", "request_info"} <= offered(case, inspector)
    assert "accept" in {t.action for t in proposable_transitions(case=case, user=sector.handler)}


@pytest.mark.parametrize("kind,extra", [
    (CaseKind.TO_CAO, {}), (CaseKind.PHAN_ANH, {}),
])  # fmt: skip
def test_other_kinds_are_unchanged(sector, inspectors, kind, extra):
    case = case_in(kind, CaseStatus.ACCEPTED, facility=sector.hospital, **extra)
    assert "split" in offered(case, inspectors[1])


def test_a_second_complaint_is_the_sos(sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=sector.hospital,
                   assigned_unit=sector.so, second_time=True)  # fmt: skip
    for inspector in inspectors:
        assert "start_verification" in offered(case, inspector)


def test_a_unit_above_issues_none_of_a_first_complaints_documents(sector, inspectors):
    """Drafting is anyone's work (tests/complaints/documents/test_signer.py); issuing the
    hospital's document is not a unit above's, even a leader's of it: the verification's
    report (not a head's decision, so the signer's rule lets a leader issue it) is refused
    to the Sở's inspector with the first complaint's articles; the hospital's head issues it."""
    from complaints.documents.models import DocumentStatus
    from complaints.documents.services import DocumentError, document_draft, document_issue
    from tests.complaints.documents.helpers import step_taken

    inspector = inspectors[0]
    inspector.user_permissions.add(Permission.objects.get(codename="approve_case"))
    inspector = type(inspector).objects.get(pk=inspector.pk)  # permissions read afresh
    case = step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=sector.hospital),
                      "report_verification")  # fmt: skip
    draft = document_draft(case_id=case.pk, template_code="kn_bao_cao_ket_qua_xac_minh",
                           actor=sector.head, origin="test")  # fmt: skip
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=inspector, origin="test",
                       signed_confirmed=True)  # fmt: skip
    assert ARTICLE in str(refused.value.message) and "cấp trên" in str(refused.value.message)
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and not draft.number


def test_a_unit_above_keeps_no_signed_copy_of_a_first_complaints_paper(sector, inspectors):
    """The signed scan of the hospital's acceptance notice is the hospital's to keep: the
    Sở's inspector is refused with the articles, the hospital's head keeps it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints.documents.services import (
        DocumentError,
        document_attach_signed,
        document_draft,
        document_issue,
    )
    from tests.complaints.documents.helpers import read, step_taken

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=sector.hospital)
    step_taken(case, "accept")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly",
                           actor=sector.head, origin="test")  # fmt: skip
    document = document_issue(document_id=draft.pk, actor=sector.head, origin="test",
                              signed_confirmed=True)  # fmt: skip

    def scan():
        return SimpleUploadedFile("ban-ky.pdf", read(document.pdf.file), "application/pdf")

    with pytest.raises(DocumentError) as refused:
        document_attach_signed(document_id=document.pk, actor=inspectors[0], origin="test",
                               upload=scan())  # fmt: skip
    assert ARTICLE in str(refused.value.message)
    document.refresh_from_db()
    assert document.signed_copy_id is None
    kept = document_attach_signed(document_id=document.pk, actor=sector.head, origin="test",
                                  upload=scan())  # fmt: skip
    assert kept.signed_copy_id


def _steps_area(page) -> str:
    html = page.content.decode()
    return html.split('id="cw-actions"', 1)[1].split("</section>", 1)[0]


def test_the_page_says_why_the_resolution_is_not_the_inspectors(client, sector, inspectors):
    """Found on a walk: the inspector's page offered "Giao xử lý" and nothing else, with no
    word of why. The steps area says it with the rule's own refusal
    (`resolution_refusal`, which asks `outside_unit_refusal`)."""
    from complaints.rules.resolver import resolution_refusal

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=sector.hospital)
    refusal = str(resolution_refusal(case=case, user=inspectors[0]))
    assert "Bệnh viện Đức Phổ" in refusal and ARTICLE in refusal
    for inspector in inspectors:
        client.force_login(inspector)
        page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
        steps = _steps_area(page)
        assert "data-outside-unit" in steps
        assert "Chỉ người đứng đầu Bệnh viện Đức Phổ" in steps and ARTICLE in steps
    # the hospital's own head, whose the resolution is, is not told so
    assert resolution_refusal(case=case, user=sector.head) is None
    client.force_login(sector.head)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "data-outside-unit" not in page.content.decode()


@pytest.mark.parametrize("kind,second_time", [(CaseKind.PHAN_ANH, False),
                                              (CaseKind.KHIEU_NAI, True)])  # fmt: skip
def test_no_such_line_where_the_unit_above_may_act(client, sector, inspectors, kind,
                                                    second_time):  # fmt: skip
    extra = {"assigned_unit": sector.so, "second_time": True} if second_time else {}
    case = case_in(kind, CaseStatus.ACCEPTED, facility=sector.hospital, **extra)
    assert resolution_refusal_of(case, inspectors[1]) is None
    client.force_login(inspectors[1])
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert page.status_code == 200
    assert "data-outside-unit" not in page.content.decode()


def resolution_refusal_of(case, user):
    from complaints.rules.resolver import resolution_refusal

    return resolution_refusal(case=case, user=user)


def test_no_such_line_before_acceptance_while_the_intake_sorts_it(client, sector, inspectors):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=sector.hospital)
    assert resolution_refusal_of(case, inspectors[1]) is None
    client.force_login(inspectors[1])
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert "data-outside-unit" not in page.content.decode()
