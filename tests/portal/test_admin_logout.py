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
