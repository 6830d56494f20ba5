"""The notices owed before a conclusion (complaints/rules/owed_notices.py), decision by
decision:

- a complaint's acceptance notice (Điều 27, khoản 1 Điều 36 Luật Khiếu nại; Mẫu số 03 Nghị
  định 124/2020) is a notice like the others: a step opened by the acceptance, recorded as
  sent on paper (`record_notice`), shown on the case page; a complaint accepted before it
  had its step is still judged by its events and documents;
- every decision owes its own notice: a denunciation extended twice, or suspended and
  resumed twice, has each of its notices checked (khoản 4 Điều 30, khoản 4 Điều 34 Luật Tố
  cáo), not only the latest one's."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline
from complaints.rules import owed_notices
from complaints.services.workflow import TransitionInvalid
from tests.factories import UserFactory, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
FIELD = "notices_given_outside"
CONCLUSION = {"conclusion": "Đúng một phần.", "public_answer": "Đã xử lý.", **paper_decision()}
ACCEPTANCE = "complaint_acceptance_notice"


def _today():
    return timezone.localdate().isoformat()


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def accepted_complaint(leader, **extra):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, **extra)
    act(case, "accept", leader, decided_on="2026-09-01")
    case.refresh_from_db()
    return case


def issued(case, code, leader, number):
    draft = document_draft(case_id=case.pk, template_code=code, actor=leader, origin="test")
    Document.objects.filter(pk=draft.pk).update(
        status=DocumentStatus.ISSUED, number=number, issued_at=timezone.now()
    )


# ---- a complaint's acceptance notice --------------------------------------------------------


def test_a_complaint_acceptance_notice_given_on_paper_is_recorded_and_seen(leader, client):
    case = accepted_complaint(leader)
    assert owed_notices.missing(case) == [
        {"notice": ACCEPTANCE, "parties": ["complainant"], "article": "Điều 27 Luật Khiếu nại",
         "decided_on": "2026-09-01"},
    ]  # fmt: skip
    client.force_login(leader)
    url = reverse("complaints_admin:detail", args=[case.tracking_code])
    html = client.get(url).content.decode()
    assert "Thông báo thụ lý giải quyết khiếu nại" in html
    assert "chưa gửi cho: Người khiếu nại" in html

    act(case, "record_notice", leader, notice=ACCEPTANCE, sent_on="2026-09-02",
        sent_via="post", recipients=["complainant"], document_ref="05/TB-SYT")  # fmt: skip
    assert owed_notices.missing(case) == []
    html = client.get(url).content.decode()
    assert "đã gửi 02/09/2026" in html
    assert 'id="thong-bao-cac-ben"' not in html
    event = act(case, "conclude", leader, **CONCLUSION)
    assert FIELD not in event.data and "notices_missing" not in event.data


def test_a_second_time_complaint_cites_khoan_1_dieu_36(leader):
    case = accepted_complaint(leader, second_time=True)
    assert [item["article"] for item in owed_notices.missing(case)] == [
        "khoản 1 Điều 36 Luật Khiếu nại"
    ]


def test_a_complaint_accepted_before_its_step_existed_is_judged_by_its_documents(leader):
    """Existing data: an acceptance recorded before the notice had its step has no row (and
    so no recorded sending): owed by its event, given by an issued Mẫu số 03."""
    case = accepted_complaint(leader)
    CaseDeadline.objects.filter(case=case, step=ACCEPTANCE).delete()
    assert [item["notice"] for item in owed_notices.missing(case)] == [ACCEPTANCE]
    issued(case, "kn_thong_bao_thu_ly", leader, 1)
    assert owed_notices.missing(case) == []


# ---- every decision its notice --------------------------------------------------------------


def very_complex_denunciation(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-02",
        sent_via="post", recipients=["denouncer", "accused"])  # fmt: skip
    act(case, "start_verification", leader, verifier_no_conflict=True)
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh", very_complex=True)
    return case


def test_each_extension_owes_its_notice(leader):
    case = very_complex_denunciation(leader)
    act(case, "extend", leader, reason="Cần thêm thời gian xác minh")
    # The first extension told to the denouncer only, the second to both.
    act(case, "record_notice", leader, notice="extension_notice", sent_on=_today(),
        sent_via="post", recipients=["denouncer"])  # fmt: skip
    act(case, "extend", leader, reason="Cần giám định thêm")
    act(case, "record_notice", leader, notice="extension_notice", sent_on=_today(),
        sent_via="post", recipients=["denouncer", "accused"])  # fmt: skip
    with pytest.raises(TransitionInvalid) as asked:
        act(case, "conclude", leader, **CONCLUSION)
    message = str(asked.value.errors[FIELD][0])
    assert "Thông báo gia hạn giải quyết tố cáo" in message
    assert "khoản 4 Điều 30 Luật Tố cáo" in message
    event = act(case, "conclude", leader, **CONCLUSION, **{FIELD: True})
    assert event.data["notices_missing"] == [
        {"notice": "extension_notice", "parties": ["accused"],
         "article": "khoản 4 Điều 30 Luật Tố cáo", "decided_on": _today()},
    ]  # fmt: skip


def test_extended_suspended_resumed_twice_lists_each_missing_notice(leader, client):
    case = very_complex_denunciation(leader)
    act(case, "extend", leader, reason="Cần thêm thời gian xác minh")
    act(case, "suspend", leader, reason="Chờ kết quả giám định", decided_on="2026-09-10")
    act(case, "resume", leader, decided_on="2026-09-14")
    act(case, "suspend", leader, reason="Chờ cơ quan khác", decided_on="2026-09-21")
    act(case, "resume", leader, decided_on="2026-09-25")
    # Only the latest suspension and resumption recorded as sent to both parties.
    for notice, day in (("suspension_notice", "2026-09-22"), ("resumption_notice", "2026-09-26")):
        act(case, "record_notice", leader, notice=notice, sent_on=day, sent_via="post",
            recipients=["denouncer", "accused"])  # fmt: skip
    both = ["denouncer", "accused"]
    # By the decisions' days (the extension, with no day of its own, is today's).
    assert owed_notices.missing(case) == [
        {"notice": "suspension_notice", "parties": both,
         "article": "khoản 1 và khoản 4 Điều 34 Luật Tố cáo", "decided_on": "2026-09-10"},
        {"notice": "resumption_notice", "parties": both,
         "article": "khoản 2 Điều 34, điểm c khoản 1 Điều 9 Luật Tố cáo",
         "decided_on": "2026-09-14"},
        {"notice": "extension_notice", "parties": both,
         "article": "khoản 4 Điều 30 Luật Tố cáo", "decided_on": _today()},
    ]  # fmt: skip
    client.force_login(leader)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    warning = html.decode().split('id="thong-bao-cac-ben"')[1].split("</div>")[0]
    assert "10/09/2026" in warning and "14/09/2026" in warning
    assert "21/09/2026" not in warning
