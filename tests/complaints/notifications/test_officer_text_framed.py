"""An officer's text (a request for information, an answer) is the Vietnamese record, shown as
written in any language: the notice's subject says what happened in the reader's words, never
the officer's paragraph, and the body frames the text once ("The resolving body asks you for
more information (in Vietnamese): …"). A feedback closed after its answer sends a closing
notice that does not repeat the answer (walk-english F2, F20)."""

from __future__ import annotations

import pytest
from django.utils import translation

from complaints import emails
from complaints.kinds import CaseKind, CaseStatus
from complaints.notifications.citizen import event_context
from tests.complaints.workflow.helpers import act, case_in, valid_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ASKED = "Đề nghị ông cung cấp bản chụp hóa đơn số 4521 và thẻ BHYT"
ANSWER = "Bệnh viện sẽ hoàn trả 1.200.000 đồng cho ông trong 10 ngày."


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def _notice(case, event, language: str) -> tuple[str, str]:
    case.refresh_from_db()
    with translation.override(language):
        context = event_context(case, event)
    return emails.render("citizen_event", context, language=language)


def _asked(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    return case, act(case, "request_info", leader, message=ASKED)


def _decided(leader, kind=CaseKind.KHIEU_NAI):
    case = case_in(kind, CaseStatus.VERIFYING)
    data = {**valid_data("conclude", facility_code=""), "public_answer": ANSWER}
    return case, act(case, "conclude", leader, **data)


def test_a_request_for_information_is_named_and_framed_in_vietnamese(leader):
    subject, body = _notice(*_asked(leader), "vi")
    assert subject.endswith("Cần ông/bà bổ sung thông tin về hồ sơ")
    assert ASKED not in subject
    assert f"Cơ quan giải quyết đề nghị ông/bà bổ sung thông tin như sau:\n{ASKED}" in body
    assert body.count(ASKED) == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_decision_gives_its_answer_once_and_not_as_the_subject(leader, language):
    subject, body = _notice(*_decided(leader), language)
    assert ANSWER.rstrip(".") not in subject
    assert body.count(ANSWER.rstrip(".")) == 1
    if language == "vi":
        assert subject.endswith("Quyết định giải quyết khiếu nại của ông/bà")
        assert "Quyết định giải quyết khiếu nại của ông/bà." in body


def test_a_feedback_closed_after_its_answer_does_not_repeat_it(leader):
    case, _ = _decided(leader, CaseKind.PHAN_ANH)
    closed = act(case, "close", leader)
    subject, body = _notice(case, closed, "vi")
    assert subject.endswith("Đã đóng hồ sơ")
    assert ANSWER.rstrip(".") not in body


# The English words below are the lead's compiled catalogue (locale/en), given with this
# change: they fail until it is compiled.
def test_english_notices_say_what_happened_and_frame_the_vietnamese_text(leader):
    subject, body = _notice(*_asked(leader), "en")
    assert subject.endswith("More information needed on your case")
    assert f"The resolving body asks you for more information (in Vietnamese):\n{ASKED}" in body
    subject, body = _notice(*_decided(leader), "en")
    assert subject.endswith("Decision on your complaint")
    subject, body = _notice(*_decided(leader, CaseKind.PHAN_ANH), "en")
    assert subject.endswith("Answer to your feedback")
    assert "Answer of the resolving body (in Vietnamese):\n" + ANSWER in body
