"""The drafts' screens in the Wagtail admin: propose from the case page, the leader's
queue "chờ phê duyệt" with deadlines, approve / return / edit; refused self-approval."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from complaints.approvals.models import Draft, DraftStatus
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = valid_data("conclude", facility_code="x")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def setting():
    unit = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ")
    handler = UserFactory(perms=HANDLER, facility=unit, last_name="Lê Văn", first_name="Cơ")
    leader = UserFactory(perms=LEADER, facility=unit, last_name="Phạm", first_name="Đạo")
    case = case_in(
        CaseKind.PHAN_ANH,
        CaseStatus.VERIFYING,
        facility=unit,
        resolve_by=datetime.date(2026, 10, 1),
    )
    return case, handler, leader


def test_propose_from_the_case_page_then_approve_in_the_queue(setting):
    case, handler, leader = setting
    page = client_of(handler).get(f"/admin/ho-so/{case.tracking_code}/")
    assert page.status_code == 200
    propose_url = f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/"
    assert propose_url.encode() in page.content  # offered on the case page

    form = client_of(handler).get(propose_url)
    assert form.status_code == 200 and "Trình phê duyệt" in form.content.decode()
    response = client_of(handler).post(
        propose_url,
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": CONCLUSION["conclusion"],
            "conclude-public_answer": CONCLUSION["public_answer"],
            "comment": "Kính trình.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Draft.objects.get()
    assert draft.author == handler and draft.data["conclusion"] == CONCLUSION["conclusion"]

    queue = client_of(leader).get("/admin/phe-duyet/")
    text = queue.content.decode()
    assert case.tracking_code in text and "Lê Văn Cơ" in text and "01/10/2026" in text
    own_queue = client_of(handler).get("/admin/phe-duyet/").content.decode()
    assert "Dự thảo của tôi" in own_queue and "Chờ phê duyệt" in own_queue

    refused = client_of(handler).post(f"/admin/phe-duyet/{draft.pk}/approve/", {})
    assert refused.status_code == 403
    approved = client_of(leader).post(
        f"/admin/phe-duyet/{draft.pk}/approve/", {"approve-version": draft.version}
    )
    assert approved.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED
    history = client_of(leader).get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "Phê duyệt dự thảo" in history and "Trình dự thảo chờ phê duyệt" in history


def test_the_case_page_offers_a_leader_the_step_not_a_proposal_of_it(setting):
    # Proposing is how someone without the right asks; a leader who may take the step is
    # shown the step, and what they may not take stays offered as a proposal.
    case, handler, leader = setting
    propose_url = f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/"
    leader_page = client_of(leader).get(f"/admin/ho-so/{case.tracking_code}/")
    assert "conclude" in {f.transition.action for f in leader_page.context["action_forms"]}
    assert propose_url.encode() not in leader_page.content
    handler_page = client_of(handler).get(f"/admin/ho-so/{case.tracking_code}/")
    assert "conclude" not in {f.transition.action for f in handler_page.context["action_forms"]}
    assert propose_url.encode() in handler_page.content


def test_a_leader_sees_no_approve_button_on_their_own_draft(setting):
    case, _handler, leader = setting
    other = UserFactory(perms=LEADER, facility=case.assigned_unit)
    client_of(leader).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận",
            "conclude-public_answer": "Trả lời",
        },
    )
    draft = Draft.objects.get()
    page = client_of(leader).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert "Phê duyệt và thực hiện" not in page and "một lãnh đạo khác" in page
    response = client_of(leader).post(f"/admin/phe-duyet/{draft.pk}/approve/", {})
    assert response.status_code == 403 and "chính mình" in response.content.decode()
    assert (
        "Phê duyệt và thực hiện"
        in client_of(other).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    )


def test_return_needs_a_comment_and_the_author_edits(setting):
    case, handler, leader = setting
    client_of(handler).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận",
            "conclude-public_answer": "Trả lời",
        },
    )
    draft = Draft.objects.get()
    empty = client_of(leader).post(f"/admin/phe-duyet/{draft.pk}/return/", {"return-comment": ""})
    assert empty.status_code == 400
    client_of(leader).post(
        f"/admin/phe-duyet/{draft.pk}/return/", {"return-comment": "Viết rõ hơn."}
    )
    assert Draft.objects.get().status == DraftStatus.RETURNED
    edit = client_of(handler).get(f"/admin/phe-duyet/{draft.pk}/sua/")
    assert edit.status_code == 200 and "Kết luận" in edit.content.decode()
    saved = client_of(handler).post(
        f"/admin/phe-duyet/{draft.pk}/sua/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận rõ hơn",
            "conclude-public_answer": "Trả lời",
            "comment": "Đã sửa.",
        },
    )
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING and draft.data["conclusion"] == "Kết luận rõ hơn"


def test_a_draft_outside_the_scope_is_not_found(setting):
    case, handler, _leader = setting
    client_of(handler).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận",
            "conclude-public_answer": "Trả lời",
        },
    )
    stranger = UserFactory(perms=LEADER, facility=FacilityFactory(code="TTYT-MD"))
    draft = Draft.objects.get()
    assert client_of(stranger).get(f"/admin/phe-duyet/{draft.pk}/").status_code == 404
    assert client_of(stranger).post(f"/admin/phe-duyet/{draft.pk}/approve/").status_code == 404


def _propose(case, handler, public_answer="Trả lời ban đầu"):
    client_of(handler).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận",
            "conclude-public_answer": public_answer,
        },
    )
    return Draft.objects.get()


def _shown_version(page: str) -> str:
    import re

    match = re.search(r'name="approve-version" value="([0-9a-f]+)"', page)
    assert match, "the approve form carries the version it shows"
    return match.group(1)


def test_an_edit_after_the_leader_opened_the_page_is_not_approved_unseen(setting):
    case, handler, leader = setting
    draft = _propose(case, handler)
    page = client_of(leader).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert "Trả lời ban đầu" in page
    shown = _shown_version(page)

    # The author edits the public answer while the leader reads the page.
    saved = client_of(handler).post(
        f"/admin/phe-duyet/{draft.pk}/sua/",
        {
            "conclude-expected_status": case.status,
            "conclude-conclusion": "Kết luận",
            "conclude-public_answer": "Trả lời đã sửa lén",
        },
    )
    assert saved.status_code == 302

    stale = client_of(leader).post(
        f"/admin/phe-duyet/{draft.pk}/approve/",
        {"approve-version": shown, "approve-comment": "Đồng ý."},
    )
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "Dự thảo đã được sửa sau khi bạn mở trang" in text
    assert "Trả lời đã sửa lén" in text  # the new version is shown
    assert "Đồng ý." in text  # the comment typed is kept
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == DraftStatus.PENDING and case.status == CaseStatus.VERIFYING
    assert not case.public_answer

    # Having read the new version, the leader approves it.
    approved = client_of(leader).post(
        f"/admin/phe-duyet/{draft.pk}/approve/", {"approve-version": _shown_version(text)}
    )
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.public_answer == "Trả lời đã sửa lén"


def test_an_approve_form_without_the_version_is_refused_as_stale(setting):
    case, handler, leader = setting
    draft = _propose(case, handler)
    response = client_of(leader).post(f"/admin/phe-duyet/{draft.pk}/approve/", {})
    assert response.status_code == 409
    assert Draft.objects.get().status == DraftStatus.PENDING


def test_a_double_click_approves_once(setting):
    from complaints.models import CaseEvent

    case, handler, leader = setting
    draft = _propose(case, handler)
    form = {"approve-version": draft.version}
    first = client_of(leader).post(f"/admin/phe-duyet/{draft.pk}/approve/", form)
    second = client_of(leader).post(f"/admin/phe-duyet/{draft.pk}/approve/", form)
    assert first.status_code == 302
    assert second.status_code == 409 and "Đã phê duyệt" in second.content.decode()
    assert CaseEvent.objects.filter(case=case, action="conclude").count() == 1
    assert CaseEvent.objects.filter(case=case, action="draft_approve").count() == 1


def test_a_press_conclusion_draft_shows_the_findings_label_and_choice():
    """The draft page of a press report's conclusion: "Kết quả xác minh thông tin báo chí:
    Phản ánh không đúng", not the raw "press_finding / inaccurate" (the press kind's own
    "conclude" transition, not the citizen kinds' one, labels the fields)."""
    from complaints.approvals.views import draft_rows

    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING)
    draft = Draft(
        case=case,
        action="conclude",
        data={"conclusion": "Kết luận", "press_finding": "inaccurate", "unknown_key": "x"},
    )
    rows = dict(draft_rows(draft))
    assert rows["Kết quả xác minh thông tin báo chí"] == "Phản ánh không đúng"
    assert rows["Kết luận"] == "Kết luận"
    assert "press_finding" not in rows
