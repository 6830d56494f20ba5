"""The timeline's lines whose values are themselves labels of a table or citations (a
refusal ground and its article, the reason a petition is filed, a withdrawal's scope) read
in English for an English reader, the values rebuilt in English from what the event stores;
the Vietnamese page and the stored record unchanged; an event that does not store them
keeps showing its stored text.

The English sentences are taken from the catalogue at run time (gettext), so these tests
follow the committed catalogue."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, Reporter
from complaints.rules.refusal_grounds import GROUNDS
from complaints.selectors.event_text import system_line
from complaints.selectors.tracking import case_public_view
from tests.complaints.workflow.helpers import act, case_in, valid_data
from tests.factories import DEFAULT_PIN, UserFactory

pytestmark = pytest.mark.django_db

FILED_ON_GROUND = "Đơn được lưu, không xử lý tiếp. Căn cứ: %(ground)s (%(article)s)."
REJECTED = "Không thụ lý. Căn cứ: %(ground)s (%(article)s). %(reason)s."


def _english(msgid: str, **values) -> str:
    with translation.override("en"):
        return gettext(msgid) % values


def _ground_en(code: str) -> str:
    with translation.override("en"):
        return str(GROUNDS[code].text)


def _tracking_page(client, case, *, lang: str = "") -> str:
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 302
    suffix = f"?lang={lang}" if lang else ""
    return client.get(f"/tra-cuu/{case.tracking_code}/{suffix}").content.decode()


@pytest.fixture
def leader():
    return UserFactory(superuser=True)


def test_a_petition_filed_on_a_ground_reads_in_english_on_the_tracking_page(client, leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "file", leader, reason="ineligible", legal_ground="pa_outside_scope")
    stored = event.public_message
    assert "điểm g khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP" in stored
    english = _english(
        FILED_ON_GROUND,
        ground=_ground_en("pa_outside_scope"),
        article="Article 4(1)(g) of Decree 154/2026/ND-CP",
    )
    assert english != stored
    page = _tracking_page(client, case, lang="en")
    assert escape(english) in page
    assert "Nghị định 154/2026" not in page and "Căn cứ:" not in page
    # The Vietnamese page and the record are as they were.
    vietnamese = _tracking_page(client.__class__(), case)
    assert escape(stored) in vietnamese
    event.refresh_from_db()
    assert event.public_message == stored


def test_a_refusal_on_a_ground_reads_in_english_the_officer_s_reason_as_written(client, leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    event = act(case, "reject", leader, reason="Quá thời hiệu khiếu nại.",
                legal_ground="kn_time_expired")
    english = _english(
        REJECTED,
        ground=_ground_en("kn_time_expired"),
        article="Article 11(6) of the Law on Complaints",
        reason="Quá thời hiệu khiếu nại",
    )
    page = _tracking_page(client, case, lang="en")
    assert escape(english) in page
    assert "khoản 6 Điều 11" not in page
    assert escape(event.public_message) in _tracking_page(client.__class__(), case)


def test_a_duplicate_filed_reads_its_reason_in_english(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "file", leader, reason="duplicate")
    with translation.override("en"):
        reason = gettext("Đơn trùng nội dung đã được xử lý").lower()
        shown = case_public_view(case=case).timeline[-1]
    assert shown.message == _english("Đơn được lưu, không xử lý tiếp: %(reason)s.", reason=reason)
    assert not shown.recorded
    assert "trùng" in event.public_message


def test_an_old_event_without_the_keys_keeps_its_stored_text(leader):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    event = act(case, "reject", leader, reason="Quá thời hiệu khiếu nại",
                legal_ground="kn_time_expired")
    # As recorded before the event stored its ground: only the sentence.
    CaseEvent.objects.filter(pk=event.pk).update(data={"origin": "test"})
    with translation.override("en"):
        shown = case_public_view(case=case).timeline[-1]
    assert shown.message == event.public_message and shown.recorded


def test_a_press_response_announcement_reads_in_english_its_title_as_written(leader):
    from complaints.services.press import case_press_response_published

    case = case_in(CaseKind.BAO_CHI, CaseStatus.ACCEPTED)
    event = case_press_response_published(
        case_id=case.pk, url="/phan-hoi-bao-chi/a/", title="Phản hồi bài A", actor=leader
    )
    with translation.override("en"):
        english = system_line(event)
    assert english == _english("Sở Y tế đã đăng phản hồi: %(title)s", title="Phản hồi bài A")
    assert english != event.public_message


def test_a_ground_whose_text_changed_since_keeps_the_stored_text(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "file", leader, reason="ineligible", legal_ground="pa_court")
    CaseEvent.objects.filter(pk=event.pk).update(
        public_message=event.public_message.replace("Tòa án", "tòa án")
    )
    event.refresh_from_db()
    with translation.override("en"):
        assert system_line(event) is None


def test_an_english_filer_s_mail_reads_the_refusal_in_english(
    leader, django_capture_on_commit_callbacks
):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    Reporter.objects.update_or_create(
        case=case, defaults={"language": "en", "email": "lan@example.vn", "consent_contact": True}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "reject", leader, reason="Không có chứng cứ", legal_ground="tc_no_violator")
    [message] = mail.outbox
    assert "Article 29(1)(d) of the Law on Denunciations" in message.body
    assert _ground_en("tc_no_violator") in message.body
    assert "Không thụ lý" not in message.subject + message.body


@pytest.mark.parametrize(
    ("kind", "status", "action", "before", "expected"),
    [
        (CaseKind.PHAN_ANH, CaseStatus.RECEIVED, "forward", (), "Bảo hiểm xã hội tỉnh"),
        (CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, "record_withdrawal", (),
         "(Article 7a of Decree 124/2020/ND-CP (as added by Decree 155/2026/ND-CP))"),
        (CaseKind.TO_CAO, CaseStatus.ACCEPTED, "extend", ("mark_complex",), "extension 1"),
        (CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, "schedule_dialogue", (), "09:00"),
        (CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, "suspend", (), ""),
        (CaseKind.KHIEU_NAI, CaseStatus.CLOSED, "escalate", (), "YT-"),
        (CaseKind.PHAN_ANH, CaseStatus.ACCEPTED, "split", (), "YT-"),
        (CaseKind.KHIEU_NAI, CaseStatus.CLOSED, "reopen", (), "Quyết định 12/QĐ-SYT"),
    ],
)
def test_every_line_the_portal_writes_with_values_reads_in_english(
    leader, kind, status, action, before, expected
):
    case = case_in(kind, status)
    for step in before:
        act(case, step, leader, **valid_data(step, facility_code=case.facility.code, kind=kind))
    event = act(case, action, leader,
                **valid_data(action, facility_code=case.facility.code, kind=kind))
    with translation.override("en"):
        english = system_line(event)
    assert english and english != event.public_message, event.public_message
    assert expected in english
    assert "Điều " not in english and "Nghị định" not in english


def test_an_issued_document_reads_its_type_in_english_and_a_record_follows_its_label(
    client, leader
):
    """"Issued thông báo no. 01/TB-…" read the type in Vietnamese inside the English line;
    and an officer's text followed its English label with no stop between them."""
    from django.utils import timezone

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    CaseEvent.objects.create(
        case=case, action="document_issued", from_status=case.status, to_status=case.status,
        actor=leader, at=timezone.now(), is_public=True,
        public_message="Đã ban hành thông báo số 01/TB-BV: Về việc thụ lý",
        data={"document_type": "thong_bao", "symbol": "01/TB-BV", "summary": "Về việc thụ lý"},
    )  # fmt: skip
    from tests.factories import paper_decision

    answer = "Bệnh viện chấp nhận một phần khiếu nại và hoàn trả 1.600.000 đồng."
    act(case, "conclude", leader, conclusion="Khiếu nại đúng một phần.", public_answer=answer,
        **paper_decision(symbol="02/QĐ-BV", finding="partly_correct"))  # fmt: skip
    page = _tracking_page(client, case, lang="en")
    assert "Issued notice no. 01/TB-BV: Về việc thụ lý" in page
    assert "thông báo no." not in page
    conclusion = CaseEvent.objects.get(case=case, action="conclude")
    assert f'</strong>: <span lang="vi">{escape(conclusion.public_message)}</span>' in page
