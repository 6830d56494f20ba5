"""Drafts through the staff API and `case_action`: the same services, the same answers."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from complaints.approvals.models import Draft, DraftStatus
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = valid_data("conclude", facility_code="x")


def client_of(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, path, body=None):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def setting():
    unit = FacilityFactory(code="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=unit, username="coan")
    leader = UserFactory(perms=LEADER, facility=unit, username="lanhdao")
    stranger = UserFactory(perms=LEADER, facility=FacilityFactory(code="TTYT-MD"))
    case = case_in(
        CaseKind.PHAN_ANH,
        CaseStatus.VERIFYING,
        facility=unit,
        resolve_by=datetime.date(2026, 10, 1),
    )
    return case, handler, leader, stranger


def test_propose_list_and_approve_through_the_api(setting):
    case, handler, leader, stranger = setting
    response = post(
        client_of(handler),
        f"/api/v1/cases/{case.tracking_code}/drafts/conclude",
        {**CONCLUSION, "note": "Trình anh duyệt."},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["action_label"] == "Kết luận"
    assert body["comments"][0]["text"] == "Trình anh duyệt."
    draft_id = body["id"]

    queue = client_of(leader).get("/api/v1/drafts").json()
    assert [d["id"] for d in queue["results"]] == [draft_id]
    assert queue["results"][0]["due"] == case.resolve_by.isoformat()
    assert client_of(stranger).get("/api/v1/drafts").json()["count"] == 0
    assert client_of(stranger).get(f"/api/v1/drafts/{draft_id}").status_code == 404
    assert post(client_of(stranger), f"/api/v1/drafts/{draft_id}/approve").status_code == 404

    own = post(client_of(handler), f"/api/v1/drafts/{draft_id}/approve")
    assert own.status_code == 403  # the author's own draft, and no approval right

    approved = post(client_of(leader), f"/api/v1/drafts/{draft_id}/approve")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert approved.json()["event"]["to_status"] == CaseStatus.CONCLUDED
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED
    again = post(client_of(leader), f"/api/v1/drafts/{draft_id}/approve")
    assert again.status_code == 409


def test_a_leader_is_refused_self_approval_by_the_api(setting):
    case, _handler, leader, _ = setting
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    draft_id = post(client_of(leader), path, CONCLUSION).json()["id"]
    response = post(client_of(leader), f"/api/v1/drafts/{draft_id}/approve")
    assert response.status_code == 403
    assert "chính mình" in response.json()["detail"]


def test_api_errors_return_and_edit(setting):
    case, handler, leader, _ = setting
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    invalid = post(client_of(handler), path, {"conclusion": "Thiếu trả lời"})
    assert invalid.status_code == 400 and "public_answer" in invalid.json()["errors"]
    not_proposable = post(client_of(handler), f"/api/v1/cases/{case.tracking_code}/drafts/close")
    assert not_proposable.status_code == 409
    draft_id = post(client_of(handler), path, CONCLUSION).json()["id"]
    assert post(client_of(handler), path, CONCLUSION).status_code == 409  # a double click

    no_comment = post(client_of(leader), f"/api/v1/drafts/{draft_id}/return", {})
    assert no_comment.status_code == 400 and "comment" in no_comment.json()["errors"]
    returned = post(
        client_of(leader), f"/api/v1/drafts/{draft_id}/return", {"comment": "Thêm số liệu."}
    )
    assert returned.json()["status"] == "returned"
    mine = client_of(handler).get("/api/v1/drafts?mine=1").json()
    assert mine["results"][0]["comments"][-1]["text"] == "Thêm số liệu."
    edited = post(
        client_of(handler),
        f"/api/v1/drafts/{draft_id}/edit",
        {"data": {**CONCLUSION, "conclusion": "Có số liệu."}},
    )
    assert edited.status_code == 200 and edited.json()["status"] == "pending"
    assert Draft.objects.get(pk=draft_id).data["conclusion"] == "Có số liệu."


def test_an_approval_with_the_version_read_refuses_an_edit_made_since(setting):
    """The leader approves what they read: `version` from GET, checked at approval."""
    case, handler, leader, _ = setting
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    draft_id = post(client_of(handler), path, CONCLUSION).json()["id"]
    read = client_of(leader).get(f"/api/v1/drafts/{draft_id}").json()
    assert read["version"] == Draft.objects.get(pk=draft_id).version
    Draft.objects.filter(pk=draft_id).update(data={**CONCLUSION, "conclusion": "Sửa sau."})
    stale = post(
        client_of(leader), f"/api/v1/drafts/{draft_id}/approve", {"version": read["version"]}
    )
    assert stale.status_code == 409
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING
    fresh = client_of(leader).get(f"/api/v1/drafts/{draft_id}").json()["version"]
    approved = post(client_of(leader), f"/api/v1/drafts/{draft_id}/approve", {"version": fresh})
    assert approved.status_code == 200, approved.content
    assert Case.objects.get(pk=case.pk).conclusion == "Sửa sau."


def test_case_action_proposes_and_approves(setting):
    case, _handler, _leader, _ = setting
    out = io.StringIO()
    call_command(
        "case_action", case.tracking_code, "conclude", "--propose", "--user", "coan",
        "--data", json.dumps(CONCLUSION), stdout=out,
    )  # fmt: skip
    proposed = json.loads(out.getvalue())
    assert proposed["status"] == "pending"
    with pytest.raises(CommandError, match="Không có quyền"):
        call_command(
            "case_action", case.tracking_code, "approve", "--draft", str(proposed["draft"]),
            "--user", "coan", stdout=io.StringIO(),
        )  # fmt: skip
    out = io.StringIO()
    call_command(
        "case_action", case.tracking_code, "approve", "--draft", str(proposed["draft"]),
        "--user", "lanhdao", stdout=out,
    )  # fmt: skip
    result = json.loads(out.getvalue())
    assert result["status"] == DraftStatus.APPROVED and result["to_status"] == "concluded"


def test_case_action_approval_with_the_version_read_refuses_an_edit_made_since(setting):
    """`case_action` prints the draft's version; an approval given it is refused once the
    draft was edited, as the admin's form and the API are."""
    case, _handler, _leader, _ = setting
    out = io.StringIO()
    call_command(
        "case_action", case.tracking_code, "conclude", "--propose", "--user", "coan",
        "--data", json.dumps(CONCLUSION), stdout=out,
    )  # fmt: skip
    proposed = json.loads(out.getvalue())
    assert proposed["version"] == Draft.objects.get(pk=proposed["draft"]).version
    Draft.objects.filter(pk=proposed["draft"]).update(
        data={**CONCLUSION, "conclusion": "Sửa sau."}
    )
    with pytest.raises(CommandError, match="đã được sửa"):
        call_command(
            "case_action", case.tracking_code, "approve", "--draft", str(proposed["draft"]),
            "--draft-version", proposed["version"], "--user", "lanhdao", stdout=io.StringIO(),
        )  # fmt: skip
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING
    fresh = Draft.objects.get(pk=proposed["draft"]).version
    out = io.StringIO()
    call_command(
        "case_action", case.tracking_code, "approve", "--draft", str(proposed["draft"]),
        "--draft-version", fresh, "--user", "lanhdao", stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["to_status"] == "concluded"
    assert Case.objects.get(pk=case.pk).conclusion == "Sửa sau."
