"""A draft is e-mailed (complaints/approvals/alerts.py): when proposed, to those who may
approve it — the competent unit's leaders, as the queue shows it to them, never its author,
never a leader of another unit; when returned, to its author with the reason; when
approved, to its author. One background task per step, after the commit, with the case's
code, the step, the case's deadline and links; never a tố cáo's title."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from complaints.approvals.alerts import draft_alert_deliver
from complaints.approvals.deciders import approvers
from complaints.approvals.selectors import approval_queue
from complaints.approvals.services import (
    draft_approve,
    draft_edit,
    draft_propose,
    draft_return,
    draft_withdraw,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.approve_case"]
PROVINCE_LEADER = [*LEADER, "complaints.view_all_cases"]
CONCLUSION = valid_data("conclude", facility_code="x")
ACCEPTANCE_BASIS = (
    "khoản 1 Điều 16 Nghị định 124/2020/NĐ-CP, được sửa đổi bởi Nghị định 155/2026/NĐ-CP"
)


@pytest.fixture
def people():
    department = FacilityFactory(code="SYT-QNG", name="Sở Y tế")
    unit = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ", parent=department)
    other = FacilityFactory(code="BV-DTT", name="Bệnh viện Đặng Thùy Trâm", parent=department)
    return {
        "unit": unit,
        "other_unit": other,
        "handler": UserFactory(perms=HANDLER, facility=unit, email="lan@example.vn",
                               last_name="Nguyễn Thị", first_name="Lan"),
        "director": UserFactory(perms=LEADER, facility=unit, email="minh@example.vn",
                                last_name="Trương Công", first_name="Minh"),
        "deputy": UserFactory(perms=LEADER, facility=unit, email="pho@example.vn"),
        "colleague": UserFactory(perms=HANDLER, facility=unit, email="dong@example.vn"),
        "stranger": UserFactory(perms=LEADER, facility=other, email="giam@example.vn"),
        "so_leader": UserFactory(perms=PROVINCE_LEADER, facility=department,
                                 email="so@example.vn"),
        "gone": UserFactory(perms=LEADER, facility=unit, email="nghi@example.vn",
                            is_active=False),
    }


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def complaint_waiting(unit):
    case = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit,
        accept_by=datetime.date(2026, 12, 16),
    )  # fmt: skip
    CaseDeadline.objects.create(
        case=case, step="accept", due=case.accept_by, counted_in="working_days", amount=7,
        counted_from=datetime.date(2026, 12, 7), legal_basis=ACCEPTANCE_BASIS, rule_version="t",
    )  # fmt: skip
    return case


def test_a_proposed_acceptance_is_mailed_to_the_competent_units_leaders(
    people, django_capture_on_commit_callbacks
):
    case = complaint_waiting(people["unit"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=case.pk, action="accept", data={}, actor=people["handler"],
                              origin="test", note="Kính trình anh xem.")
    [message] = mail.outbox
    # The unit's leaders, as their queues show the draft; not the author, not a handler, not
    # a leader who left, not another unit's director, not the Sở's leader (who sees the
    # case but does not decide a facility's complaint: complaints/rules/resolver.py).
    assert sorted(message.to) == ["minh@example.vn", "pho@example.vn"]
    for user in (people["director"], people["deputy"]):
        assert draft in approval_queue(user=user)
    assert draft not in approval_queue(user=people["so_leader"])
    assert case.tracking_code in message.subject and "Thụ lý" in message.subject
    body = message.body
    assert "Nguyễn Thị Lan" in body  # who proposed, family name first
    assert "Hạn thụ lý: 16/12/2026 (" in body  # and the working days left, or the days late
    assert ACCEPTANCE_BASIS in body  # the deadline's article
    assert "Điều 27" in body  # why the head decides it
    assert f"/admin/phe-duyet/{draft.pk}/" in body and f"/admin/ho-so/{case.tracking_code}/" in body
    assert "Kính trình anh xem." not in body  # the internal note stays in the system
    assert case.content not in body


def test_a_return_is_mailed_to_the_author_with_the_reason_then_the_resubmission_to_leaders(
    people, django_capture_on_commit_callbacks
):
    case = complaint_waiting(people["unit"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=case.pk, action="accept", data={}, actor=people["handler"],
                              origin="test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_return(draft_id=draft.pk, actor=people["director"], origin="test",
                     comment="Chưa có bản chữ ký của người khiếu nại.")
    [message] = mail.outbox
    assert message.to == ["lan@example.vn"]
    assert "trả lại" in message.subject and case.tracking_code in message.subject
    assert "Lý do trả lại: Chưa có bản chữ ký của người khiếu nại." in message.body
    assert "Trương Công Minh" in message.body
    assert f"/admin/phe-duyet/{draft.pk}/" in message.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_edit(draft_id=draft.pk, actor=people["handler"], data={}, origin="test",
                   comment="Đã bổ sung.")
    [again] = mail.outbox
    assert sorted(again.to) == ["minh@example.vn", "pho@example.vn"]
    assert again.subject.split("] ")[1].startswith("Trình lại")


def test_an_approval_is_mailed_to_the_author(people, django_capture_on_commit_callbacks):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"],
                   resolve_by=datetime.date(2026, 10, 1))
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=case.pk, action="conclude", data=CONCLUSION,
                              actor=people["handler"], origin="test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_approve(draft_id=draft.pk, actor=people["director"], origin="test",
                      comment="Đồng ý.")
    sent = mails_to("lan@example.vn")
    [message] = [m for m in sent if "phê duyệt" in m.subject]
    assert message.to == ["lan@example.vn"]
    assert case.tracking_code in message.subject and "Đồng ý." in message.body
    assert "Trương Công Minh đã phê duyệt" in message.body
    assert not mails_to("minh@example.vn")


def test_an_edit_by_a_leader_or_a_withdrawal_mails_nobody(
    people, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=case.pk, action="conclude", data=CONCLUSION,
                              actor=people["handler"], origin="test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_edit(draft_id=draft.pk, actor=people["director"], data=CONCLUSION, origin="test")
        draft_withdraw(draft_id=draft.pk, actor=people["handler"], origin="test")
    assert mail.outbox == []


def test_the_mail_waits_for_the_commit(people, django_capture_on_commit_callbacks):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft_propose(case_id=case.pk, action="conclude", data=CONCLUSION,
                      actor=people["handler"], origin="test")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert len(mail.outbox) == 1


def test_a_denunciation_draft_never_carries_its_title(people, django_capture_on_commit_callbacks):
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=people["unit"],
                   title="Nguyễn Văn Tố tố cáo bác sĩ nhận tiền")
    with django_capture_on_commit_callbacks(execute=True):
        draft_propose(case_id=case.pk, action="conclude",
                      data=valid_data("conclude", facility_code="x"),
                      actor=people["handler"], origin="test")
    [message] = mail.outbox
    assert "Nguyễn Văn Tố" not in message.subject + message.body
    assert "(tố cáo: nội dung chỉ xem trong hệ thống)" in message.body


def test_a_unit_without_a_leader_passes_a_handlers_draft_up_but_not_a_head_decision(people):
    from complaints.approvals.models import Draft

    lonely = FacilityFactory(code="TYT-PC", name="Trạm y tế Phổ Cường", parent=people["unit"])
    handler = UserFactory(perms=HANDLER, facility=lonely, email="tram@example.vn")
    answer = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=lonely)
    draft = draft_propose(case_id=answer.pk, action="conclude", data=CONCLUSION, actor=handler,
                          origin="test")
    # The centre above it (its leaders see the station's cases) decides a phản ánh's answer.
    assert {u.email for u in approvers(draft)} == {"minh@example.vn", "pho@example.vn"}
    for user in approvers(draft):
        assert draft in approval_queue(user=user)
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=lonely)
    head = Draft.objects.create(case=complaint, action="accept", author=handler, unit=lonely,
                                proposed_at=complaint.received_at)
    assert approvers(head) == []  # only the station's own head may accept it: logged


def test_the_recipients_are_read_in_a_fixed_number_of_queries(
    people, django_assert_num_queries
):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=people["unit"])
    draft = draft_propose(case_id=case.pk, action="conclude", data=CONCLUSION,
                          actor=people["handler"], origin="test")
    event = draft.case.events.get(action="draft_propose")
    for number in range(20):  # many leaders: no query more
        UserFactory(perms=LEADER, facility=people["unit"], email=f"ld{number}@example.vn")
    mail.outbox.clear()
    # the event, the draft (with its case and author), the leaders, the administrator's
    # version of the e-mail (none): 4 queries, whatever the number of leaders
    with django_assert_num_queries(4):
        assert draft_alert_deliver.call(draft_id=draft.pk, event_id=event.pk) == 1
    assert len(mail.outbox[0].to) == 22


def test_the_mails_greet_their_reader_by_name_else_as_the_screens_do(
    people, django_capture_on_commit_callbacks
):
    """Staff screens say "bạn": a draft's e-mail to one person greets them by their full
    name ("Kính gửi Trương Công Minh,"), one read by several leaders "Chào bạn,", and never
    the letter's "anh/chị"."""
    case = complaint_waiting(people["unit"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=case.pk, action="accept", data={}, actor=people["handler"],
                              origin="test")
    [to_leaders] = mail.outbox
    assert to_leaders.body.startswith("Chào bạn,\n")
    assert "để bạn phê duyệt" in to_leaders.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_return(draft_id=draft.pk, actor=people["director"], origin="test",
                     comment="Chưa đủ hồ sơ.")
    [returned] = mail.outbox
    assert returned.body.startswith("Kính gửi Nguyễn Thị Lan,\n")
    assert "để bạn sửa" in returned.body

    people["deputy"].is_active = False
    people["deputy"].save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_edit(draft_id=draft.pk, actor=people["handler"], data={}, origin="test")
    [to_director] = mail.outbox
    assert to_director.to == ["minh@example.vn"]
    assert to_director.body.startswith("Kính gửi Trương Công Minh,\n")

    people["handler"].first_name = people["handler"].last_name = ""
    people["handler"].save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_approve(draft_id=draft.pk, actor=people["director"], origin="test",
                      expected_version=draft.__class__.objects.get(pk=draft.pk).version)
    [approved] = [m for m in mail.outbox if "Đã phê duyệt" in m.subject]  # the step's own too
    assert approved.body.startswith("Chào bạn,\n")  # no name recorded: not the username
    for message in (to_leaders, returned, to_director, approved):
        assert "anh/chị" not in message.body
