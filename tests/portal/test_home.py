import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())


def test_home_page_renders_in_vietnamese_with_the_main_navigation(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert response["Content-Language"] == "vi"
    for label in ("Tin tức", "Văn bản chỉ đạo", "Gửi phản ánh", "Tra cứu hồ sơ", "Tìm kiếm"):
        assert f">{label}</a>" in html
    assert 'name="viewport"' in html
    assert 'href="#main"' in html  # skip link for keyboard users


def test_browser_asking_for_english_still_gets_vietnamese(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()


def test_visitor_can_switch_to_english(client, demo_site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert ">News</a>" in html


def test_admin_login_page_is_served(client, demo_site):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_static_files_are_served_by_the_app(client, demo_site):
    response = client.get("/static/portal/css/portal.css")
    assert response.status_code == 200
