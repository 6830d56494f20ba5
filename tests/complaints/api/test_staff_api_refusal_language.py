"""Every refusal of the staff API reads in the caller's language: the 403 of a role that
may not take a step, the 400 of fields the service refuses, the CSRF check of a session.
The services decide (and store) in Vietnamese; their refusals carry the message unrendered
(`portal.lazy_text`), rendered by the answer in the language asked; Vietnamese by default.
Before, a caller asking English got `Content-Language: en` over a Vietnamese refusal, and
the CSRF refusal put Django's English reason inside a Vietnamese sentence."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client

from complaints.approvals.models import Draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent
from tests.complaints.workflow.helpers import case_in, valid_data
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.view_all_cases", "complaints.approve_case"]
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def token_client(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="t")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, path, body=None, **extra):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json",
                       **extra)


def act(client, case, action, body=None, **extra):
    return post(client, f"/api/v1/cases/{case.tracking_code}/actions/{action}", body, **extra)


def test_a_step_out_of_the_role_is_refused_in_the_callers_language():
    unit = FacilityFactory()
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit)
    handler = token_client(UserFactory(perms=HANDLER, facility=unit))

    english = act(handler, complaint, "accept", {"note": "ok"}, **ENGLISH)
    assert english.status_code == 403 and english["Content-Language"] == "en"
    detail = english.json()["detail"]
    assert detail.startswith(f"Only the leaders of {unit.name}, the unit competent"), detail
    assert "You may not take “Accept” on this case yourself" in detail, detail
    assert "Law on Complaints" in detail
    assert not {"Điều", "Luật", "Bạn", "hồ sơ"} & set(detail.replace("“", " ").split()), detail

    vietnamese = act(handler, complaint, "accept", {"note": "ok"})
    assert vietnamese.status_code == 403
    detail = vietnamese.json()["detail"]
    assert detail.startswith(f"Chỉ lãnh đạo {unit.name}, đơn vị có thẩm quyền"), detail
    assert "Bạn không có quyền tự thực hiện “Thụ lý” với hồ sơ này" in detail
    assert "Luật Khiếu nại" in detail


def test_an_approval_of_ones_own_draft_is_refused_in_the_callers_language():
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=datetime.date(2026, 10, 1))
    leader = token_client(UserFactory(perms=LEADER, facility=unit))
    proposed = post(leader, f"/api/v1/cases/{case.tracking_code}/drafts/conclude",
                    valid_data("conclude", facility_code="x"))
    assert proposed.status_code == 201, proposed.content
    approve = f"/api/v1/drafts/{proposed.json()['id']}/approve"

    english = post(leader, approve, **ENGLISH)
    assert english.status_code == 403
    assert english.json()["detail"] == "Nobody may approve their own draft."
    vietnamese = post(leader, approve)
    assert vietnamese.json()["detail"] == "Không ai được tự phê duyệt dự thảo của chính mình."


def test_fields_the_service_refuses_read_in_the_callers_language_and_the_record_stays_vietnamese():
    unit = FacilityFactory()
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit)
    leader = token_client(UserFactory(perms=LEADER, facility=unit))
    fields = {"reason": "Quá thời hiệu", "note": "x" * 4001}

    english = act(leader, complaint, "reject", fields, **ENGLISH)
    assert english.status_code == 400 and english["Content-Language"] == "en"
    assert english.json()["errors"] == {
        "legal_ground": ["This field is required."],
        "note": ["At most 4000 characters."],
    }
    vietnamese = act(leader, complaint, "reject", fields)
    assert vietnamese.json()["errors"] == {
        "legal_ground": ["Trường này là bắt buộc."],
        "note": ["Tối đa 4000 ký tự."],
    }

    # The same step taken in English is recorded in Vietnamese.
    taken = act(leader, complaint, "accept", {"note": "Đủ điều kiện"}, **ENGLISH)
    assert taken.status_code == 200, taken.content
    event = CaseEvent.objects.get(case=complaint, action="accept")
    assert event.public_message and "the" not in event.public_message.split()
    assert taken.json()["event"]["message"] == event.public_message


def test_a_returned_draft_without_a_comment_reads_in_the_callers_language():
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=datetime.date(2026, 10, 1))
    handler = token_client(UserFactory(perms=HANDLER, facility=unit))
    leader = token_client(UserFactory(perms=LEADER, facility=unit))
    proposed = post(handler, f"/api/v1/cases/{case.tracking_code}/drafts/conclude",
                    {**valid_data("conclude", facility_code="x"), "note": "Trình duyệt."})
    assert proposed.status_code == 201, proposed.content
    returned = f"/api/v1/drafts/{proposed.json()['id']}/return"

    english = post(leader, returned, **ENGLISH)
    assert english.status_code == 400
    assert english.json()["errors"] == {"comment": ["Write a comment when returning a draft."]}
    vietnamese = post(leader, returned)
    assert vietnamese.json()["errors"] == {"comment": ["Hãy ghi ý kiến khi trả lại dự thảo."]}
    # The proposal's note, stored, stays as written.
    assert Draft.objects.get().comments.get().text == "Trình duyệt."


def session_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)  # (password sign-in goes through the form, django-axes)
    return client


def test_the_csrf_refusal_is_one_sentence_in_the_callers_language():
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    client = session_client(UserFactory(perms=LEADER, facility=unit))

    vietnamese = act(client, case, "accept")
    assert vietnamese.status_code == 403
    assert vietnamese.json()["detail"] == (
        "Yêu cầu bị từ chối vì chưa có cookie CSRF (csrftoken): hãy mở một trang quản trị "
        "(/admin/) để nhận cookie, rồi gửi lại với giá trị của nó trong tiêu đề X-CSRFToken."
    )
    english = act(client, case, "accept", **ENGLISH)
    assert english.status_code == 403 and english["Content-Language"] == "en"
    assert english.json()["detail"] == (
        "Request refused: there is no CSRF cookie (csrftoken). Open a page of the admin "
        "(/admin/) to get it, then send again with its value in the X-CSRFToken header."
    )

    client.get("/admin/login/")  # sets the csrftoken cookie; the header is still missing
    vietnamese = act(client, case, "accept")
    assert vietnamese.json()["detail"] == (
        "Yêu cầu bị từ chối vì thiếu hoặc sai mã CSRF: hãy gửi giá trị của cookie csrftoken "
        "trong tiêu đề X-CSRFToken."
    )
    english = act(client, case, "accept", **ENGLISH)
    assert english.json()["detail"] == (
        "Request refused: the CSRF token is missing or wrong. Send the value of the csrftoken "
        "cookie in the X-CSRFToken header."
    )


def test_a_csrf_refusal_of_an_untrusted_origin_names_no_english_reason():
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    client = session_client(UserFactory(perms=LEADER, facility=unit))
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    foreign = {"HTTP_X_CSRFTOKEN": token, "HTTP_ORIGIN": "https://evil.example"}

    vietnamese = act(client, case, "accept", **foreign).json()["detail"]
    assert vietnamese == (
        "Yêu cầu bị từ chối vì không đến từ địa chỉ của cổng (tiêu đề Origin hoặc Referer "
        "không thuộc các địa chỉ được tin cậy)."
    )
    english = act(client, case, "accept", **foreign, **ENGLISH).json()["detail"]
    assert english == (
        "Request refused: it does not come from the portal's address (its Origin or Referer "
        "header is not a trusted address)."
    )


# Any letter of Vietnamese beyond ASCII (đ, ă, â, ê, ô, ơ, ư and the five tones).
VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def bad_values(unit) -> list[tuple[Case, str, dict, set[str]]]:
    """(case, action, body, the fields refused): one bad value of each kind of field the
    workflow cleans: a day (ill-formed, in the future, before the receipt), a moment, a
    yes/no, a legal ground, a facility, a category, a handler, a linked case, an attachment,
    the parts of a split, a decision signed on paper without its day."""
    def case(kind, status=CaseStatus.RECEIVED):
        return case_in(kind, status, facility=unit, resolve_by=datetime.date(2027, 3, 1))

    complaint, report = case(CaseKind.KHIEU_NAI), case(CaseKind.PHAN_ANH)
    verifying = case(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    accepted = case(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED)
    return [
        (complaint, "accept", {"decided_on": "2026-02-30"}, {"decided_on"}),
        (complaint, "accept", {"decided_on": "2099-01-01"}, {"decided_on"}),
        (complaint, "accept", {"decided_on": "2026-01-05"}, {"decided_on"}),
        (verifying, "schedule_dialogue",
         {"scheduled_at": "ngày mai", "place": "Phòng họp", "participants": "Các bên",
          "notified_on": "2099-01-01"}, {"scheduled_at", "notified_on"}),
        (complaint, "correct_facts",
         {"reason": "Sửa", "about_facility": "KHONG-CO", "category": "khong-co",
          "second_time": "có lẽ"}, {"about_facility", "category", "second_time"}),
        (complaint, "reject", {"reason": "Quá thời hiệu", "legal_ground": "khong-co"},
         {"legal_ground"}),
        (report, "assign", {"facility": "KHONG-CO"}, {"facility"}),
        (report, "assign", {"facility": unit.code, "user": "khong-co-ai"}, {"user"}),
        (report, "file", {"reason": "duplicate", "duplicate_of": "YT-2026-999999"},
         {"duplicate_of"}),
        (report, "withdraw",
         {"form": "written", "document_ref": "Đơn rút", "attachment": "999999"}, {"attachment"}),
        (report, "split", {"parts": "một phần"}, {"parts"}),
        (report, "split", {"parts": [{"title": "", "content": ""}]}, {"parts"}),
        (report, "split", {"parts": [{"title": "A", "content": "B", "category": "khong-co"}]},
         {"parts"}),
        (accepted, "start_verification", {"paper_decision_symbol": "12/QĐ-SYT"},
         {"paper_decision_date"}),
        (accepted, "start_verification",
         {"paper_decision_symbol": "12/QĐ-SYT", "paper_decision_date": "2099-01-01"},
         {"paper_decision_date"}),
    ]


def test_every_bad_value_of_a_step_is_refused_in_the_callers_language():
    unit = FacilityFactory()
    leader = token_client(
        UserFactory(perms=[*LEADER, "complaints.record_withdrawal"], facility=unit)
    )
    for case, action, body, fields in bad_values(unit):
        english = act(leader, case, action, body, **ENGLISH)
        assert english.status_code == 400, (action, body, english.content)
        errors = english.json()["errors"]
        assert fields <= set(errors), (action, body, errors)
        for message in (m for messages in errors.values() for m in messages):
            assert not VIETNAMESE_LETTER.search(message), (action, body, message)

        vietnamese = act(leader, case, action, body)
        assert vietnamese.status_code == 400, (action, body, vietnamese.content)
        errors = vietnamese.json()["errors"]
        assert fields <= set(errors), (action, body, errors)
        for name in fields:
            for message in errors[name]:
                assert VIETNAMESE_LETTER.search(message), (action, body, message)
    assert not CaseEvent.objects.filter(case__facility=unit).exists()

    # A draft's fields are checked by the same rules, refused in the same language.
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=unit)
    drafted = f"/api/v1/cases/{complaint.tracking_code}/drafts/accept"
    english = post(leader, drafted, {"decided_on": "2099-01-01"}, **ENGLISH)
    assert english.status_code == 400, english.content
    assert english.json()["errors"] == {
        "decided_on": ["The decision date cannot be in the future."]
    }
    vietnamese = post(leader, drafted, {"decided_on": "2099-01-01"})
    assert vietnamese.json()["errors"] == {
        "decided_on": ["Ngày quyết định không được ở tương lai."]
    }
