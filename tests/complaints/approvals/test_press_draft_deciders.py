"""A press case's draft is decided by the Sở's press office, never by the facility given the
article to verify (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP; complaints/approvals/
deciders.py): once `assign` makes the facility the case's handling unit, its director
neither sees the Sở's conclusion draft in the queue, opens it, approves nor returns it, and
the draft names the Văn phòng Sở as its competent unit. The press office's head still
decides it; the figures "chờ phê duyệt" follow the same rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from complaints.approvals.counts import count_for
from complaints.approvals.deciders import approvers
from complaints.approvals.models import Draft, DraftStatus
from complaints.approvals.selectors import approval_queue, draft_in_scope
from complaints.approvals.services import draft_approve, draft_edit, draft_propose, draft_return
from complaints.models import Case
from tests.complaints.workflow.helpers import act
from tests.complaints.workflow.test_press_office_steps import (  # noqa: F401 (fixture)
    FINDING,
    given_to_the_facility,
    people,
)

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def press_draft(people):  # noqa: F811
    """The press office's conclusion on an article the facility is verifying."""
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    return draft_propose(
        case_id=case.pk, action="conclude", data=FINDING, actor=people["press"], origin="test"
    )


def test_the_facility_s_director_neither_sees_nor_decides_the_press_draft(
    people, press_draft  # noqa: F811
):
    director, head = people["director"], people["press_head"]
    assert Case.objects.in_scope_of(director).filter(pk=press_draft.case_id).exists()
    assert approval_queue(user=director) == []
    assert count_for(director).waiting == 0
    assert draft_in_scope(user=director, draft_id=press_draft.pk) is None
    for decide, extra in (
        (draft_approve, {"expected_version": press_draft.version}),
        (draft_return, {"comment": "Bệnh viện không đồng ý kết luận."}),
        (draft_edit, {"data": FINDING}),
    ):
        with pytest.raises((Draft.DoesNotExist, PermissionDenied)):
            decide(draft_id=press_draft.pk, actor=director, origin="test", **extra)
    press_draft.refresh_from_db()
    assert press_draft.status == DraftStatus.PENDING

    # The press office's head decides it; told, counted, and the competent unit is the Sở's.
    assert [d.pk for d in approval_queue(user=head)] == [press_draft.pk]
    assert count_for(head).waiting == 1
    assert [u.username for u in approvers(press_draft)] == ["press_head"]
    assert press_draft.unit.kind == "office"


def test_the_admin_screens_refuse_the_facility_and_serve_the_press_head(
    people, press_draft  # noqa: F811
):
    director, head = people["director"], people["press_head"]
    url = f"/admin/phe-duyet/{press_draft.pk}/"
    facility = client_of(director)
    queue = facility.get("/admin/phe-duyet/").content.decode()
    assert press_draft.case.tracking_code not in queue
    assert facility.get(url).status_code in (403, 404)
    returned = facility.post(f"{url}return/", {"return-comment": "Không đồng ý."})
    assert returned.status_code in (403, 404)
    approved = facility.post(f"{url}approve/", {"approve-version": press_draft.version})
    assert approved.status_code in (403, 404)
    case_page = facility.get(f"/admin/ho-so/{press_draft.case.tracking_code}/").content.decode()
    assert url not in case_page
    press_draft.refresh_from_db()
    assert press_draft.status == DraftStatus.PENDING

    office = client_of(head)
    page = office.get(url).content.decode()
    assert "Trả lại để sửa" in page and "Phê duyệt và thực hiện" in page
    assert press_draft.case.facility.name not in page.split("Đơn vị có thẩm quyền")[1][:200]
    assert press_draft.case.tracking_code in office.get("/admin/phe-duyet/").content.decode()
    done = office.post(f"{url}approve/", {"approve-version": press_draft.version})
    assert done.status_code == 302
    assert Case.objects.get(pk=press_draft.case_id).status == "concluded"


def test_the_queue_and_the_draft_show_the_press_case_s_deadline(people, press_draft):  # noqa: F811
    """The deadline the case page and the list show: after thụ lý, a press case waits on its
    notice of measures to the outlet (`accept_by`) until the outlet's request sets an earlier
    answer; the queue and the draft page said "—"."""
    case = press_draft.case
    assert case.status == "verifying" and case.accept_by is not None and case.resolve_by is None
    day = case.accept_by.strftime("%d/%m/%Y")
    office = client_of(people["press_head"])
    page = office.get(f"/admin/phe-duyet/{press_draft.pk}/").content.decode()
    assert day in page.split("Hạn của hồ sơ")[1][:300]
    queue = office.get("/admin/phe-duyet/").content.decode()
    assert day in queue
    case_page = office.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert day in case_page
    assert count_for(people["press_head"]).nearest == case.accept_by


def test_the_press_conclusion_form_says_where_the_answer_is_published(people):  # noqa: F811
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    form = client_of(people["press"]).get(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/"
    ).content.decode()
    assert "khi tra cứu hồ sơ" not in form  # an outlet has no PIN
    assert "Phản hồi báo chí" in form
