"""Error pages in Vietnamese with the portal's header and a way back, DEBUG off
(issue 12, item 5); the navigation marks the current page; the favicon answers."""

import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@override_settings(DEBUG=False)
def test_404_is_vietnamese_with_header_and_link_home(client):
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _lang(html) == "vi"
    assert "Không tìm thấy trang bạn cần" in html
    assert 'href="/"' in html and "Về trang chủ" in html
    assert "site-header" in html and "Sở Y tế tỉnh Quảng Ngãi" in html
    assert "Not Found" not in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.portal.error_urls")
def test_403_is_vietnamese(client):
    response = client.get("/__loi-403/")
    html = response.content.decode()
    assert response.status_code == 403
    assert _lang(html) == "vi" and "Bạn không có quyền xem trang này" in html
    assert "Về trang chủ" in html and "Forbidden" not in html


@override_settings(DEBUG=False)
def test_csrf_failure_is_vietnamese_and_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tra-cuu/", {"tracking_code": "YT-2026-000001", "pin": "1"})
    html = response.content.decode()
    assert response.status_code == 403
    assert _lang(html) == "vi"
    assert "Biểu mẫu đã hết hạn" in html and "Về trang chủ" in html
    assert "CSRF verification failed" not in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.portal.error_urls")
def test_500_is_vietnamese_with_a_way_back():
    client = Client(raise_request_exception=False)
    response = client.get("/__loi-500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert _lang(html) == "vi"
    assert "Hệ thống đang gặp sự cố" in html and 'href="/"' in html
    assert "Server Error" not in html
    assert "<strong>Sở Y tế tỉnh Quảng Ngãi</strong>" in html
    assert "Đường dây nóng ngành Y tế: 1900 9095" in html


@override_settings(
    DEBUG=False, ROOT_URLCONF="tests.portal.error_urls", PORTAL_PROVINCE="Huế",
    PORTAL_HOTLINE="0234 3822 111",
)
def test_500_names_the_department_and_hotline_from_the_settings():
    html = Client(raise_request_exception=False).get("/__loi-500/").content.decode()
    assert "<strong>Sở Y tế thành phố Huế</strong>" in html
    assert "Đường dây nóng ngành Y tế: 0234 3822 111" in html and "1900 9095" not in html


def test_english_visitors_get_the_404_in_english(client):
    client.cookies["django_language"] = "en"
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert _lang(html) == "en"


def test_navigation_marks_the_current_section_only(client):
    html = client.get("/tra-cuu/").content.decode()
    current = re.findall(r'<a href="([^"]+)"[^>]*aria-current="page"', html)
    assert current == ["/tra-cuu/"]
    for section in ("/phan-hoi-bao-chi/", "/guong-dien-hinh/"):
        assert f'href="{section}"' in html


def test_favicon(client):
    html = client.get("/tra-cuu/").content.decode()
    assert 'rel="icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_refused_query_string_gets_the_sites_page_with_a_search_box(client, language):
    """`/tim-kiem/?q=%00` answered a bare plain-text 400 with no title and no way back."""
    from django.conf import settings
    from django.utils import translation

    client.cookies["django_language"] = language
    response = client.get("/tim-kiem/?q=%00")
    html = response.content.decode()
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    with translation.override(language):
        message = str(translation.gettext("Địa chỉ chứa ký tự không hợp lệ."))
        name = str(settings.PORTAL_NAME)
    assert _lang(html) == language and f"<h1>{message}</h1>" in html
    assert re.search(r"<title>(.*?)</title>", html).group(1).endswith(f" — {name}")
    assert "site-header" in html and 'href="/"' in html
    assert '<form method="get" action="/tim-kiem/" role="search"' in html
    # The API keeps its JSON answer.
    api = client.get("/api/v1/search?q=%00")
    assert api.status_code == 400 and api.json()["errors"]["__all__"] == [message]
