"""Signing out of the admin is a POST: a GET (a link on any site) is refused before the
session cookie is touched, and the session stays as it was."""

import pytest
from django.conf import settings

from tests.complaints.admin.helpers import intake_user

pytestmark = pytest.mark.django_db


def test_a_get_does_not_drop_the_session_cookie(client):
    client.force_login(intake_user())
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # neither deleted nor set
    assert client.get("/admin/ho-so/").status_code == 200


def test_a_post_signs_out(client):
    client.force_login(intake_user())
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert client.get("/admin/ho-so/").status_code == 302  # to the sign-in page


def test_without_javascript_the_admin_offers_a_sign_out_form(client):
    """The sidebar, with its sign-out button, is drawn by JavaScript: without it an officer
    on a shared computer could not sign out (a GET is refused, above). Every admin page
    carries, inside <noscript>, a POST form to sign out with its CSRF token, and the links
    the sidebar would give; the form signs out."""
    import re

    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(intake_user())
    for url in ("/admin/", "/admin/ho-so/"):
        page = browser.get(url).content.decode()
        bar = re.search(r"<noscript>\s*<div[^>]*data-noscript-bar.*?</noscript>", page, re.S)
        assert bar, url
        assert page.count("data-noscript-bar") == 1, url
        assert "Danh sách hồ sơ, bộ lọc, các bước xử lý" in bar.group(0)
        assert 'href="/admin/ho-so/"' in bar.group(0)
        form = re.search(r'<form method="post" action="/admin/logout/".*?</form>', bar.group(0),
                         re.S)
        assert form and "Đăng xuất" in form.group(0)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
    response = browser.post("/admin/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get("/admin/ho-so/").status_code == 302  # to the sign-in page


def test_the_sign_in_page_has_no_such_bar(client):
    assert "data-noscript-bar" not in client.get("/admin/login/").content.decode()
