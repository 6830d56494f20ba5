"""A denunciation's conclusion, a complaint's decision, with a notice the law owes the
parties neither issued in the portal nor recorded as sent (khoản 3 Điều 29, khoản 4 Điều 30,
khoản 4 Điều 34 Luật Tố cáo; Điều 27 Luật Khiếu nại): the leader confirms that the notices
were given outside the portal, and the event keeps which were missing, for whom, and the
article (complaints/rules/owed_notices.py). Paper notices may exist: a warning, not a block."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import UserFactory, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db
FIELD = "notices_given_outside"
CONCLUSION = {"conclusion": "Tố cáo đúng một phần.", "public_answer": "Đã xử lý.",
              **paper_decision()}  # fmt: skip


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def extended(leader):
    """The walker's denunciation: accepted, complex, extended; no notice recorded."""
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    act(case, "start_verification", leader, verifier_no_conflict=True)
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    act(case, "extend", leader, reason="Cần thêm thời gian xác minh")
    case.refresh_from_db()
    return case


def issued(case, code, leader, number):
    """A document of the step issued in the portal (its text is not what is tested)."""
    draft = document_draft(case_id=case.pk, template_code=code, actor=leader, origin="test")
    Document.objects.filter(pk=draft.pk).update(
        status=DocumentStatus.ISSUED, number=number, issued_at=timezone.now())


def test_a_conclusion_without_the_notices_asks_the_leader_and_keeps_what_was_missing(leader):
    case = extended(leader)
    with pytest.raises(TransitionInvalid) as asked:
        act(case, "conclude", leader, **CONCLUSION)
    message = str(asked.value.errors[FIELD][0])
    assert "Thông báo việc thụ lý tố cáo" in message
    assert "khoản 3 Điều 29 Luật Tố cáo" in message
    assert "Thông báo gia hạn giải quyết tố cáo" in message
    assert "khoản 4 Điều 30 Luật Tố cáo" in message
    assert "người bị tố cáo" in message.lower()
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING

    event = act(case, "conclude", leader, **CONCLUSION, **{FIELD: True})
    assert event.data[FIELD] is True
    assert event.data["notices_missing"] == [
        {"notice": "notify_acceptance", "parties": ["denouncer", "accused"],
         "article": "khoản 3 Điều 29 Luật Tố cáo", "decided_on": "2026-09-01"},
        {"notice": "extension_notice", "parties": ["denouncer", "accused"],
         "article": "khoản 4 Điều 30 Luật Tố cáo",
         "decided_on": timezone.localdate().isoformat()},
    ]  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED


def test_only_the_parties_not_yet_reached_are_named(leader):
    case = extended(leader)
    # The acceptance told to the denouncer only (the automatic e-mail's paper twin).
    act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-03",
        sent_via="post", recipients=["denouncer"])  # fmt: skip
    act(case, "record_notice", leader, notice="extension_notice",
        sent_on=timezone.localdate().isoformat(),
        sent_via="post", recipients=["denouncer", "accused"])  # fmt: skip
    event = act(case, "conclude", leader, **CONCLUSION, **{FIELD: True})
    assert event.data["notices_missing"] == [
        {"notice": "notify_acceptance", "parties": ["accused"],
         "article": "khoản 3 Điều 29 Luật Tố cáo", "decided_on": "2026-09-01"},
    ]  # fmt: skip


def test_an_issued_notice_counts_for_the_parties_it_is_addressed_to(leader):
    case = extended(leader)
    for number, code in enumerate(("tc_thong_bao_thu_ly_nguoi_to_cao",
                                   "tc_thong_bao_thu_ly_nguoi_bi_to_cao",
                                   "tc_quyet_dinh_gia_han"), start=1):  # fmt: skip
        issued(case, code, leader, number)
    form = TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)
    assert FIELD not in form.fields
    event = act(case, "conclude", leader, **CONCLUSION)
    assert FIELD not in event.data and "notices_missing" not in event.data


def test_the_form_asks_with_the_warning_and_the_case_page_names_the_accused(leader, client):
    case = extended(leader)
    act(case, "record_notice", leader, notice="notify_acceptance", sent_on="2026-09-03",
        sent_via="post", recipients=["denouncer"])  # fmt: skip
    form = TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)
    help_text = str(form.fields[FIELD].help_text)
    assert "khoản 3 Điều 29 Luật Tố cáo" in help_text and "Người bị tố cáo" in help_text
    client.force_login(leader)
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    html = page.content.decode()
    # The acceptance notice, overdue, still owed to the person denounced.
    assert "chưa gửi cho: Người bị tố cáo" in html


def test_the_staff_api_answers_400_naming_the_notices_and_the_field(leader):
    case = extended(leader)
    _token, key = ApiToken.issue(user=leader, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/conclude"
    asked = api.post(url, data=json.dumps(CONCLUSION), content_type="application/json")
    assert asked.status_code == 400
    errors = asked.json()["errors"]
    assert list(errors) == [FIELD]
    assert "khoản 3 Điều 29 Luật Tố cáo" in json.dumps(errors, ensure_ascii=False)
    done = api.post(url, data=json.dumps({**CONCLUSION, FIELD: True}),
                    content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.json()
    assert done.json()["event"]["data"]["notices_missing"][0]["notice"] == "notify_acceptance"


def test_a_complaint_decided_without_its_acceptance_notice_asks_too(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    with pytest.raises(TransitionInvalid) as asked:
        act(case, "conclude", leader, **CONCLUSION)
    assert "Điều 27 Luật Khiếu nại" in str(asked.value.errors[FIELD][0])
    issued(case, "kn_thong_bao_thu_ly", leader, 1)
    event = act(case, "conclude", leader, **CONCLUSION)
    assert "notices_missing" not in event.data


def test_nothing_is_asked_of_a_case_that_owes_no_notice(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    form = TransitionForm(transition=transition_for(case=case, action="conclude"), case=case)
    assert FIELD not in form.fields
    event = act(case, "conclude", leader, **CONCLUSION)
    assert "notices_missing" not in event.data
