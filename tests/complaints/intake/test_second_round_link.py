"""A second-time complaint filed from the first case's tracking page ("Gửi khiếu nại lần
hai") is linked to that first case when the citizen's session opened it with its PIN
(DOMAIN.md §3; khoản 1 Điều 33, Điều 37, điểm d khoản 2 Điều 40 Luật Khiếu nại): the second
decision then states the first resolution. Without that proof nothing is linked nor shown."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone, translation

from complaints.documents.context import first_resolution
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.rules.citizen_guidance import second_complaint_url
from complaints.services.second_round import second_round_prefill
from tests.complaints.documents.helpers import province
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import DEFAULT_PIN

from .second_round_helpers import concluded_first, second_form

pytestmark = pytest.mark.django_db


def _signed_day():
    return timezone.localdate() - datetime.timedelta(days=2)


def _form(hospital, **overrides):
    return second_form(hospital, signed_on=_signed_day(), **overrides)


def _field(page: str, name: str) -> str:
    return html.unescape(re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0))


def test_the_owner_files_from_the_link_and_the_case_is_linked(client):
    first, hospital, _boss = concluded_first()
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)

    form = client.get(link).content.decode()
    # The first decision's own number and date, not "Quyết định giải quyết hồ sơ YT-…".
    ref = _field(form, "first_decision_ref")
    assert f"15/QĐ-BVĐK ngày {_signed_day().strftime('%d/%m/%Y')}" in ref
    assert "Quyết định giải quyết hồ sơ" not in ref

    typed = "Quyết định số 15/QĐ-BVĐK mà tôi nhận ngày hôm qua"
    response = client.post(link, _form(hospital, first_decision_ref=typed))
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
    first, hospital, _boss = concluded_first()
    link = second_complaint_url(first.tracking_code)  # someone typing another's code
    form = client.get(link).content.decode()
    assert "15/QĐ-BVĐK" not in form
    typed = "Quyết định giải quyết hồ sơ " + first.tracking_code
    response = client.post(link, _form(hospital, first_decision_ref=typed))
    assert response.status_code == 302
    second = Case.objects.get(second_time=True)
    assert second.parent_case is None and second.first_decision_ref == typed
    assert first_resolution(second).endswith(": …")


def test_an_open_first_case_is_not_linked(client):
    _department, hospital = province()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital)
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    link = second_complaint_url(first.tracking_code)
    response = client.post(link, _form(hospital, confirm_late="on"))
    assert response.status_code == 302
    assert Case.objects.get(second_time=True).parent_case is None


def test_a_second_filing_after_a_refused_one_is_flagged_as_a_possible_duplicate(client):
    """A second complaint that was refused (không thụ lý) leaves the right (khoản 7 Điều 11
    Luật Khiếu nại): the new one is filed, flagged for staff. One that stands is not filed
    twice (`test_a_received_second_complaint_is_not_filed_twice`)."""
    first, hospital, boss = concluded_first()
    escalated = act(first, "escalate", boss, content="Đến nộp đơn lần hai.")
    Case.objects.filter(tracking_code=escalated.data["second_time_case"]).update(
        status=CaseStatus.REJECTED)
    existing = Case.objects.get(tracking_code=escalated.data["second_time_case"])
    client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    response = client.post(second_complaint_url(first.tracking_code), _form(hospital))
    assert response.status_code == 302
    filed = Case.objects.filter(second_time=True).exclude(pk=existing.pk).get()
    assert filed.parent_case == first
    assert filed.possible_duplicate_of == existing


# ---- From the decision e-mail, in a browser that never typed the PIN (walk F4) ----------


def _first_with_reporter():
    first, hospital, boss = concluded_first()
    reporter = first.reporter
    reporter.name, reporter.address = "John Smith", "12 Lê Lợi, phường Nghĩa Chánh, Quảng Ngãi"
    reporter.email, reporter.phone = "john.smith@example.com", "0905123456"
    reporter.save()
    return first, hospital, boss


def test_the_link_asks_for_the_first_pin_and_shows_nothing_before_it(client):
    first, _hospital, _boss = _first_with_reporter()
    page = client.get(second_complaint_url(first.tracking_code)).content.decode()
    box = re.search(r'id="second-round".*?</section>', page, re.S).group(0)
    assert first.tracking_code in box and 'name="first_case_pin"' in box
    assert "khoản 1 Điều 33 Luật Khiếu nại" in box
    # Nothing of the first case before its PIN: its decision, its complainant.
    assert "15/QĐ-BVĐK" not in page and "John Smith" not in page and "Lê Lợi" not in page


def test_the_right_pin_links_and_prefills_and_the_case_is_linked(client):
    first, hospital, _boss = _first_with_reporter()
    link = second_complaint_url(first.tracking_code)
    response = client.post(link, {"first_case_pin": DEFAULT_PIN})
    assert response.status_code == 302 and response["Location"] == link
    page = client.get(link).content.decode()
    box = re.search(r'id="second-round".*?</section>', page, re.S).group(0)
    assert (f"Khiếu nại lần hai đối với quyết định số 15/QĐ-BVĐK ngày "
            f"{_signed_day().strftime('%d/%m/%Y')} của hồ sơ {first.tracking_code}") in box
    assert 'name="first_case_pin"' not in page
    assert "John Smith" in _field(page, "reporter_name")
    assert "Lê Lợi" in html.unescape(re.search(
        r'<(?:input|textarea)[^>]*name="reporter_address"[^>]*>[^<]*', page).group(0))
    assert "john.smith@example.com" in _field(page, "reporter_email")
    assert re.search(rf'<option value="{hospital.code}"[^>]*selected', page)
    response = client.post(link, _form(hospital))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Case.objects.get(second_time=True).parent_case == first


def test_a_wrong_pin_on_the_form_is_refused_and_counts_toward_the_same_lockout(client):
    first, hospital, _boss = _first_with_reporter()
    link = second_complaint_url(first.tracking_code)
    page = client.post(link, {"first_case_pin": "00000000"}).content.decode()
    assert "Không tìm thấy hồ sơ với mã và mã PIN này" in page and "John Smith" not in page
    for _attempt in range(4):
        client.post(link, {"first_case_pin": "00000000"})
    # The PIN guard of the tracking page (ratelimit "pin_code_address"): one counter.
    locked = client.post(f"/tra-cuu/{first.tracking_code}/", {"pin": DEFAULT_PIN})
    assert locked.status_code == 429
    assert client.post(link, {"first_case_pin": DEFAULT_PIN}).status_code == 429
    client.post(link, _form(hospital))
    assert Case.objects.get(second_time=True).parent_case is None


def test_an_english_filer_stores_no_translated_reference(client):
    first, hospital, _boss = _first_with_reporter()
    link = second_complaint_url(first.tracking_code) + "&lang=en"
    client.post(link, {"first_case_pin": DEFAULT_PIN})
    page = client.get(link).content.decode()
    ref = _field(page, "first_decision_ref")
    assert "Decision" not in ref and " of " not in ref and "15/QĐ-BVĐK" in ref
    with translation.override("en"):
        prefill = second_round_prefill(first)
    data = _form(hospital, first_decision_ref=prefill["first_decision_ref"],
                        decision_complained=prefill["decision_complained"])
    client.post(link, data)
    second = Case.objects.get(second_time=True)
    assert second.parent_case == first
    for stored in (second.first_decision_ref, second.decision_complained):
        assert "Decision" not in stored and "case" not in stored, stored


def test_without_the_pin_the_stored_reference_is_the_code_not_a_sentence(client):
    first, hospital, _boss = _first_with_reporter()
    link = second_complaint_url(first.tracking_code) + "&lang=en"
    assert _field(client.get(link).content.decode(), "first_decision_ref").count(
        f'value="{first.tracking_code}"') == 1


def test_a_received_second_complaint_is_not_filed_twice(client):
    first, hospital, boss = concluded_first()
    act(first, "escalate", boss, content="Đến nộp đơn lần hai.")
    link = second_complaint_url(first.tracking_code)
    client.post(link, {"first_case_pin": DEFAULT_PIN})
    page = client.get(link).content.decode()
    existing = Case.objects.get(second_time=True)
    assert existing.tracking_code in page and 'name="first_decision_ref"' not in page
    response = client.post(link, _form(hospital))
    assert response.status_code == 200
    assert Case.objects.filter(second_time=True).count() == 1


def test_a_withdrawn_second_complaint_gives_the_right_back(client):
    first, hospital, boss = concluded_first()
    escalated = act(first, "escalate", boss, content="Đến nộp đơn lần hai.")
    Case.objects.filter(tracking_code=escalated.data["second_time_case"]).update(
        status=CaseStatus.WITHDRAWN)
    link = second_complaint_url(first.tracking_code)
    client.post(link, {"first_case_pin": DEFAULT_PIN})
    assert 'name="first_decision_ref"' in client.get(link).content.decode()
    assert client.post(link, _form(hospital)).status_code == 302
    assert Case.objects.filter(second_time=True, parent_case=first).count() == 2
