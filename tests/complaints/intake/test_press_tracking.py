"""A press case's code (`bao_chi`: logged by the press office from an article, no citizen, no
PIN) on the tracking pages and the API: told what it is and where the Sở's response is
published, never asked for a PIN no one has."""

import re

import pytest

from complaints.services.press import (
    case_press_response_published,
    case_press_response_unpublished,
)
from tests.factories import DEFAULT_PIN, CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

RESPONSE = "/phan-hoi-bao-chi/benh-nhan-cho-kham/"


def _press():
    return CaseFactory(bao_chi=True, status="concluded", title="Nội bộ: kiểm tra khoa khám")


def _publish(case):
    case_press_response_published(
        case_id=case.pk, url=RESPONSE, title="Phản hồi bài Bệnh nhân chờ khám",
        actor=UserFactory(),
    )


def test_a_press_code_gets_a_page_of_its_own_not_the_pin_form(client):
    case = _press()
    response = client.get(f"/tra-cuu/{case.tracking_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="pin"' not in html and "Quên mã PIN" not in html
    assert "thông tin báo chí" in html and case.tracking_code in html
    assert "Bệnh nhân chờ khám quá lâu" in html and "Báo Quảng Ngãi" in html  # the article
    assert "Sở Y tế sẽ đăng phản hồi" in html
    assert case.title not in html  # the office's own wording stays inside


def test_a_published_response_is_linked_and_an_unpublished_one_no_longer(client):
    case = _press()
    _publish(case)
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert re.search(rf'<a [^>]*href="{RESPONSE}"', html)
    assert "Phản hồi bài Bệnh nhân chờ khám" in html and "sẽ đăng phản hồi" not in html
    case_press_response_unpublished(
        case_id=case.pk, url=RESPONSE, title="Phản hồi bài Bệnh nhân chờ khám",
        actor=UserFactory(),
    )
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert RESPONSE not in html and "Sở Y tế sẽ đăng phản hồi" in html


def test_a_pin_posted_for_a_press_code_opens_nothing(client):
    case = _press()
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 200 and response.context.get("case") is None
    assert "thông tin báo chí" in response.content.decode()
    assert 'name="pin"' not in response.content.decode()


def test_the_look_up_form_sends_a_press_code_to_its_page(client):
    case = _press()
    response = client.post("/tra-cuu/", {"tracking_code": case.tracking_code, "pin": "12345678"})
    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{case.tracking_code}/"


def test_other_codes_keep_the_pin_form(client):
    case = CaseFactory()
    assert 'name="pin"' in client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()


@pytest.mark.parametrize("query", [{}, {"pin": "12345678"}])
def test_the_api_answers_a_press_code_with_a_404_that_says_what_it_is(client, query):
    case = _press()
    _publish(case)
    response = client.get(f"/api/v1/submissions/{case.tracking_code}", query)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "thông tin báo chí" in detail and RESPONSE in detail
    assert "PIN (?pin" not in detail and "Không tìm thấy hồ sơ với mã và mã PIN" not in detail


def test_the_api_answers_in_the_callers_language(client):
    from django.utils import translation

    from complaints.selectors.tracking import press_case_tracking

    case = _press()
    response = client.get(f"/api/v1/submissions/{case.tracking_code}", {"lang": "en"})
    assert response.status_code == 404 and response["Content-Language"] == "en"
    with translation.override("en"):
        expected = press_case_tracking(case.tracking_code).detail()
    assert response.json()["detail"] == expected
