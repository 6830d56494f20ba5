"""A first-round unit's leaders read the second complaint against their head's decision
(khoản 1 Điều 36, khoản 1 Điều 41 Luật Khiếu nại: the first-round resolver is told of it)
read-only (`CaseQuerySet.readable_by`, `first_round_condition`): the case page shows it with
no step, no note; every step, list and count keeps `in_scope_of`. Nobody else of the unit,
and no other unit's leader, reads it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.models import Case
from complaints.transitions import allowed_actions
from tests.complaints.workflow.helpers import second_round_at_so
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*STAFF, "complaints.approve_case", "complaints.record_withdrawal"]


@pytest.fixture
def rounds():
    hospital = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm")
    other = FacilityFactory(code="BV-SN", name="Bệnh viện Sản Nhi")
    second = second_round_at_so(hospital).second
    return {
        "second": second,
        "leader": UserFactory(facility=hospital, perms=LEADER, admin_access=True),
        "officer": UserFactory(facility=hospital, perms=STAFF, admin_access=True),
        "stranger": UserFactory(facility=other, perms=LEADER, admin_access=True),
    }


def _page(client, user, case, name="detail"):
    client.force_login(user)
    return client.get(reverse(f"complaints_admin:{name}", args=[case.tracking_code]))


def test_the_first_units_leader_reads_the_second_round_without_a_step(client, rounds):
    case, leader = rounds["second"], rounds["leader"]
    response = _page(client, leader, case)
    assert response.status_code == 200
    assert response.context["action_forms"] == []
    assert response.context["reads_only"] is True and response.context["can_note"] is False
    assert "Bạn chỉ xem hồ sơ này" in response.content.decode()
    assert allowed_actions(case=case, user=leader) == []
    assert not Case.objects.in_scope_of(leader).filter(pk=case.pk).exists()
    assert Case.objects.readable_by(leader).filter(pk=case.pk).exists()


def test_no_step_nor_note_goes_through_by_hand(client, rounds):
    case = rounds["second"]
    client.force_login(rounds["leader"])
    action = reverse("complaints_admin:action", args=[case.tracking_code, "record_withdrawal"])
    assert client.get(action).status_code == 404
    note = reverse("complaints_admin:add_note", args=[case.tracking_code])
    assert client.post(note, {"text": "Ý kiến"}).status_code == 404
    assert not case.notes.exists()


@pytest.mark.parametrize("who", ["officer", "stranger"])
def test_nobody_else_reads_it(client, rounds, who):
    assert _page(client, rounds[who], rounds["second"]).status_code == 404
