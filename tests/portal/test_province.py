"""The Sở is named for the province's kind: "Sở Y tế tỉnh Quảng Ngãi", but "Sở Y tế thành
phố Huế" for a centrally run city (portal/province.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from cms import demo_content
from portal.province import department_name, province_title

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "province, kind, expected",
    [
        ("Quảng Ngãi", "", "Sở Y tế tỉnh Quảng Ngãi"),
        ("Huế", "", "Sở Y tế thành phố Huế"),
        ("Hồ Chí Minh", "", "Sở Y tế thành phố Hồ Chí Minh"),
        ("Hà Nội", "tỉnh", "Sở Y tế tỉnh Hà Nội"),  # the setting decides when it is given
        ("Thủ Đức", "thành phố", "Sở Y tế thành phố Thủ Đức"),
    ],
)
def test_the_department_is_named_for_the_provinces_kind(settings, province, kind, expected):
    settings.PORTAL_PROVINCE, settings.PORTAL_PROVINCE_KIND = province, kind
    with translation.override("vi"):
        assert department_name() == expected
    assert province_title() == expected.removeprefix("Sở Y tế ")


def test_a_citys_pages_never_call_it_a_tinh(settings, client):
    settings.PORTAL_PROVINCE, settings.PORTAL_PROVINCE_KIND = "Đà Nẵng", ""
    html = client.get("/tra-cuu/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Sở Y tế thành phố Đà Nẵng" in html and "tỉnh Đà Nẵng" not in html
    form = client.get("/gui-phan-anh/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Gửi đến Sở Y tế thành phố Đà Nẵng về một cơ sở y tế trên địa bàn." in form
    assert "trong tỉnh" not in form
    texts = " ".join(
        str(value)
        for page in (demo_content.about(province_title()), demo_content.privacy(province_title()),
                     demo_content.contact(province_title()))
        for value in page.values()
    )  # fmt: skip
    assert "Sở Y tế thành phố Đà Nẵng" in texts and "tỉnh" not in texts


def test_english_names_the_department_too(settings, client):
    settings.PORTAL_PROVINCE, settings.PORTAL_PROVINCE_KIND = "Huế", ""
    with translation.override("en"):
        assert department_name() == "Department of Health of Huế city"
