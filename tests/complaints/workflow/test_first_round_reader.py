"""A first-round unit's leaders read the second complaint against their head's decision
(khoản 1 Điều 36, khoản 1 Điều 41 Luật Khiếu nại: the first-round resolver is told of it)
read-only (`CaseQuerySet.readable_by`, `first_round_condition`): the case page shows it with
no step, no note; every step, list and count keeps `in_scope_of`. Nobody else of the unit,
and no other unit's leader, reads it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.transitions import allowed_actions
from tests.complaints.workflow.helpers import case_in, second_round_at_so
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


def test_the_reader_sees_the_public_steps_not_the_sos_internal_work(client, rounds):
    """The person complained against is told what the parties are told (khoản 1 Điều 36,
    khoản 1 Điều 41 Luật Khiếu nại): no internal note, no internal step, no draft to propose,
    no drafts or documents panel (whose links all answer 404 to them)."""
    from django.utils import timezone

    from complaints.models import CaseEvent, InternalNote

    case = rounds["second"]
    InternalNote.objects.create(case=case, text="Ý kiến nội bộ của Thanh tra Sở")
    for action, public in (("mark_complex", False), ("accept", True)):
        CaseEvent.objects.create(case=case, action=action, at=timezone.now(), is_public=public,
                                 from_status=CaseStatus.VERIFYING,
                                 to_status=CaseStatus.VERIFYING)  # fmt: skip
    response = _page(client, rounds["leader"], case)
    html = response.content.decode()
    assert response.context["notes"] == []
    assert "Ý kiến nội bộ của Thanh tra Sở" not in html and 'id="ghi-chu"' not in html
    read = response.context["timeline"]
    assert read and all(entry.public for entry in read)
    assert "/van-ban/" not in html and "Trình lãnh đạo phê duyệt" not in html
    # the Sở's own officer still reads everything
    sở = UserFactory(facility=case.assigned_unit,
                     perms=[*STAFF, "complaints.approve_case"], admin_access=True)  # fmt: skip
    own = _page(client, sở, case)
    assert any(not entry.public for entry in own.context["timeline"])
    assert len(own.context["notes"]) == 1


def test_a_part_split_from_the_second_complaint_is_not_the_first_rounds(rounds):
    """A part split from a second complaint has the second complaint as its parent: the
    Sở's own case, not the first round's (so no "người giải quyết khiếu nại lần đầu" in its
    decision's recipients, no mail to the Sở's leaders as if they had resolved it)."""
    from complaints.documents.context import first_resolver_text
    from complaints.notifications.first_round import first_round_unit_id

    second = rounds["second"]
    assert first_round_unit_id(second) == second.parent_case.assigned_unit_id
    assert first_resolver_text(second)
    part = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=second.assigned_unit,
                   second_time=True, parent_case=second)  # fmt: skip
    assert first_round_unit_id(part) is None
    assert first_resolver_text(part) == ""
    outsider = UserFactory(facility=second.assigned_unit,
                           perms=["complaints.approve_case"], admin_access=True)  # fmt: skip
    assert not Case.objects.readable_by(outsider).filter(pk=part.pk).exclude(
        pk__in=Case.objects.in_scope_of(outsider)).exists()
