"""The staff sign-in page labels its fields in Vietnamese (Wagtail left "Password")."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _labels(page: str) -> dict[str, str]:
    return {
        target: re.sub(r"<[^>]+>|\*", "", text).strip()
        for target, text in re.findall(r'<label[^>]*for="id_(\w+)"[^>]*>(.*?)</label>', page, re.S)
    }


def test_the_sign_in_form_labels_username_and_password_in_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    labels = _labels(response.content.decode())
    assert labels["password"] == "Mật khẩu"
    assert labels["username"] == "Tên đăng nhập"
