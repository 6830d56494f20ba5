"""A second-time complaint filed from the first case's tracking page ("Gửi khiếu nại lần
hai") is linked to that first case when the citizen's session opened it with its PIN
(DOMAIN.md §3; khoản 1 Điều 33, Điều 37, điểm d khoản 2 Điều 40 Luật Khiếu nại): the second
decision then states the first resolution. Without that proof nothing is linked nor shown."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone

from complaints.documents.context import first_resolution
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.rules.citizen_guidance import second_complaint_url
from tests.complaints.documents.helpers import leader, province
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN, paper_decision

pytestmark = pytest.mark.django_db

SIGNED = timezone.localdate() - datetime.timedelta(days=2)


def _concluded_first():
    _department, hospital = province()
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                    accepted_at=timezone.now() - datetime.timedelta(days=5))
    act(first, "conclude", boss, conclusion="Giữ nguyên quyết định thu viện phí.",
        public_answer="Không có cơ sở.",
        **paper_decision(symbol="15/QĐ-BVĐK", on=SIGNED, finding="wrong"))
    return Case.objects.get(pk=first.pk), hospital, boss


def _second_form(hospital, **overrides):
    data = {
        "form_token": "token-2",
        "kind": "khieu_nai",
        "second_time": "1",
        "facility": hospital.code,
        "title": "Không đồng ý với quyết định giải quyết lần đầu",
        "content": "Tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu về viện phí.",
        "reporter_name": "Nguyễn Thị Lan",
        "reporter_phone": "0905123456",
        "reporter_email": "lan.nguyen@example.vn",
        "reporter_address": "Phổ Cường, Quảng Ngãi",
        "reporter_id_number": "051190000123",
        "decision_complained": "Quyết định giải quyết khiếu nại lần đầu",
        "decision_maker": "Giám đốc Bệnh viện",
        "decision_date": SIGNED.isoformat(),
        "first_decision_ref": f"15/QĐ-BVĐK ngày {SIGNED.strftime('%d/%m/%Y')}",
        "first_decision_received_on": timezone.localdate().isoformat(),
        "truth_declaration": "on",
        "consent": "on",
        "consent_contact": "on",
    }
    data.update(overrides)
    return data


def _field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0))


def test_the_owner_files_from_the_link_and_the_case_is_linked(client):
    first, hospital, _boss = _concluded_first()
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)

    form = client.get(link).content.decode()
    # The first decision's own number and date, not "Quyết định giải quyết hồ sơ YT-…".
    ref = _field(form, "first_decision_ref")
    assert f"15/QĐ-BVĐK ngày {SIGNED.strftime('%d/%m/%Y')}" in ref
    assert "Quyết định giải quyết hồ sơ" not in ref

    typed = "Quyết định số 15/QĐ-BVĐK mà tôi nhận ngày hôm qua"
    response = client.post(link, _second_form(hospital, first_decision_ref=typed))
    assert response.status_code == 302, response.content.decode()[:3000]
    second = Case.objects.get(second_time=True)
    assert second.parent_case == first
    assert second.first_decision_ref == typed  # what the citizen typed is kept
    assert second.possible_duplicate_of is None
    # The second decision states the first resolution (điểm d khoản 2 Điều 40 Luật KN).
    stated = first_resolution(second)
    assert "kết luận" in stated and "Giữ nguyên quyết định thu viện phí." in stated
    assert not stated.endswith(": …")


def test_without_the_pin_session_nothing_is_linked_nor_shown(client):
    first, hospital, _boss = _concluded_first()
    link = second_complaint_url(first.tracking_code)  # someone typing another's code
    form = client.get(link).content.decode()
    assert "15/QĐ-BVĐK" not in form
    typed = "Quyết định giải quyết hồ sơ " + first.tracking_code
    response = client.post(link, _second_form(hospital, first_decision_ref=typed))
    assert response.status_code == 302
    second = Case.objects.get(second_time=True)
    assert second.parent_case is None and second.first_decision_ref == typed
    assert first_resolution(second).endswith(": …")


def test_an_open_first_case_is_not_linked(client):
    _department, hospital = province()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)
    response = client.post(link, _second_form(hospital, confirm_late="on"))
    assert response.status_code == 302
    assert Case.objects.get(second_time=True).parent_case is None


def test_a_second_filing_on_the_same_decision_is_flagged_as_a_possible_duplicate(client):
    first, hospital, boss = _concluded_first()
    escalated = act(first, "escalate", boss, content="Đến nộp đơn lần hai.")
    existing = Case.objects.get(tracking_code=escalated.data["second_time_case"])
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    response = client.post(second_complaint_url(first.tracking_code), _second_form(hospital))
    assert response.status_code == 302
    filed = Case.objects.filter(second_time=True).exclude(pk=existing.pk).get()
    assert filed.parent_case == first
    assert filed.possible_duplicate_of == existing
