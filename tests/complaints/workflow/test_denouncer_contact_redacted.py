"""A tố cáo whose text names a way to reach its denouncer that is not their form's own: a
relative's e-mail, a second phone, a husband's CCCD. Whoever may not see who denounced (the
head of the hospital denounced above all: khoản 3 Điều 8, khoản 1 Điều 47 Luật Tố cáo, the
protection extends to the denouncer's family) reads every e-mail address, phone number and
ID number of it as "[đã ẩn]", wherever the text is shown (case page, staff API, history,
documents), and finds the case by none of them in the search box; days, sums of money, rooms
and tracking codes stay. Whoever may see the identity reads the text as written."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from complaints.admin.filters import CaseFilter
from complaints.documents.context import case_view
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from complaints.selectors.history import case_timeline
from complaints.services.confidential_text import redacted
from tests.factories import UserFactory

from .helpers import case_in, hospital_denounced

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]

TITLE = "Tố cáo bác sĩ Trần Văn B, liên hệ hoa.pham@gmail.com"
CONTENT = (
    "Ngày 12/03/2026 tôi đưa mẹ vào khám tại phòng 305, bác sĩ Trần Văn B đòi 1.500.000 đồng "
    "mới cho nhập viện (hồ sơ YT-2026-000123). Cần xác minh xin gọi chồng tôi số "
    "0912 345 678 hoặc +84 903.111.222, máy bàn (0255) 3822-123, thư điện tử "
    "hoa.pham@gmail.com; CCCD của chồng tôi 079 095 001 234, CMND cũ 212345678."
)
SHOWN = (
    "Ngày 12/03/2026 tôi đưa mẹ vào khám tại phòng 305, bác sĩ Trần Văn B đòi 1.500.000 đồng "
    "mới cho nhập viện (hồ sơ YT-2026-000123). Cần xác minh xin gọi chồng tôi số "
    "[đã ẩn] hoặc [đã ẩn], máy bàn [đã ẩn], thư điện tử "
    "[đã ẩn]; CCCD của chồng tôi [đã ẩn], CMND cũ [đã ẩn]."
)
SECRETS = ("hoa.pham", "0912 345 678", "903.111.222", "3822-123", "079 095 001 234", "212345678")


@pytest.fixture
def world():
    made = hospital_denounced()
    case, hospital, assigned = made.case, made.hospital, made.inspector
    reporter = case.reporter
    reporter.name, reporter.phone, reporter.email = "Phạm Thị Hoa", "0987 654 321", ""
    reporter.save()
    # Staff copy the letter's text: a new version, in the history and the index.
    case = Case.objects.get(pk=case.pk)
    case.title, case.content = TITLE, CONTENT
    case._change_reason = "origin=admin action=case_correct_facts"
    case.save()
    return {
        "case": Case.objects.get(pk=case.pk),
        "hospital": hospital,
        "assigned": assigned,
        # the head of the hospital denounced, who must never learn who denounced
        "head": UserFactory(
            perms=[*HANDLER, "complaints.approve_case"], facility=hospital, admin_access=True,
        ),
    }


def _sent_to_hospital(world):
    """The case as the head reads it: sent to the hospital to handle, in its scope."""
    Case.objects.filter(pk=world["case"].pk).update(assigned_unit=world["hospital"])
    return Case.objects.get(pk=world["case"].pk)


def _page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _api(user, path):
    _token, token = ApiToken.issue(user=user, name="t")
    response = Client(headers={"Authorization": f"Token {token}"}).get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_every_contact_and_id_number_is_redacted_and_ordinary_numbers_stay(world):
    case = world["case"]
    assert redacted(CONTENT, case=case) == SHOWN
    assert redacted(TITLE, case=case) == "Tố cáo bác sĩ Trần Văn B, liên hệ [đã ẩn]"
    assert redacted("anh Nam (0905 123 456)", case=case) == "anh Nam ([đã ẩn])"
    plain = (
        "Ngày 5-12-2026 lúc 08:30 khoa Nội thu 100000000 đồng và 150.000.000 đ tại giường 12, "
        "mã bệnh nhân BN123456789, đơn YT-2026-000123."
    )
    assert redacted(plain, case=case) == plain


def test_a_phan_anh_keeps_its_contacts(world):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, title="Chờ lâu", content=CONTENT)
    assert redacted(CONTENT, case=case) == CONTENT


def test_the_head_of_the_hospital_reads_the_page_and_the_api_redacted(world):
    case = _sent_to_hospital(world)
    html = _page(world["head"], f"/admin/ho-so/{case.tracking_code}/")
    for secret in SECRETS:
        assert secret not in html, secret
    assert "1.500.000 đồng" in html and "phòng 305" in html
    body = _api(world["head"], f"/api/v1/cases/{case.tracking_code}")
    assert body["content"] == SHOWN
    assert body["title"] == "Tố cáo bác sĩ Trần Văn B, liên hệ [đã ẩn]"


def test_the_assigned_inspector_reads_the_text_as_written(world):
    case = world["case"]
    body = _api(world["assigned"], f"/api/v1/cases/{case.tracking_code}")
    assert body["content"] == CONTENT and body["title"] == TITLE
    assert "hoa.pham@gmail.com" in _page(world["assigned"], f"/admin/ho-so/{case.tracking_code}/")


def test_the_history_and_the_documents_carry_no_contact(world):
    case = _sent_to_hospital(world)
    changes = {
        change.field: (change.old, change.new)
        for entry in case_timeline(case=case, user=world["head"])
        for change in entry.changes
    }
    assert changes["content"] == ("Bác sĩ đòi tiền.", SHOWN)
    assert "hoa.pham" not in case_view(case).title


def test_the_head_finds_the_case_by_no_contact_written_in_it(world):
    case, head = _sent_to_hospital(world), world["head"]
    for q in ("hoa.pham@gmail.com", "0912 345 678", "0912345678", "079095001234", "212345678"):
        html = _page(head, f"/admin/ho-so/?q={q}")
        assert case.tracking_code not in html, q
    assert case.tracking_code in _page(head, "/admin/ho-so/?q=Tran Van B")


def test_the_search_box_offers_the_sender_look_up_as_the_user_may_use_it(world):
    everyone = "họ tên, số điện thoại, thư điện tử người gửi"
    head = CaseFilter(user=world["head"]).form["q"].label
    assert everyone in head and "trừ người tố cáo" in head
    inspector = CaseFilter(user=world["assigned"]).form["q"].label
    assert everyone in inspector and "trừ người tố cáo" not in inspector
    html = _page(world["head"], "/admin/ho-so/")
    label = re.search(r'<label for="id_q">(.*?)</label>', html, re.S).group(1)
    assert "trừ người tố cáo" in label
