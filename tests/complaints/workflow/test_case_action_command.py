"""`case_action`: the third entry point to the same workflow service."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("case_action", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_performs_the_action_with_history():
    leader = UserFactory(username="leader", superuser=True)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    data = json.dumps({"reason": "Hết thời hiệu", "legal_ground": "kn_time_expired"})
    result = run(case.tracking_code, "reject", "--user", "leader", "--data", data)
    assert result["to_status"] == "rejected" and result["public"] is True
    case.refresh_from_db()
    assert case.refusal_ground == "kn_time_expired"
    assert case.rejection_legal_ground == "khoản 6 Điều 11 Luật Khiếu nại"
    assert case.history.filter(
        history_user=leader, history_change_reason="origin=command action=case_reject"
    ).exists()


def test_the_command_reports_refusals_clearly():
    UserFactory(username="leader", superuser=True)
    handler = UserFactory(
        username="handler", perms=["complaints.act_on_case"], facility=FacilityFactory()
    )
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.CLOSED)
    with pytest.raises(CommandError, match="Đã đóng"):
        run(case.tracking_code, "accept", "--user", "leader")
    with pytest.raises(CommandError, match="reason"):
        run(case.tracking_code, "reopen", "--user", "leader")
    with pytest.raises(CommandError, match="phạm vi"):
        run(case.tracking_code, "reopen", "--user", handler.username, "--data", '{"reason": "x"}')
    with pytest.raises(CommandError, match="JSON"):
        run(case.tracking_code, "reopen", "--user", "leader", "--data", "{")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


@pytest.mark.parametrize("draft", [False, True])
def test_bad_json_is_explained_in_vietnamese(draft):
    UserFactory(username="leader", superuser=True)
    case = case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED)
    options = ["--propose"] if draft else []
    with pytest.raises(CommandError) as bad:
        run(case.tracking_code, "suspend", "--user", "leader", "--data", "{bad", *options)
    message = str(bad.value)
    assert message.startswith("--data không phải JSON hợp lệ (lỗi ở dòng 1, cột 2).")
    assert "Expecting" not in message and "line" not in message
    with pytest.raises(CommandError, match="đối tượng JSON"):
        run(case.tracking_code, "suspend", "--user", "leader", "--data", "[1]", *options)
