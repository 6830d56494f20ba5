"""The verification team (Tổ xác minh) the step "Bắt đầu xác minh" may form
(complaints/rules/verification_team.py): one member per line, "họ và tên, chức vụ", the first
the leader; two or more (khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP); for a denunciation never the
denounced person (khoản 3 Điều 10); kept on the case with its history, in the step's event and
the timeline, shown on the case page and printed in the decision giving the verification."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.documents.context import team_listing
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.rules.verification_team import team_members, team_text
from complaints.selectors.history import case_timeline
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.complaints.admin.helpers import leader_user
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEAM = "Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên"
NUMBER_ARTICLE = "khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP"
CONFLICT_ARTICLE = "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP"


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="lanhdao", last_name="Lê", first_name="Lãnh Đạo")


def _accepted(kind, **extra):
    return case_in(kind, CaseStatus.ACCEPTED, resolve_by=_resolve_by(), **extra)


def _nothing_saved(case):
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == CaseStatus.ACCEPTED and fresh.verification_team == ""
    assert not CaseEvent.objects.filter(case=case, action="start_verification").exists()


def test_a_line_reads_name_then_position_the_first_the_leader():
    members = team_members(
        "  Nguyễn  Văn An ,  Phó Chánh Thanh tra Sở, Sở Y tế \n\n"
        "Trần Thị Bình – Thanh tra viên\nLê Văn Cường\tChuyên viên phòng Nghiệp vụ Y"
    )
    assert [(m.name, m.position, m.leader) for m in members] == [
        ("Nguyễn Văn An", "Phó Chánh Thanh tra Sở, Sở Y tế", True),
        ("Trần Thị Bình", "Thanh tra viên", False),
        ("Lê Văn Cường", "Chuyên viên phòng Nghiệp vụ Y", False),
    ]
    assert team_text(members).splitlines()[1] == "Trần Thị Bình, Thanh tra viên"
    assert team_listing(team_text(members)) == (
        "1. Nguyễn Văn An, Phó Chánh Thanh tra Sở, Sở Y tế – Tổ trưởng;\n"
        "2. Trần Thị Bình, Thanh tra viên – thành viên;\n"
        "3. Lê Văn Cường, Chuyên viên phòng Nghiệp vụ Y – thành viên."
    )


def test_the_team_is_kept_on_the_case_with_history_in_the_event_and_the_timeline(leader):
    case = _accepted(CaseKind.KHIEU_NAI)
    event = act(case, "start_verification", leader, verification_days="10",
                verification_team="Nguyễn Văn An - Phó Chánh Thanh tra Sở\n"
                                  " Trần Thị Bình ,Thanh tra viên ")
    case.refresh_from_db()
    assert case.verification_team == TEAM  # tidied: "họ và tên, chức vụ"
    assert event.data["verification_team"] == TEAM
    assert case.history.first().verification_team == TEAM
    entry = next(e for e in case_timeline(case=case, user=leader)
                 if e.action == "start_verification")
    assert ("Tổ xác minh: Nguyễn Văn An (Phó Chánh Thanh tra Sở, Tổ trưởng); Trần Thị Bình "
            "(Thanh tra viên).") in entry.detail
    change = next(c for c in entry.changes if c.field == "verification_team")
    assert change.new == "Nguyễn Văn An, Phó Chánh Thanh tra Sở; Trần Thị Bình, Thanh tra viên"


def test_without_a_team_the_assigned_officer_verifies_alone(leader):
    case = _accepted(CaseKind.KHIEU_NAI)
    event = act(case, "start_verification", leader, verification_team="  \n ")
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and case.verification_team == ""
    assert "verification_team" not in event.data


@pytest.mark.parametrize(("kind", "cites"), [(CaseKind.TO_CAO, True),
                                              (CaseKind.KHIEU_NAI, False)])
def test_a_team_of_one_is_refused_and_told_to_leave_it_blank(leader, kind, cites):
    case = _accepted(kind, accused_name="Phạm Văn Bị")
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verifier_no_conflict=True,
            verification_team="Nguyễn Văn An, Thanh tra viên")
    (message,) = invalid.value.errors["verification_team"]
    assert "từ hai người trở lên" in message and "để trống" in message
    assert "mỗi thành viên một dòng “họ và tên, chức vụ”" in message  # denwalk F5
    # The number is the decree's for a denunciation; a complaint's law copies give none.
    assert (NUMBER_ARTICLE in message) is cites
    _nothing_saved(case)


@pytest.mark.parametrize(("team", "expected"), [
    ("Nguyễn Văn An, Thanh tra viên\nTrần Thị Bình", "Dòng 2: ghi “họ và tên, chức vụ”"),
    (", Thanh tra viên\nTrần Thị Bình, Chuyên viên", "Dòng 1: ghi “họ và tên, chức vụ”"),
    ("Nguyễn Văn An, Thanh tra viên\nnguyen van an, Chuyên viên",
     "Dòng 2: nguyen van an đã có ở dòng 1"),
    ("Nguyễn Văn An, Thanh tra viên\nTrần Thị Bình, " + "x" * 200, "Dòng 2 dài quá 200 ký tự"),
    ("\n".join(f"Người số {n}, Chuyên viên" for n in range(21)), "tối đa 20 người"),
])
def test_a_badly_written_team_is_refused_line_by_line(leader, team, expected):
    case = _accepted(CaseKind.KHIEU_NAI)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verification_days="10", verification_team=team)
    assert expected in invalid.value.errors["verification_team"][0]
    _nothing_saved(case)


def test_the_denounced_person_is_never_on_the_team(leader):
    case = _accepted(CaseKind.TO_CAO, accused_name="Phạm Văn Bị")
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verifier_no_conflict=True,
            verification_team="Nguyễn Văn An, Thanh tra viên\nPHAM VAN  BI, Bác sĩ")
    (message,) = invalid.value.errors["verification_team"]
    assert "Phạm Văn Bị (dòng 2) là người bị tố cáo" in message
    assert CONFLICT_ARTICLE in message
    _nothing_saved(case)
    act(case, "start_verification", leader, verifier_no_conflict=True, verification_team=TEAM)
    assert Case.objects.get(pk=case.pk).verification_team == TEAM


def test_the_denouncers_name_never_goes_into_the_team(leader):
    # A denouncer's identity in a text others read (khoản 3 Điều 8, Điều 47 Luật Tố cáo).
    case = _accepted(CaseKind.TO_CAO, accused_name="Phạm Văn Bị")
    name = case.reporter.name
    assert name
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "start_verification", leader, verifier_no_conflict=True,
            verification_team=f"{name}, Thanh tra viên\nTrần Thị Bình, Chuyên viên")
    assert "Điều 47 Luật Tố cáo" in invalid.value.errors["verification_team"][0]
    _nothing_saved(case)


def test_the_form_asks_for_the_team_with_its_article():
    denunciation = _accepted(CaseKind.TO_CAO)
    form = TransitionForm(transition=transition_for(case=denunciation,
                                                    action="start_verification"),
                          case=denunciation)
    field = form.fields["verification_team"]
    assert not field.required and str(field.label) == "Tổ xác minh (nếu thành lập)"
    assert NUMBER_ARTICLE in str(field.help_text) and "Dòng đầu là Tổ trưởng" in str(
        field.help_text)
    complaint = _accepted(CaseKind.KHIEU_NAI)
    form = TransitionForm(transition=transition_for(case=complaint, action="start_verification"),
                          case=complaint)
    assert "khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP" in str(
        form.fields["verification_team"].help_text)


def test_the_case_page_takes_and_shows_the_team(client):
    case = _accepted(CaseKind.KHIEU_NAI)
    client.force_login(leader_user(facility=case.assigned_unit))
    url = reverse("complaints_admin:action", args=[case.tracking_code, "start_verification"])
    posted = {"start_verification-expected_status": "accepted",
              "start_verification-verification_team": "Nguyễn Văn An, Thanh tra viên"}
    refused = client.post(url, posted)
    assert refused.status_code == 400
    assert "từ hai người trở lên" in refused.content.decode()
    _nothing_saved(case)
    done = client.post(url, {**posted, "start_verification-verification_team": TEAM})
    assert done.status_code == 302
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    html = page.content.decode()
    assert "data-verification-team" in html
    assert "Nguyễn Văn An, Phó Chánh Thanh tra Sở — <strong>Tổ trưởng</strong>" in html
    assert "Trần Thị Bình, Thanh tra viên</li>" in html

