"""`Idempotency-Key` on the staff API's actions: a retried split (an action that leaves
the status unchanged, so `expected_status` cannot protect it) files its parts once; the
same key with another body is refused with 409, as for a citizen's submission."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent, FacilityKind
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

LEADER = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases",
          "complaints.view_denouncer_identity", "complaints.approve_case"]  # fmt: skip
PARTS = [{"title": "Phần hai", "content": "Việc thứ hai, ở khoa khác."}]


def client_for(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def split(client, code, parts, key):
    return client.post(f"/api/v1/cases/{code}/actions/split", data=json.dumps({"parts": parts}),
                       content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)  # fmt: skip


def test_a_retried_split_with_the_same_key_files_the_parts_once():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=FacilityFactory())
    client = client_for(UserFactory(perms=LEADER))
    first = split(client, case.tracking_code, PARTS, "tach-ho-so-1")
    assert first.status_code == 200, first.json()
    children = Case.objects.exclude(pk=case.pk).count()
    sent = len(mail.outbox)
    assert children == 1

    again = split(client, case.tracking_code, PARTS, "tach-ho-so-1")
    assert again.status_code == 200
    assert again.json()["event"] == first.json()["event"]  # the first answer's event
    assert Case.objects.exclude(pk=case.pk).count() == 1
    assert CaseEvent.objects.filter(case=case, action="split").count() == 1
    assert len(mail.outbox) == sent

    # Without a key (or with a new one) the action is taken again, as asked.
    assert split(client, case.tracking_code, PARTS, "tach-ho-so-2").status_code == 200
    assert Case.objects.exclude(pk=case.pk).count() == 2


def test_the_same_key_with_another_body_is_refused_and_nothing_is_done():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=FacilityFactory())
    client = client_for(UserFactory(perms=LEADER))
    assert split(client, case.tracking_code, PARTS, "k-1").status_code == 200
    other = [{"title": "Phần ba", "content": "Một việc khác hẳn."}]
    refused = split(client, case.tracking_code, other, "k-1")
    assert refused.status_code == 409
    assert refused.json() == {"detail": "Idempotency-Key này đã được dùng cho một nội dung khác."}
    assert Case.objects.exclude(pk=case.pk).count() == 1


def test_a_key_is_the_callers_own_and_must_be_printable_ascii():
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=FacilityFactory())
    first, second = client_for(UserFactory(perms=LEADER)), client_for(UserFactory(perms=LEADER))
    assert split(first, case.tracking_code, PARTS, "chung").status_code == 200
    assert split(second, case.tracking_code, PARTS, "chung").status_code == 200
    assert Case.objects.exclude(pk=case.pk).count() == 2
    bad = split(first, case.tracking_code, PARTS, "khóa có dấu")
    assert bad.status_code == 400 and "idempotency_key" in bad.json()["errors"]


def test_a_retried_assign_that_moved_the_case_out_of_scope_is_replayed_not_refused():
    # Handed back to the Sở's intake office (a unit gives a case to no other unrelated
    # unit): out of the handler's scope once moved.
    home = FacilityFactory(code="TTYT-A")
    other = FacilityFactory(code="VP-SYT", kind=FacilityKind.OFFICE)
    handler = UserFactory(perms=["complaints.view_case", "complaints.act_on_case"], facility=home)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=home)
    client = client_for(handler)

    def assign():
        return client.post(
            f"/api/v1/cases/{case.tracking_code}/actions/assign",
            # handing a case up names the reason and its basis (Điều 19, khoản 1 Điều 20
            # Luật Khiếu nại): required since a facility may not simply pass a case on
            data=json.dumps({"facility": other.code,
                             "note": "Không thuộc thẩm quyền của trung tâm: việc của Sở."}),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="giao-1",
        )

    first = assign()
    assert first.status_code == 200, first.json()
    again = assign()
    assert again.status_code == 200 and again.json() == first.json()
    assert CaseEvent.objects.filter(case=case, action="assign").count() == 1
