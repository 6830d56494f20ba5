"""A denouncer's identity never reaches, through a text staff write on the case, those
who may not see it (khoản 3 Điều 8, Điều 47 Luật Tố cáo): an action's message, reason,
public answer or note and an internal note that contain the denouncer's name, ID number,
phone… are refused, nothing saved, in the admin and the staff API alike; the same texts
on other kinds, or without the identity, are saved as before."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent, InternalNote
from complaints.services.notes import case_note_add
from complaints.services.workflow import TransitionInvalid
from tests.factories import FacilityFactory, UserFactory

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
LEADER = [*HANDLER, "complaints.view_all_cases", "complaints.view_denouncer_identity",
          "complaints.approve_case"]
NAME, ID_NUMBER = "Đỗ Thị Kín Đáo", "051199009999"
LEAKING = f"Kính gửi bà {NAME} (CCCD {ID_NUMBER}): đề nghị bà gửi đơn tố cáo có chữ ký."


def token_client(user) -> Client:
    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


def post(client, code, action, body):
    return client.post(
        f"/api/v1/cases/{code}/actions/{action}",
        data=json.dumps(body),
        content_type="application/json",
    )


def denunciation(facility, kind=CaseKind.TO_CAO):
    case = case_in(kind, CaseStatus.RECEIVED, facility=facility)
    case.reporter.name, case.reporter.id_number = NAME, ID_NUMBER
    case.reporter.phone = "0905 999 888"
    case.reporter.save()
    return case


def test_the_api_refuses_a_request_for_information_naming_the_denouncer():
    """The reviewer's case: the leader's message named the denouncer and the denounced
    facility's handler read it on the case's history while the reporter read "Đã ẩn"."""
    facility = FacilityFactory(code="BV-TC")
    case = denunciation(facility)
    leader = token_client(UserFactory(perms=LEADER))
    events = CaseEvent.objects.filter(case=case).count()

    refused = post(leader, case.tracking_code, "request_info", {"message": LEAKING})

    assert refused.status_code == 400
    [error] = refused.json()["errors"]["message"]
    assert "họ tên" in error and "số định danh cá nhân/CCCD" in error
    assert "Điều 47 Luật Tố cáo" in error
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert CaseEvent.objects.filter(case=case).count() == events
    at_facility = token_client(UserFactory(perms=HANDLER, facility=facility))
    detail = at_facility.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert NAME not in json.dumps(detail, ensure_ascii=False)
    assert ID_NUMBER not in json.dumps(detail)


def test_a_note_of_an_action_with_the_denouncers_number_is_refused_too():
    case = denunciation(FacilityFactory())
    leader = UserFactory(perms=LEADER)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "request_info", leader, message="Đề nghị bổ sung chữ ký.",
            note="Đã gọi số +84 905.999.888 của người tố cáo")
    assert list(refused.value.errors) == ["note"]
    assert "số điện thoại" in refused.value.errors["note"][0]
    with pytest.raises(TransitionInvalid) as spaced:  # the ID number, however it is spaced
        act(case, "request_info", leader, message="CCCD 051 199 009 999 chưa khớp.")
    assert "số định danh cá nhân/CCCD" in spaced.value.errors["message"][0]
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_texts_without_the_identity_and_other_kinds_are_saved():
    facility = FacilityFactory()
    leader = UserFactory(perms=LEADER)
    # Common words and part of the name are no identity: the whole name is looked for.
    case = denunciation(facility)
    text = "Đề nghị người tố cáo, bà Đỗ Thị, gửi bản có chữ ký; người dân kín đáo góp ý."
    event = act(case, "request_info", leader, message=text, note="Đã gọi điện.")
    assert event.public_message == text and event.note == "Đã gọi điện."
    # A complaint's complainant is not secret from the unit complained of.
    complaint = denunciation(facility, kind=CaseKind.KHIEU_NAI)
    response = post(token_client(leader), complaint.tracking_code, "request_info",
                    {"message": LEAKING})
    assert response.status_code == 200
    assert CaseEvent.objects.get(case=complaint, action="request_info").public_message == LEAKING


def test_an_internal_note_naming_the_denouncer_is_refused_by_the_service_and_the_page(client):
    case = denunciation(FacilityFactory())
    leader = UserFactory(perms=LEADER, admin_access=True)
    with pytest.raises(ValidationError) as refused:
        case_note_add(case_id=case.pk, actor=leader, text=f"Đã gặp {NAME.upper()}.")
    assert "họ tên" in refused.value.message_dict["text"][0]

    client.force_login(leader)
    url = reverse("complaints_admin:add_note", args=[case.tracking_code])
    page = client.post(url, {"text": f"Người tố cáo: {NAME}"})
    assert page.status_code == 400
    assert "thông tin nhận diện người tố cáo (họ tên)" in page.content.decode()
    assert not InternalNote.objects.filter(case=case).exists()

    assert client.post(url, {"text": "Đã xác minh tại cơ sở."}).status_code == 302
    assert InternalNote.objects.filter(case=case).count() == 1


def test_the_admin_action_form_shows_the_refusal_beside_the_field(client):
    case = denunciation(FacilityFactory())
    client.force_login(UserFactory(perms=LEADER, admin_access=True))
    url = reverse("complaints_admin:action", args=[case.tracking_code, "request_info"])
    response = client.post(url, {"request_info-message": LEAKING,
                                 "request_info-expected_status": "received"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "thông tin nhận diện người tố cáo (họ tên, số định danh cá nhân/CCCD)" in html
    assert not CaseEvent.objects.filter(case=case, action="request_info").exists()


def test_a_writer_who_keeps_drawing_refusals_learns_nothing_more(caplog):
    """The denounced facility's head typed candidate names and numbers into a step's note
    (with a wrong facility, so nothing was ever saved) and read which one was refused. Each
    refusal is logged and counted: past three a day on the case, every text she writes
    there is refused alike, so a guess is no longer told from a wrong one."""
    facility = FacilityFactory(code="BV-TC")
    case = denunciation(facility)
    head = UserFactory(perms=[*HANDLER, "complaints.view_denouncer_identity",
                              "complaints.approve_case"], facility=facility)
    client = token_client(head)

    def guess(note):
        answer = post(client, case.tracking_code, "assign", {"facility": "KHONG-CO", "note": note})
        assert answer.status_code == 400
        return answer.json()["errors"].get("note")

    assert guess("Nghi: Phạm Văn Đức") is None  # a wrong guess costs nothing
    for _ in range(3):
        assert "họ tên" in guess(f"Nghi: {NAME}")[0]
    assert [r.message for r in caplog.records if r.name == "complaints.identity"][0].startswith(
        f"identity text refused: user={head.pk} case={case.tracking_code}")
    spent = guess("Nghi: Phạm Văn Đức")
    assert spent == guess(f"Nghi: {NAME}")
    assert "tạm không nhận nội dung bạn viết trên hồ sơ này" in spent[0]
    with pytest.raises(ValidationError):
        case_note_add(case_id=case.pk, actor=head, text="Đã hẹn làm việc với khoa Sản.")
    # Another writer, or another case, keeps the full answer.
    other = denunciation(facility)
    assert case_note_add(case_id=other.pk, actor=head, text="Đã hẹn làm việc với khoa Sản.")
