"""A refused form on the citizen's pages is summed up first in the page, as the filing
form does (WCAG 3.3.1, 2.4.3): a box with role="alert" that takes the focus when the page
loads (autofocus, so without JavaScript too), each message linking to its field, and a
title starting with "Lỗi:". Before, a refused answer to a request for information
re-rendered the case page at its top with its only message far down the page."""

from __future__ import annotations

import re

import pytest

from complaints.kinds import CaseStatus
from complaints.models import Case
from tests.complaints.intake_factories import upload
from tests.factories import DEFAULT_PIN, CaseFactory

from .test_citizen_reply import asked, opened  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _before_main_content(html: str, marker: str) -> bool:
    return html.index('id="error-summary"') < html.index(marker)


def test_a_refused_answer_is_summed_up_first_and_focused(client, asked):  # noqa: F811
    opened(client, asked)
    page = client.get(asked.get_absolute_url()).content.decode()
    assert 'id="error-summary"' not in page and not _title(page).startswith("Lỗi:")

    response = client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {"text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert "Thông tin bổ sung chưa gửi được" in summary
    assert '<a href="#field-text">Nội dung bổ sung</a>: Hãy nhập nội dung bổ sung' in summary
    assert 'id="field-text"' in html  # the link's target
    assert _before_main_content(html, 'id="bo-sung"')
    assert _before_main_content(html, "<dl")  # the case summary
    assert _title(html).startswith(f"Lỗi: Hồ sơ {asked.tracking_code}")
    assert html.count('role="alert"') == 1  # read once, not twice


def test_a_refused_file_is_summed_up_and_the_summary_says_to_choose_it_again(client, asked):  # noqa: F811
    opened(client, asked)
    response = client.post(
        f"/tra-cuu/{asked.tracking_code}/bo-sung/",
        {"text": "Hoá đơn kèm theo.", "attachments": [upload("x.jpg", b"not an image")]},
    )
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert '<a href="#field-attachments">' in summary and "x.jpg" in summary
    assert "hãy chọn lại tệp đính kèm" in summary


def test_the_summary_is_in_english_for_a_reader_of_english(client, asked):  # noqa: F811
    opened(client, asked)
    client.cookies["django_language"] = "en"
    response = client.post(f"/tra-cuu/{asked.tracking_code}/bo-sung/", {"text": ""})
    html = response.content.decode()
    assert _title(html).startswith("Error:")
    assert "could not be sent" in _summary(html)


def test_a_refused_rating_is_summed_up_first_on_the_case_page(client, hospital):
    case = CaseFactory(facility=hospital, status=CaseStatus.CLOSED, public_answer="Đã xử lý.")
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    response = client.post(f"/tra-cuu/{case.tracking_code}/danh-gia/", {"comment": "Tốt"})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html)
    assert "Đánh giá chưa gửi được" in summary and 'href="#field-rating"' in summary
    assert "Hãy chọn mức đánh giá từ 1 đến 5." in summary
    assert 'id="field-rating"' in html and "Tốt</textarea>" in html  # the comment is kept
    assert _title(html).startswith("Lỗi:")
    assert Case.objects.get(pk=case.pk).rating is None


def test_the_rating_form_leaves_checking_to_the_portal_and_marks_its_error_as_the_others(
    client, hospital
):
    """The rating form is `novalidate` like every public form: without a score the browser
    used to stop it with its own tooltip, in the browser's language, with no summary. Refused,
    its group is described by its message and each radio is aria-invalid (WCAG 3.3.1)."""
    case = CaseFactory(facility=hospital, status=CaseStatus.CLOSED, public_answer="Đã xử lý.")
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    page = client.get(case.get_absolute_url()).content.decode()
    form = re.search(r'<form[^>]*action="[^"]*/danh-gia/"[^>]*>', page).group(0)
    assert "novalidate" in form

    html = client.post(f"/tra-cuu/{case.tracking_code}/danh-gia/", {}).content.decode()
    group = re.search(r'<fieldset[^>]*id="field-rating"[^>]*>', html).group(0)
    assert 'aria-describedby="id_rating_error"' in group
    assert '<ul class="errorlist" id="id_rating_error"><li>Hãy chọn mức đánh giá' in html
    radios = re.findall(r'<input type="radio" name="rating"[^>]*>', html)
    assert len(radios) == 5 and all('aria-invalid="true"' in radio for radio in radios)


def test_a_refused_pin_is_summed_up_on_the_lookup_pages(client, hospital):
    case = CaseFactory(facility=hospital)
    for url, data in (
        (f"/tra-cuu/{case.tracking_code}/", {"pin": ""}),
        (f"/tra-cuu/{case.tracking_code}/", {"pin": "000000"}),
        ("/tra-cuu/", {"tracking_code": "", "pin": ""}),
        ("/tra-cuu/quen-ma-pin/", {"tracking_code": ""}),
    ):
        html = client.post(url, data).content.decode()
        summary = _summary(html)
        assert "autofocus" in summary and 'role="alert"' in summary, url
        assert _title(html).startswith("Lỗi:"), url
        assert html.count('role="alert"') == 1, (url, data)


def test_the_filing_forms_title_says_error_too(client, hospital):
    html = client.post("/gui-phan-anh/", {"form_token": "t", "kind": "phan_anh"}).content.decode()
    assert 'id="error-summary"' in html and _title(html).startswith("Lỗi:")


def test_the_filing_forms_summary_takes_the_focus_without_javascript(client, hospital):
    html = client.post("/gui-phan-anh/", {"form_token": "t", "kind": "phan_anh"}).content.decode()
    summary = _summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert html.count("autofocus") == 1


def test_a_locked_pin_is_summed_up_and_focused_as_a_wrong_one(client, hospital):
    """After 5 wrong PINs the wait is the refusal: the same focused summary, the title
    saying "Lỗi:", where it was a plain message the focus never reached."""
    case = CaseFactory(facility=hospital)
    wrong = {"tracking_code": case.tracking_code, "pin": "000000"}
    for _n in range(5):
        assert "Không tìm thấy hồ sơ" in _summary(client.post("/tra-cuu/", wrong).content.decode())
    for url, data in (("/tra-cuu/", wrong), (f"/tra-cuu/{case.tracking_code}/", {"pin": "1"})):
        response = client.post(url, data)
        assert response.status_code == 429 and response["Retry-After"], url
        html = response.content.decode()
        summary = _summary(html)
        assert "Mã PIN đã bị nhập sai nhiều lần" in summary, url
        assert "autofocus" in summary and 'role="alert"' in summary, url
        assert _title(html).startswith("Lỗi:"), url
        assert html.count('role="alert"') == 1, url


@pytest.mark.parametrize("path", ["/tra-cuu/{code}/?khoa=" + "x" * 43, "/tra-cuu/quen-ma-pin/"])
def test_the_other_lookup_waits_are_summed_up_too(client, hospital, settings, path):
    """Too many look-ups from one address (a link opened again and again) or PIN re-sends."""
    settings.COMPLAINTS_RATE_LIMITS = {"lookup_address": (1, 600), "pin_resend_address": (1, 600)}
    case = CaseFactory(facility=hospital)
    url = path.format(code=case.tracking_code)
    send = (lambda: client.get(url)) if "khoa" in url else (
        lambda: client.post(url, {"tracking_code": case.tracking_code}))
    send()
    response = send()
    assert response.status_code == 429
    html = response.content.decode()
    assert "autofocus" in _summary(html) and _title(html).startswith("Lỗi:")
    assert html.count('role="alert"') == 1


def test_a_typed_pin_is_never_written_back_into_the_page(client, hospital):
    """Someone at a shared screen would read it; the code is kept, to fix a typo in it."""
    case = CaseFactory(facility=hospital)
    for url, data in (
        ("/tra-cuu/", {"tracking_code": case.tracking_code, "pin": "24681357"}),
        (f"/tra-cuu/{case.tracking_code}/", {"pin": "24681357"}),
    ):
        html = client.post(url, data).content.decode()
        assert 'id="error-summary"' in html and "24681357" not in html, url
        pin_box = re.search(r'<input[^>]*name="pin"[^>]*>', html).group(0)
        assert "value=" not in pin_box, pin_box
    html = client.post("/tra-cuu/", {"tracking_code": case.tracking_code, "pin": ""})
    assert f'value="{case.tracking_code}"' in html.content.decode()


def test_an_unticked_declaration_is_named_short_in_the_summary(client, hospital):
    """The summary repeated the whole declaration and ".: Chưa đánh dấu": a checkbox whose
    label is a sentence is named short there, the script told the same (walk-english F18)."""
    from .test_public_views import SUBMIT, form_data

    response = client.post(SUBMIT, form_data(hospital, consent=None))
    summary = _summary(response.content.decode())
    assert '<a href="#field-consent">Đồng ý xử lý dữ liệu cá nhân</a>: ' in summary
    assert "Tôi đồng ý để Sở Y tế" not in summary
    form = client.get(SUBMIT).content.decode()
    assert 'data-summary="Lời cam đoan"' in form
