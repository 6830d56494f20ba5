"""What staff write on a tố cáo (an internal note, a step's message to the citizen and its
note) is read by whoever may not see who denounced as the denouncer's own words are: every
e-mail address, phone number and ID number in it, a relative's too (khoản 1 Điều 47 Luật
Tố cáo protects the family), reads "[đã ẩn]" for the head of the hospital denounced, on the
case page, in the staff API and in the documents the hospital drafts; the inspector who may
see the denouncer reads it whole. A Sở leader who may see the denouncer learns nothing from a
refusal: however many texts are refused, they keep writing on the case."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from complaints.documents.services import document_draft
from complaints.models import ApiToken, Case, InternalNote
from complaints.services.notes import case_note_add
from tests.factories import UserFactory

from .helpers import act, hospital_denounced

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
IDENTITY = "complaints.view_denouncer_identity"
LEADER = [*HANDLER, "complaints.view_all_cases", IDENTITY, "complaints.approve_case"]
NAME = "Phạm Thị Hoa"
NOTE = "Đã gọi chồng người tố cáo số 0912 345 678, thư điện tử chong.hoa@gmail.com."
MESSAGE = "Đề nghị ký vào đơn; cần thì liên hệ cháu Lan số +84 903.111.222."
SECRETS = ("0912 345 678", "chong.hoa@gmail.com", "903.111.222")


@pytest.fixture
def world():
    made = hospital_denounced()
    case, department, hospital, inspector = (
        made.case, made.department, made.hospital, made.inspector)
    case.reporter.name, case.reporter.phone = NAME, "0987 654 321"
    case.reporter.save()
    case_note_add(case_id=case.pk, actor=inspector, text=NOTE)
    act(case, "request_info", inspector, message=MESSAGE, note=NOTE)
    return {
        "case": Case.objects.get(pk=case.pk),
        "hospital": hospital,
        "inspector": inspector,
        "head": UserFactory(
            perms=[*HANDLER, "complaints.approve_case"], facility=hospital, admin_access=True,
        ),
        "leader": UserFactory(perms=LEADER, facility=department, admin_access=True),
    }


def _sent_to_hospital(world):
    Case.objects.filter(pk=world["case"].pk).update(assigned_unit=world["hospital"])
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


def test_the_head_of_the_hospital_reads_the_staff_texts_redacted(world):
    case = _sent_to_hospital(world)
    html = _page(world["head"], case)
    for secret in SECRETS:
        assert secret not in html, secret
    assert "Đã gọi chồng người tố cáo số [đã ẩn], thư điện tử [đã ẩn]." in html
    assert "cháu Lan số [đã ẩn]." in html
    body = _api(world["head"], case)
    [event] = [e for e in body["events"] if e["action"] == "request_info"]
    assert event["message"] == "Đề nghị ký vào đơn; cần thì liên hệ cháu Lan số [đã ẩn]."
    assert event["note"] == "Đã gọi chồng người tố cáo số [đã ẩn], thư điện tử [đã ẩn]."
    for secret in SECRETS:
        assert secret not in json.dumps(body, ensure_ascii=False), secret


def test_the_inspector_reads_them_as_written(world):
    case = world["case"]
    html = _page(world["inspector"], case)
    assert "chong.hoa@gmail.com" in html and "+84 903.111.222" in html
    body = _api(world["inspector"], case)
    [event] = [e for e in body["events"] if e["action"] == "request_info"]
    assert event["message"] == MESSAGE and event["note"] == NOTE


def test_a_draft_the_hospital_makes_quotes_the_message_redacted(world):
    case = _sent_to_hospital(world)
    draft = document_draft(case_id=case.pk, template_code="yeu_cau_bo_sung",
                           actor=world["head"], origin="test")
    assert "cháu Lan số [đã ẩn]." in draft.body
    assert "903.111.222" not in draft.body
    whole = document_draft(case_id=case.pk, template_code="yeu_cau_bo_sung",
                           actor=world["leader"], origin="test")
    assert "cháu Lan số +84 903.111.222." in whole.body


def test_a_leader_who_may_see_the_denouncer_is_refused_but_never_locked_out(world):
    case, leader = world["case"], world["leader"]
    for _ in range(4):
        with pytest.raises(ValidationError) as refused:
            case_note_add(case_id=case.pk, actor=leader, text=f"Người tố cáo: {NAME}")
        assert "họ tên" in refused.value.message_dict["text"][0]
    assert case_note_add(case_id=case.pk, actor=leader, text="Ghi chú bình thường.")
    assert InternalNote.objects.filter(case=case, text="Ghi chú bình thường.").exists()
