"""The number of drafts waiting is shown where the people who decide look: the menu item
"Chờ phê duyệt (N)" on every admin page and a panel on the admin home (the nearest
deadline; a handler's drafts returned to her). Counted as the queue counts, kept per
person until a draft changes (complaints/approvals/counts.py): no query on most pages.
A draft returned and proposed again names the return as such, not as a decision."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from complaints.approvals.counts import count_for, waiting_for
from complaints.approvals.selectors import approval_queue
from complaints.approvals.services import (
    draft_approve,
    draft_edit,
    draft_propose,
    draft_return,
)
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
PROVINCE_LEADER = [*LEADER, "complaints.view_all_cases"]
CONCLUSION = valid_data("conclude", facility_code="x")


@pytest.fixture
def people():
    department = FacilityFactory(code="SYT-QNG", name="Sở Y tế")
    unit = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ", parent=department)
    other = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm", parent=department)
    return {
        "unit": unit,
        "handler": UserFactory(perms=HANDLER, facility=unit, last_name="Nguyễn Thị",
                               first_name="Lan"),
        "director": UserFactory(perms=LEADER, facility=unit, last_name="Trương Công",
                                first_name="Minh"),
        "stranger": UserFactory(perms=LEADER, facility=other),
        "so_leader": UserFactory(perms=PROVINCE_LEADER, facility=department),
    }


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def menu_label(content: bytes) -> str:
    """The label of the menu item "Chờ phê duyệt" in the sidebar's props (JSON)."""
    text = content.decode()
    start = text.index('id="wagtail-sidebar-props"')
    props = text[text.index(">", start) + 1 : text.index("</script>", start)]
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == "approvals" and "label" in node:
                found.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props))
    assert found, "no menu item 'approvals'"
    return found[0]


def complaint_proposed(people, commit):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=people["unit"],
                   accept_by=datetime.date.today() + datetime.timedelta(days=9))
    with commit(execute=True):
        return draft_propose(case_id=case.pk, action="accept", data={}, actor=people["handler"],
                             origin="test")


def test_the_menu_item_counts_the_drafts_waiting_and_forgets_a_decided_one(
    people, django_capture_on_commit_callbacks
):
    director = client_of(people["director"])
    assert menu_label(director.get("/admin/ho-so/").content) == "Chờ phê duyệt"  # none yet
    draft = complaint_proposed(people, django_capture_on_commit_callbacks)
    assert menu_label(director.get("/admin/ho-so/").content) == "Chờ phê duyệt (1)"
    # Counted as the queue counts: neither another unit's director nor the Sở's leader (a
    # facility's complaint is its own head's decision) has it waiting.
    for user in (people["stranger"], people["so_leader"]):
        assert waiting_for(user).waiting == len(approval_queue(user=user)) == 0
    assert menu_label(client_of(people["so_leader"]).get("/admin/ho-so/").content) == (
        "Chờ phê duyệt"
    )
    with django_capture_on_commit_callbacks(execute=True):
        draft_return(draft_id=draft.pk, actor=people["director"], origin="test",
                     comment="Bổ sung bản có chữ ký.")
    assert menu_label(director.get("/admin/ho-so/").content) == "Chờ phê duyệt"


def test_the_figure_is_kept_until_a_draft_changes_and_costs_no_query_meanwhile(
    people, django_capture_on_commit_callbacks, django_assert_num_queries
):
    director = people["director"]
    director.has_perm("complaints.approve_case")  # the permissions, read once per request
    complaint_proposed(people, django_capture_on_commit_callbacks)
    # Counting: the user's units, the unit tree, the queue's drafts, the returned drafts.
    with django_assert_num_queries(4):
        assert waiting_for(director).waiting == 1
    with django_assert_num_queries(0):  # every other page
        assert waiting_for(director).waiting == 1
    # A draft proposed: counted again.
    other = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"])
    with django_capture_on_commit_callbacks(execute=True):
        draft_propose(case_id=other.pk, action="conclude", data=CONCLUSION,
                      actor=people["handler"], origin="test")
    assert waiting_for(director).waiting == 2 == count_for(director).waiting


def test_an_admin_page_reads_no_draft_once_the_figure_is_kept(
    people, django_capture_on_commit_callbacks
):
    complaint_proposed(people, django_capture_on_commit_callbacks)
    director = client_of(people["director"])
    director.get("/admin/ho-so/")
    with CaptureQueriesContext(connection) as queries:
        assert director.get("/admin/ho-so/").status_code == 200
    assert not [q for q in queries.captured_queries if "complaints_draft" in q["sql"]]


def test_the_home_page_shows_the_leader_the_drafts_waiting_and_the_handler_her_returns(
    people, django_capture_on_commit_callbacks
):
    handler = client_of(people["handler"])
    assert "data-approvals-returned" not in handler.get("/admin/").content.decode()
    draft = complaint_proposed(people, django_capture_on_commit_callbacks)
    home = client_of(people["director"]).get("/admin/").content.decode()
    assert "Dự thảo trình phê duyệt" in home
    assert "data-approvals-waiting>1<" in home
    assert "Còn " in home and "ngày làm việc" in home  # the nearest deadline, in working days
    assert "/admin/phe-duyet/" in home
    # presswalk F9: the admin says "bạn", as Wagtail's Vietnamese beside it ("Chờ bạn duyệt")
    queue = client_of(people["director"]).get("/admin/phe-duyet/").content.decode()
    assert "Chờ bạn phê duyệt" in home and "Dự thảo chờ bạn phê duyệt" in queue
    assert "anh/chị" not in home + queue
    with django_capture_on_commit_callbacks(execute=True):
        draft_return(draft_id=draft.pk, actor=people["director"], origin="test",
                     comment="Bổ sung bản có chữ ký.")
    home = handler.get("/admin/").content.decode()
    assert "data-approvals-returned>1<" in home and "bị trả lại" in home
    assert "data-approvals-waiting>0<" in client_of(people["director"]).get(
        "/admin/").content.decode()


def test_a_resubmitted_draft_names_the_return_not_a_decision(people):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"])
    draft = draft_propose(case_id=case.pk, action="conclude", data=CONCLUSION,
                          actor=people["handler"], origin="test")
    draft_return(draft_id=draft.pk, actor=people["director"], origin="test", comment="Sửa lại.")
    draft_edit(draft_id=draft.pk, actor=people["handler"], data=CONCLUSION, origin="test")
    page = client_of(people["director"]).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert "Lần trả lại gần nhất" in page and "Trương Công Minh" in page
    assert "Người quyết định" not in page
    draft.refresh_from_db()
    draft_approve(draft_id=draft.pk, actor=people["director"], origin="test")
    page = client_of(people["director"]).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert "Người quyết định" in page and "Lần trả lại gần nhất" not in page


def test_the_queue_is_a_card_table_on_a_phone(people, django_capture_on_commit_callbacks):
    complaint_proposed(people, django_capture_on_commit_callbacks)
    page = client_of(people["director"]).get("/admin/phe-duyet/").content.decode()
    assert '<table class="cw-table">' in page  # cards under 50em (admin/_styles.html)
    for label in ("Hồ sơ", "Đề xuất", "Người đề xuất", "Đơn vị", "Ngày trình", "Hạn của hồ sơ"):
        assert f'data-label="{label}"' in page
