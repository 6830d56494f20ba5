"""Each notice to the citizen states the case as its event left it, whenever the background
worker sends it: an acceptance followed minutes later by the decision gives an acceptance
notice without the decision or the second complaint's 30 days (counted from the decision's
notice, khoản 1 Điều 33 Luật Khiếu nại), and a decision notice with both and the decision's
number and day; a case not yet accepted has no resolution deadline in its notices. Run on the
database queue, the worker after the steps, as a worker with a backlog would."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Reporter
from complaints.notifications import sms
from complaints.services.citizen_reply import case_answer_info_request, open_info_request
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory, paper_decision

pytestmark = pytest.mark.django_db

ANSWER = "Khiếu nại sai toàn bộ: bệnh viện thu đúng giá dịch vụ đã niêm yết."


@pytest.fixture
def queued(settings, django_capture_on_commit_callbacks):
    """The database queue: the steps' tasks wait in it until `run_queued`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"
    sms.outbox.clear()
    return django_capture_on_commit_callbacks


def run_queued() -> int:
    """What the database worker does with each queued row, oldest first."""
    rows = list(DBTaskResult.objects.order_by("enqueued_at", "id"))
    for row in rows:
        row.delete()
        import_string(row.task_path).call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    return len(rows)


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def _with_sms(case):
    Reporter.objects.filter(case=case).update(consent_sms=True, phone="0905123456")
    return case


def _mail(word: str) -> str:
    found = [m.body for m in mail.outbox if word in m.subject]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    return found[0]


def test_an_acceptance_sent_after_the_decision_still_reads_as_the_acceptance(queued, leader):
    hospital = FacilityFactory(name="Bệnh viện Đa khoa khu vực Đặng Thùy Trâm")
    case = _with_sms(case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital))
    with queued(execute=True):
        act(case, "accept", leader)
    case.refresh_from_db()
    resolve_by = case.resolve_by.strftime("%d/%m/%Y")
    today = timezone.localdate().strftime("%d/%m/%Y")
    with queued(execute=True):
        act(case, "conclude", leader, conclusion="Khiếu nại sai toàn bộ.", public_answer=ANSWER,
            notices_given_outside=True, **paper_decision(symbol="01/QĐ-BV-DTT", finding="wrong"))
    assert mail.outbox == [] and sms.outbox == []  # the worker has not run yet

    run_queued()
    accepted = _mail("thụ lý")
    assert "Trạng thái: Đã thụ lý" in accepted
    assert f"Hạn giải quyết: {resolve_by}" in accepted
    for later in (ANSWER, "01/QĐ-BV-DTT", "khiếu nại lần hai", "Trả lời của cơ quan"):
        assert later not in accepted

    decided = _mail("Quyết định giải quyết khiếu nại của ông/bà")  # its subject: what happened
    assert ANSWER in decided and "Trạng thái: Đã có quyết định giải quyết" in decided
    # The decision's number and day, which the second complaint's form asks for.
    assert f"Quyết định giải quyết khiếu nại số 01/QĐ-BV-DTT ngày {today}." in decided
    assert "khiếu nại lần hai" in decided and "lan=2" in decided
    assert "Hạn giải quyết" not in decided

    first, second = (message.body for message in sms.outbox)
    assert "01/QĐ-BV-DTT" not in first and ANSWER not in first
    assert f"Quyết định giải quyết khiếu nại số 01/QĐ-BV-DTT ngày {today}." in second


def test_a_case_not_yet_accepted_has_no_resolution_deadline_in_its_notices(queued, leader):
    """Before acceptance no resolution time limit runs (the tracking page calls its date an
    estimate); the request's reply date is the request's, however late its notice goes; the
    citizen's own answer is told to them as theirs, the record keeps the staff's words."""
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    case.resolve_by = timezone.localdate() + datetime.timedelta(days=30)  # an estimate
    case.save()
    with queued(execute=True):
        act(case, "request_info", leader, message="Đề nghị gửi ảnh hóa đơn viện phí.")
    case.refresh_from_db()
    reply_by = open_info_request(case).reply_by.strftime("%d/%m/%Y")
    with queued(execute=True):
        answer = case_answer_info_request(case_id=case.pk, text="Hóa đơn số 123, ngày 01/12.")
    run_queued()

    asked = _mail("Cần ông/bà bổ sung thông tin")
    # Answered since, the request's notice still gives the request's day.
    assert f"Hạn bổ sung thông tin: hết ngày {reply_by}" in asked
    answered = _mail("Ông/bà đã bổ sung thông tin")
    assert "Ông/bà đã bổ sung thông tin; hồ sơ tiếp tục được xem xét." in answered
    assert "Người gửi" not in answered
    for body in (asked, answered):
        assert "Hạn giải quyết" not in body
    # The staff's record of the step is unchanged.
    assert answer.public_message == "Người gửi đã bổ sung thông tin; hồ sơ tiếp tục được xem xét."


def test_a_long_answer_is_not_the_subject_of_its_decision_notice(queued, leader):
    """The subject was the whole public answer ("… hoàn trả bà 1.600.000 đồng; phần còn
    lại …"): the subject names the decision (an officer's text never is one), the answer
    stays in the text."""
    long_answer = (
        "Bệnh viện chấp nhận một phần khiếu nại và hoàn trả bà 1.600.000 đồng; phần còn lại "
        "750.000 đồng là tiền dịch vụ theo yêu cầu đã được bà đồng ý bằng văn bản."
    )
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    with queued(execute=True):
        act(case, "accept", leader)
        decision = paper_decision(symbol="02/QĐ-BV", finding="partly_correct")
        act(case, "conclude", leader, conclusion="Khiếu nại đúng một phần.",
            public_answer=long_answer, notices_given_outside=True, **decision)  # fmt: skip
    run_queued()
    [decided] = [m for m in mail.outbox if long_answer in m.body]
    assert decided.subject.endswith(
        f"Hồ sơ {case.tracking_code}: Quyết định giải quyết khiếu nại của ông/bà"
    )
