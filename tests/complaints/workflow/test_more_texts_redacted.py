"""The other free texts of a tố cáo read through the one reader (`confidential_text.
text_reader`) for whoever may not see the denouncer, as its title and content: where it was
forwarded, the citizen's comment on their rating, what they wrote of the body they sent it
to already, the verification report's texts quoted by the conclusion drafted on it, the
dialogue meetings' texts. Every e-mail address, phone number and ID number in them reads
"[đã ẩn]" for the head of the hospital denounced (khoản 3 Điều 8, Điều 47 Luật Tố cáo),
on the case page, in the staff API, in the documents they draft, in the national export;
the inspector who may see the denouncer reads them whole. An anonymous message is no tố
cáo (Điều 25 Luật Tố cáo): nobody's identity to keep, its text reads as written."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from complaints.documents.services import document_draft
from complaints.exports.national import national_record
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case, CaseEvent
from complaints.rules.dialogue import DialogueStatus
from complaints.services.confidential_text import text_reader
from tests.factories import UserFactory

from .helpers import case_in, hospital_denounced

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [
    *HANDLER,
    "complaints.view_all_cases",
    "complaints.view_denouncer_identity",
    "complaints.approve_case",
]
FORWARDED = "Công an tỉnh (liên hệ cán bộ thụ lý 0912 345 678)"
COMMENT = "Cảm ơn; con trai tôi số 0903 111 222 vẫn chờ trả lời."
ELSEWHERE = "Đã gửi Thanh tra tỉnh, thư điện tử em.gai@gmail.com"
RESULT = "Đã làm việc với vợ người tố cáo, số 0987 111 333: xác nhận có đòi tiền."
EXPLANATION = "Bác sĩ giải trình đã gọi số 0977 222 444 của người nhà bệnh nhân."
SECRETS = ("0912 345 678", "0903 111 222", "em.gai@gmail.com", "0987 111 333", "0977 222 444")


@pytest.fixture
def world():
    made = hospital_denounced()
    Case.objects.filter(pk=made.case.pk).update(
        forwarded_to=FORWARDED,
        rating=4,
        rating_comment=COMMENT,
        already_sent_elsewhere=ELSEWHERE,
    )
    CaseEvent.objects.create(
        case=made.case,
        action="report_verification",
        at=timezone.now(),
        from_status=CaseStatus.VERIFYING,
        to_status=CaseStatus.VERIFYING,
        actor=made.inspector,
        data={
            "verification_result": RESULT,
            "respondent_explanation": EXPLANATION,
            "recommendation": "Kiểm điểm bác sĩ.",
            "proposed_finding": "correct",
        },
    )
    head = UserFactory(
        perms=[*HANDLER, "complaints.approve_case"], facility=made.hospital, admin_access=True
    )
    leader = UserFactory(perms=LEADER, facility=made.department, admin_access=True)
    return {"case": Case.objects.get(pk=made.case.pk), "made": made, "head": head, "leader": leader}


def _sent_to_hospital(world):
    Case.objects.filter(pk=world["case"].pk).update(assigned_unit=world["made"].hospital)
    return Case.objects.get(pk=world["case"].pk)


def _page(user, case):
    client = Client()
    client.force_login(user)
    response = client.get(f"/admin/ho-so/{case.tracking_code}/")
    assert response.status_code == 200
    return response.content.decode()


def _api(user, case):
    _token, token = ApiToken.issue(user=user, name="t")
    response = Client(headers={"Authorization": f"Token {token}"}).get(
        f"/api/v1/cases/{case.tracking_code}"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_the_head_reads_where_it_went_and_the_comment_redacted(world):
    case = _sent_to_hospital(world)
    html = _page(world["head"], case)
    for secret in SECRETS[:3]:
        assert secret not in html, secret
    assert "Công an tỉnh (liên hệ cán bộ thụ lý [đã ẩn])" in html
    assert "con trai tôi số [đã ẩn] vẫn chờ" in html
    assert "Đã gửi Thanh tra tỉnh, thư điện tử [đã ẩn]" in html
    body = _api(world["head"], case)
    assert body["forwarded_to"] == "Công an tỉnh (liên hệ cán bộ thụ lý [đã ẩn])"
    assert body["already_sent_elsewhere"] == "Đã gửi Thanh tra tỉnh, thư điện tử [đã ẩn]"
    for secret in SECRETS:
        assert secret not in json.dumps(body, ensure_ascii=False), secret


def test_the_inspector_reads_them_as_written(world):
    case, inspector = world["case"], world["made"].inspector
    html = _page(inspector, case)
    assert FORWARDED in html and "0903 111 222" in html and "em.gai@gmail.com" in html
    body = _api(inspector, case)
    assert body["forwarded_to"] == FORWARDED
    assert body["already_sent_elsewhere"] == ELSEWHERE


def test_the_conclusion_the_head_drafts_quotes_the_report_redacted(world):
    case = _sent_to_hospital(world)
    draft = document_draft(
        case_id=case.pk, template_code="tc_ket_luan", actor=world["head"], origin="test"
    )
    assert "Đã làm việc với vợ người tố cáo, số [đã ẩn]: xác nhận có đòi tiền." in draft.body
    assert "gọi số [đã ẩn] của người nhà bệnh nhân." in draft.body
    assert "0987 111 333" not in draft.body and "0977 222 444" not in draft.body
    whole = document_draft(
        case_id=case.pk, template_code="tc_ket_luan", actor=world["leader"], origin="test"
    )
    assert RESULT in whole.body and EXPLANATION in whole.body


def test_the_national_export_leaves_out_where_it_went(world):
    case = world["case"]
    record = national_record(case, reporter=case.reporter, events=[])
    assert record["forwarded_to"] == "Công an tỉnh (liên hệ cán bộ thụ lý [đã ẩn])"


def test_a_meeting_on_the_denunciation_reads_as_the_api_reads_it(world):
    # No step schedules a dialogue on a tố cáo (it is a complaint's: Điều 30, 39 Luật Khiếu
    # nại); a meeting on one, however it came there, is read on the page as in the staff API
    # (`api.staff._dialogue`).
    case = _sent_to_hospital(world)
    case.dialogues.create(
        scheduled_at=timezone.now(),
        place="Nhà số 5, gọi 0912 345 678",
        participants="Người nhà (0905 123 456); Thanh tra Sở",
        notified_on=timezone.localdate(),
        status=DialogueStatus.HELD,
        led_by="Chánh Thanh tra",
        minutes="Người nhà trình bày, thư em.gai@gmail.com.",
    )
    html = _page(world["head"], case)
    assert "0905 123 456" not in html and "0912 345 678" not in html
    assert "Nhà số 5, gọi [đã ẩn]" in html and "Người nhà ([đã ẩn]); Thanh tra Sở" in html
    assert "Người nhà trình bày, thư [đã ẩn]." in html
    assert "Người nhà (0905 123 456)" in _page(world["leader"], case)


def test_an_anonymous_message_is_no_denunciation_and_reads_as_written():
    """Điều 25 Luật Tố cáo: information without the sender's name and address is not handled
    as a denunciation; the portal files it as a phản ánh (`case_to_cao_not_anonymous`), and
    the secrecy of khoản 3 Điều 8 is the denouncer's: staff in scope read what it says."""
    with pytest.raises(IntegrityError), transaction.atomic():
        case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, anonymous=True)
    case = case_in(
        CaseKind.PHAN_ANH,
        CaseStatus.RECEIVED,
        anonymous=True,
        content="Bác sĩ đòi tiền; gọi tôi số 0912 345 678.",
    )
    staff = UserFactory(perms=HANDLER, facility=case.facility, admin_access=True)
    assert text_reader(case, user=staff)(case.content) == case.content


def test_the_report_drafted_by_who_may_see_reads_redacted_and_stays_whole(world):
    """A draft the Sở's leader made quotes the report whole; the head of the hospital reads
    it "[đã ẩn]" in the preview, the edit form and the files; a save of theirs that sends
    "[đã ẩn]" back is refused, so the mark is never written over the text."""
    from complaints.documents.models import Document
    from complaints.documents.services import (
        DocumentError,
        document_update,
    )

    case = _sent_to_hospital(world)
    draft = document_draft(
        case_id=case.pk, template_code="tc_ket_luan", actor=world["leader"], origin="test"
    )
    client = Client()
    client.force_login(world["head"])
    page = client.get(f"/admin/ho-so/{case.tracking_code}/van-ban/{draft.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "0987 111 333" not in html and "số [đã ẩn]: xác nhận có đòi tiền." in html
    assert 'id="doc-read-apart"' in html  # the form holds the texts as they read them
    for fmt in ("pdf", "docx"):
        response = client.get(f"/admin/ho-so/{case.tracking_code}/van-ban/{draft.pk}/{fmt}/")
        assert response.status_code == 200
        assert b"0987 111 333" not in response.content
    fields = {
        name: getattr(draft, name)
        for name in (
            "trich_yeu",
            "addressee",
            "body",
            "recipients",
            "signer_authority",
            "principal_title",
            "signer_title",
            "signer_name",
        )
    }
    redacted_body = draft.body.replace("0987 111 333", "[đã ẩn]")
    with pytest.raises(DocumentError) as refused:
        document_update(
            document_id=draft.pk,
            actor=world["head"],
            origin="test",
            **{**fields, "body": redacted_body},
        )
    assert "khoản 3 Điều 8, Điều 47 Luật Tố cáo" in str(refused.value.message)
    assert Document.objects.get(pk=draft.pk).body == draft.body
    # Sent without the hidden part, the text is theirs (a leak they typed, removed).
    cut = draft.body.replace("0987 111 333", "")
    saved = document_update(
        document_id=draft.pk, actor=world["head"], origin="test", **{**fields, "body": cut}
    )
    assert saved.body == cut.strip()
    fields["body"] = draft.body
    # The leader edits it as before; a draft the head made, redacted, is theirs to edit.
    assert (
        document_update(document_id=draft.pk, actor=world["leader"], origin="test", **fields).body
        == draft.body
    )
    own = document_draft(
        case_id=case.pk, template_code="tc_ket_luan", actor=world["head"], origin="test"
    )
    own_fields = {name: getattr(own, name) for name in fields}
    assert (
        document_update(document_id=own.pk, actor=world["head"], origin="test", **own_fields).body
        == own.body
    )
