"""The staff API of CONTRACT.md: token or session (with CSRF), scoped lists and details,
and workflow actions through the one service with the contract's status codes."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, DialogueMeeting, IdentityAccessLog
from tests.complaints.workflow.helpers import case_in
from tests.factories import (
    CategoryFactory,
    FacilityFactory,
    UserFactory,
    inspectorate,
    paper_decision,
)

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INTAKE = [*HANDLER, "complaints.view_all_cases"]
INSPECTOR = [*INTAKE, "complaints.view_denouncer_identity"]
LEADER = [*INSPECTOR, "complaints.approve_case"]


def token_client(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, code, action, body=None, **extra):
    return client.post(
        f"/api/v1/cases/{code}/actions/{action}",
        data=json.dumps(body or {}),
        content_type="application/json",
        **extra,
    )


@pytest.fixture
def units():
    return FacilityFactory(code="TTYT-A"), FacilityFactory(code="TTYT-B")


def test_anonymous_callers_and_bad_tokens_are_refused(units):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0])
    assert Client().get("/api/v1/cases").status_code == 401
    assert post(Client(), case.tracking_code, "accept").status_code == 401
    bad = Client(headers={"Authorization": "Token yt_khong-dung"})
    response = bad.get("/api/v1/cases")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_a_token_acts_as_its_user_and_records_its_use(units):
    handler = UserFactory(perms=HANDLER, facility=units[0])
    token, key = ApiToken.issue(user=handler, name="app")
    assert ApiToken.objects.get().key_hash != key and len(token.key_hash) == 64
    response = Client(headers={"Authorization": f"Token {key}"}).get("/api/v1/cases")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    handler.is_active = False
    handler.save()
    assert Client(headers={"Authorization": f"Token {key}"}).get("/api/v1/cases").status_code == 401


def test_the_list_holds_only_the_callers_scope_and_filters(units):
    a, b = units
    handler = UserFactory(perms=HANDLER, facility=a)
    category = CategoryFactory(code="thai-do")
    mine = [case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=a) for _ in range(3)]
    complaint = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=a, category=category,
        resolve_by=timezone.localdate() - datetime.timedelta(days=1), assigned_user=handler,
    )  # fmt: skip
    case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=b)
    client = token_client(handler)
    body = client.get("/api/v1/cases").json()
    assert body["count"] == 4
    assert {r["tracking_code"] for r in body["results"]} == {
        c.tracking_code for c in [*mine, complaint]
    }
    assert "reporter" not in body["results"][0] and "content" not in body["results"][0]

    def codes(query):
        response = client.get(f"/api/v1/cases?{query}")
        assert response.status_code == 200, response.json()
        return {r["tracking_code"] for r in response.json()["results"]}

    assert codes("kind=khieu_nai") == {complaint.tracking_code}
    assert codes("status=accepted,verifying") == {complaint.tracking_code}
    assert codes("category=thai-do") == {complaint.tracking_code}
    assert codes("overdue=true") == {complaint.tracking_code}
    assert codes("assigned_to=me") == {complaint.tracking_code}
    assert codes("unassigned=true") == {c.tracking_code for c in mine}
    assert codes("facility=TTYT-B") == set()
    bad = client.get("/api/v1/cases?kind=ticket&status=open&page_size=1000")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"kind", "status", "page_size"}


def test_the_list_is_paginated_in_a_bounded_number_of_queries(units, django_assert_max_num_queries):
    intake = UserFactory(perms=INTAKE)
    for _ in range(35):
        case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0])
    client = token_client(intake)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/cases?page_size=30").json()
    assert (body["count"], body["num_pages"], len(body["results"])) == (35, 2, 30)
    assert body["next"].endswith("page=2") and body["previous"] is None
    last = client.get("/api/v1/cases?page_size=30&page=2").json()
    assert len(last["results"]) == 5 and last["next"] is None


def test_the_detail_reads_its_dialogues_in_a_constant_number_of_queries(
    units, django_assert_max_num_queries
):
    # The meetings come in one query (prefetched with the case), however many there are.
    handler = UserFactory(perms=HANDLER, facility=units[0])
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=units[0], second_time=True)
    client, url = token_client(handler), f"/api/v1/cases/{case.tracking_code}"

    def meetings(count):
        for _ in range(count):
            DialogueMeeting.objects.create(
                case=case, scheduled_at=timezone.now(), place="Phòng họp",
                participants="Người khiếu nại; Bệnh viện", notified_on=timezone.localdate(),
            )

    client.get(url)  # what a process reads once (the units' copy) read before counting
    meetings(1)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).json()["dialogues"]) == 1
    meetings(4)
    with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as five:
        assert len(client.get(url).json()["dialogues"]) == 5
    assert len(five) == len(one)


def test_a_case_outside_the_scope_is_not_found_by_url_guessing(units):
    handler = UserFactory(perms=HANDLER, facility=units[0])
    foreign = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[1])
    client = token_client(handler)
    for code in (foreign.tracking_code, "YT-2026-999999"):
        response = client.get(f"/api/v1/cases/{code}")
        assert response.status_code == 404 and "detail" in response.json()
    # Acting on it: 403 (CONTRACT.md), the same for a code that does not exist.
    for code in (foreign.tracking_code, "YT-2026-999999"):
        assert post(client, code, "accept").status_code == 403
    foreign.refresh_from_db()
    assert foreign.status == CaseStatus.RECEIVED and not foreign.events.exists()


def test_the_detail_shows_a_denouncer_only_through_reporter_for(units):
    inspector = UserFactory(perms=INSPECTOR)
    case = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=units[0], assigned_unit=inspectorate(),
        assigned_user=inspector
    )
    intake_body = (
        token_client(UserFactory(perms=INTAKE)).get(f"/api/v1/cases/{case.tracking_code}").json()
    )
    assert intake_body["reporter"]["visible"] is False
    assert "Nguyễn Thị Dân" not in json.dumps(intake_body, ensure_ascii=False)
    body = token_client(inspector).get(f"/api/v1/cases/{case.tracking_code}").json()
    assert body["reporter"]["name"] == "Nguyễn Thị Dân"
    assert IdentityAccessLog.objects.get().user == inspector
    offered = {a["action"] for a in body["allowed_actions"]}
    # Accepting a denunciation, or refusing to, is the head's (khoản 1 Điều 29 Luật Tố cáo):
    # proposed instead.
    assert "assign" in offered and not {"accept", "reject"} & offered
    assert body["kind"] == "to_cao" and body["status_label"] == "Đã tiếp nhận"


def test_actions_answer_with_the_contracts_status_codes(units):
    a, _b = units
    handler = UserFactory(perms=HANDLER, facility=a)
    leader = UserFactory(perms=LEADER, facility=a)  # the competent unit's leader
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=a)
    code = case.tracking_code
    client, boss = token_client(handler), token_client(leader)

    # A complaint's refusal is its competent unit's leader's: 403 naming the unit.
    refused = post(client, code, "reject", {"reason": "Quá thời hiệu"})
    assert refused.status_code == 403 and a.name in refused.json()["detail"]
    missing = post(boss, code, "reject", {"reason": "Quá thời hiệu"})
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["legal_ground"]
    assert post(client, code, "approve").status_code == 404
    assert (
        post(client, code, "conclude", {"conclusion": "x", "public_answer": "y"}).status_code == 403
    )

    # A complaint's acceptance is the head's (Điều 27 Luật Khiếu nại): 403 with the article.
    refused = post(client, code, "accept", {"note": "Đủ điều kiện"})
    assert refused.status_code == 403 and "Điều 27" in refused.json()["detail"]
    accepted = post(boss, code, "accept", {"note": "Đủ điều kiện"})
    assert accepted.status_code == 200
    body = accepted.json()
    assert body["status"] == "accepted" and body["resolve_by"]
    assert body["event"]["action"] == "accept" and body["event"]["public"] is True
    assert any(d["step"] == "resolve" and d["legal_basis"] for d in body["deadlines"])
    # Citations as Vietnamese readers write them, never the table's "Luật KN Art 28".
    assert all("Art" not in d["legal_basis"] for d in body["deadlines"]), body["deadlines"]
    assert any("Điều" in d["legal_basis"] for d in body["deadlines"])

    again = post(boss, code, "accept")
    assert again.status_code == 409 and "Đã thụ lý" in again.json()["detail"]
    stale = post(client, code, "start_verification", {"expected_status": "received"})
    assert stale.status_code == 409
    concluded = post(
        boss, code, "conclude",
        {"conclusion": "Đúng một phần", "public_answer": "Đã khắc phục.", **paper_decision(),
         "notices_given_outside": True},
    )
    assert concluded.status_code == 200 and concluded.json()["status"] == "concluded"
    assert (
        Case.objects.get(pk=case.pk)
        .history.filter(
            history_user=leader, history_change_reason="origin=api action=case_conclude"
        )
        .exists()
    )


def test_an_invalid_body_is_a_400(units):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0])
    client = token_client(UserFactory(perms=INTAKE))
    response = client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/accept",
        data="{not json",
        content_type="application/json",
    )
    assert response.status_code == 400 and "errors" in response.json()
    assert client.get(f"/api/v1/cases/{case.tracking_code}/actions/accept").status_code == 405


def test_a_session_needs_the_csrf_token(units):
    intake = UserFactory(perms=INTAKE)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(intake)  # (password sign-in goes through the form, django-axes)
    assert client.get(f"/api/v1/cases/{case.tracking_code}").status_code == 200
    refused = post(client, case.tracking_code, "accept")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/admin/login/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    accepted = post(client, case.tracking_code, "accept", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200


def test_create_api_token_prints_a_working_key_once(units):
    UserFactory(username="app-user", perms=INTAKE)
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "app-user", "--name", "ứng dụng", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert key.startswith("yt_") and "một lần" in err.getvalue()
    assert ApiToken.objects.get().name == "ứng dụng"
    client = Client(headers={"Authorization": f"Token {key}"})
    assert client.get("/api/v1/cases").status_code == 200


def test_splitting_a_denunciation_through_the_api_never_reveals_the_denouncer(units):
    # Regression: a part of a to_cao could be made a phan_anh carrying the copied
    # Reporter, which the API then showed to staff without the identity permission.
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=units[0])
    leader = token_client(UserFactory(perms=LEADER))
    parts = [{"title": "Phần hai", "content": "Việc thứ hai.", "kind": "phan_anh"}]
    refused = post(leader, case.tracking_code, "split", {"parts": parts})
    assert refused.status_code == 400 and "tố cáo" in refused.json()["errors"]["parts"][0]
    parts[0].pop("kind")
    response = post(leader, case.tracking_code, "split", {"parts": parts})
    assert response.status_code == 200, response.json()
    code = response.json()["event"]["data"]["split_into"][0]
    intake_user = UserFactory(perms=INTAKE)
    body = token_client(intake_user).get(f"/api/v1/cases/{code}").json()
    assert body["kind"] == "to_cao" and body["reporter"]["visible"] is False
    assert "Nguyễn Thị Dân" not in json.dumps(body, ensure_ascii=False)
    assert not IdentityAccessLog.objects.filter(user=intake_user).exists()


def test_due_soon_counts_working_days_as_the_dashboard_does(units, monkeypatch):
    # Regression: due_soon=true meant 3 calendar days, the dashboard 3 working days.
    from complaints.selectors.dashboard import dashboard_counters, due_soon_horizon

    friday = datetime.date(2026, 9, 4)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: friday)
    horizon = due_soon_horizon(today=friday)
    assert horizon == datetime.date(2026, 9, 9)  # Mon 7, Tue 8, Wed 9
    handler = UserFactory(perms=HANDLER, facility=units[0])
    wednesday = case_in(
        CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0], accept_by=horizon
    )
    case_in(
        CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=units[0],
        accept_by=datetime.date(2026, 9, 10),
    )  # fmt: skip
    client = token_client(handler)

    def codes(query):
        response = client.get(f"/api/v1/cases?{query}")
        assert response.status_code == 200, response.json()
        return {r["tracking_code"] for r in response.json()["results"]}

    assert codes("due_soon=true") == {wednesday.tracking_code}
    assert dashboard_counters(user=handler, today=friday).due_soon == 1
    assert codes("due_soon=3") == {wednesday.tracking_code}
    assert len(codes("due_soon=4")) == 2  # Thursday 10/9 is the 4th working day
    assert client.get("/api/v1/cases?due_soon=soon").status_code == 400
