"""`Idempotency-Key` on the drafts API, as on the case actions: a proposal or a decision
retried after a lost answer gets the first answer again (status and body) and acts once;
the same key with another body is a 409; each user's keys are their own; without the
header nothing changes. Two identical requests at once act once (PostgreSQL)."""

from __future__ import annotations

import datetime
import json
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from complaints.approvals import services
from complaints.approvals.models import Draft, DraftStatus
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent
from complaints.services import workflow
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
CONCLUSION = valid_data("conclude", facility_code="x")
CONFLICT = "Idempotency-Key này đã được dùng cho một nội dung khác."


def client_of(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, path, body=None, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        path, data=json.dumps(body or {}), content_type="application/json", **headers
    )


def a_case(unit):
    return case_in(
        CaseKind.PHAN_ANH,
        CaseStatus.VERIFYING,
        facility=unit,
        resolve_by=datetime.date(2026, 10, 1),
    )


@pytest.fixture
def setting(db):
    unit = FacilityFactory(code="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=unit, username="coan")
    leader = UserFactory(perms=LEADER, facility=unit, username="lanhdao")
    return a_case(unit), handler, leader


def steps(case, code):
    return CaseEvent.objects.filter(case=case, action=code).count()


def test_a_retried_proposal_answers_the_first_201_and_proposes_once(setting):
    case, handler, _leader = setting
    client = client_of(handler)
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    body = {**CONCLUSION, "note": "Trình anh duyệt."}
    first = post(client, path, body, key="de-xuat-1")
    assert first.status_code == 201, first.content
    again = post(client, path, body, key="de-xuat-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Draft.objects.filter(case=case).count() == 1
    assert steps(case, "draft_propose") == 1
    # Without the header, as before: a second proposal is a double click (409).
    assert post(client, path, body).status_code == 409


def test_a_retried_approval_answers_the_first_200_with_its_event_and_acts_once(setting):
    case, handler, leader = setting
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    draft_id = post(client_of(handler), path, CONCLUSION).json()["id"]
    client = client_of(leader)
    approve = f"/api/v1/drafts/{draft_id}/approve"
    first = post(client, approve, {"comment": "Đồng ý."}, key="duyet-1")
    assert first.status_code == 200, first.content
    assert first.json()["event"]["to_status"] == CaseStatus.CONCLUDED
    again = post(client, approve, {"comment": "Đồng ý."}, key="duyet-1")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert steps(case, "conclude") == 1 and steps(case, "draft_approve") == 1
    assert Draft.objects.get(pk=draft_id).comments.count() == 1
    # Without the header (or with a new key), as before: the draft is decided (409).
    assert post(client, approve, {"comment": "Đồng ý."}).status_code == 409
    assert post(client, approve, {"comment": "Đồng ý."}, key="duyet-2").status_code == 409


@pytest.mark.parametrize(
    ("who", "decision", "body", "status"),
    [
        ("leader", "return", {"comment": "Thêm số liệu."}, DraftStatus.RETURNED),
        ("leader", "edit", {"data": {**CONCLUSION, "conclusion": "Sửa."}}, DraftStatus.PENDING),
        ("handler", "withdraw", {}, DraftStatus.WITHDRAWN),
    ],
)
def test_every_other_decision_retried_answers_the_first_and_acts_once(
    setting, who, decision, body, status
):
    case, handler, leader = setting
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    draft_id = post(client_of(handler), path, CONCLUSION).json()["id"]
    client = client_of({"leader": leader, "handler": handler}[who])
    first = post(client, f"/api/v1/drafts/{draft_id}/{decision}", body, key="quyet-1")
    assert first.status_code == 200, first.content
    assert first.json()["status"] == status
    again = post(client, f"/api/v1/drafts/{draft_id}/{decision}", body, key="quyet-1")
    assert (again.status_code, again.json()) == (200, first.json())
    assert steps(case, f"draft_{decision}") == 1
    assert Draft.history.filter(id=draft_id).count() == 2  # proposed, then this decision


def test_the_same_key_with_another_body_is_refused_with_409_in_the_callers_language(setting):
    case, handler, leader = setting
    client = client_of(handler)
    path = f"/api/v1/cases/{case.tracking_code}/drafts/conclude"
    assert post(client, path, CONCLUSION, key="k-1").status_code == 201
    other = {**CONCLUSION, "conclusion": "Một kết luận khác."}
    refused = post(client, path, other, key="k-1")
    assert (refused.status_code, refused.json()) == (409, {"detail": CONFLICT})
    english = post(client, f"{path}?lang=en", other, key="k-1")
    assert english.status_code == 409
    assert english.json()["detail"].startswith("This Idempotency-Key ")
    assert "used" in english.json()["detail"]
    draft_id = Draft.objects.get(case=case).pk
    # Another decision, or another draft, under a key already used is refused too.
    leader_client = client_of(leader)
    assert post(leader_client, f"/api/v1/drafts/{draft_id}/approve", key="d-1").status_code == 200
    refused = post(
        leader_client, f"/api/v1/drafts/{draft_id}/approve", {"comment": "Khác."}, key="d-1"
    )
    assert (refused.status_code, refused.json()) == (409, {"detail": CONFLICT})
    # One key space per user: a case action's key is not a draft's.
    action = post(leader_client, f"/api/v1/cases/{case.tracking_code}/actions/close", {}, key="d-1")
    assert (action.status_code, action.json()) == (409, {"detail": CONFLICT})
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


def test_a_key_is_the_callers_own(setting):
    case, handler, leader = setting
    colleague = UserFactory(perms=HANDLER, facility=case.facility)
    other_case = a_case(case.facility)
    mine = post(
        client_of(handler),
        f"/api/v1/cases/{case.tracking_code}/drafts/conclude",
        CONCLUSION,
        key="chung",
    )
    theirs = post(
        client_of(colleague),
        f"/api/v1/cases/{other_case.tracking_code}/drafts/conclude",
        CONCLUSION,
        key="chung",
    )
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert theirs.json()["tracking_code"] == other_case.tracking_code
    bad = post(
        client_of(handler),
        f"/api/v1/cases/{other_case.tracking_code}/drafts/extend",
        {},
        key="khóa có dấu",
    )
    assert bad.status_code == 400 and "idempotency_key" in bad.json()["errors"]


def test_the_schema_shows_the_header_on_every_drafts_post(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/cases/{tracking_code}/drafts/{action}",
        "/api/v1/drafts/{draft_id}/{decision}",
    ):
        headers = {p["name"]: p for p in paths[path]["post"]["parameters"] if p["in"] == "header"}
        assert headers["Idempotency-Key"]["required"] is False
        assert "409" in headers["Idempotency-Key"]["description"]


# -- Two identical requests at once (PostgreSQL: row locks) ----------------------------


@pytest.fixture
def postgresql(postgres_url):
    # CI runs the suite twice: on SQLite (skipped here) and on PostgreSQL (runs).
    if connection.vendor != "postgresql":
        pytest.skip("row-lock test needs the suite on PostgreSQL (DATABASE_URL=postgres://…)")


def _run_in_thread(results, name, service, **kwargs):
    try:
        results[name] = service(**kwargs)
    except Exception as error:  # the assertion looks at what each thread got
        results[name] = error
    finally:
        connections.close_all()


def _at_once(service, slow_action, monkeypatch, **kwargs):
    """`service(**kwargs)` twice, the second started while the first holds its lock
    (inside the slowed workflow handler of `slow_action`, or of the proposal's check)."""
    holds_lock = threading.Event()
    if slow_action:
        original = workflow._HANDLERS[slow_action]

        def slow(step):
            holds_lock.set()
            time.sleep(0.6)
            original(step)

        monkeypatch.setitem(workflow._HANDLERS, slow_action, slow)
    else:
        original = services.is_proposable

        def slow(*args, **kwargs):  # is_proposable(action, kind)
            holds_lock.set()
            time.sleep(0.6)
            return original(*args, **kwargs)

        monkeypatch.setattr(services, "is_proposable", slow)
    results: dict = {}
    first = threading.Thread(target=_run_in_thread, args=(results, "first", service), kwargs=kwargs)
    second = threading.Thread(
        target=_run_in_thread, args=(results, "second", service), kwargs=kwargs
    )
    first.start()
    assert holds_lock.wait(10)
    started = time.monotonic()
    second.start()
    first.join(20)
    second.join(20)
    assert time.monotonic() - started >= 0.3  # the second waited for the first's commit
    return results["first"], results["second"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_identical_approvals_at_once_act_once(postgresql, monkeypatch):
    unit = FacilityFactory(code="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=unit)
    leader = UserFactory(perms=LEADER, facility=unit)
    case = a_case(unit)
    draft = services.draft_propose(
        case_id=case.pk, action="conclude", data=CONCLUSION, actor=handler, origin="test"
    )
    first, second = _at_once(
        services.draft_approve, "conclude", monkeypatch,
        draft_id=draft.pk, actor=leader, origin="test", idempotency_key="duyet-cung-luc",
    )  # fmt: skip
    assert isinstance(first, CaseEvent), first
    assert isinstance(second, CaseEvent), second
    assert first.pk == second.pk
    assert steps(case, "conclude") == 1 and steps(case, "draft_approve") == 1
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CONCLUDED


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_identical_proposals_at_once_propose_once(postgresql, monkeypatch):
    unit = FacilityFactory(code="TTYT-DP")
    handler = UserFactory(perms=HANDLER, facility=unit)
    case = a_case(unit)
    first, second = _at_once(
        services.draft_propose, None, monkeypatch,
        case_id=case.pk, action="conclude", data=CONCLUSION, actor=handler, origin="test",
        idempotency_key="de-xuat-cung-luc",
    )  # fmt: skip
    assert isinstance(first, Draft), first
    assert isinstance(second, Draft), second
    assert first.pk == second.pk
    assert Draft.objects.filter(case=case).count() == 1
    assert steps(case, "draft_propose") == 1
