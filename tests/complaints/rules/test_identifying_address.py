"""Which denouncer's addresses identify a person (`complaints.rules.identifying_address`):
more than a province or district name, read from the address's own shape."""

from __future__ import annotations

import pytest

from complaints.rules.identifying_address import address_identifies


@pytest.mark.parametrize(
    "address",
    [
        "12 Phan Đình Phùng, Quảng Ngãi",  # a house number
        "Số nhà 5, Đức Phổ",
        "Tổ 5, Quảng Ngãi",
        "thôn An Hội, Quảng Ngãi",
        "Xóm Mới, Đức Phổ",
        "ấp Bình Phú",
        "đường Lê Lợi, Quảng Ngãi",
        "Kiệt Nguyễn Nghiêm",
        "Hẻm Ba Gia",
        "khu phố Nguyễn Nghiêm",
        "xã Phổ Cường, tỉnh Quảng Ngãi",  # a commune: more than a province
        "Phường Cẩm Thành",
        "thị trấn Châu Ổ",
        "Phổ Cường, Đức Phổ, Quảng Ngãi",  # commune, district, province
        "Quận 1, Thành phố Hồ Chí Minh",  # in doubt, protected
    ],
)
def test_an_address_saying_more_than_a_province_or_district_identifies(address):
    assert address_identifies(address)


@pytest.mark.parametrize(
    "address",
    [
        "",
        "Quảng Ngãi",
        "Hà Nội",
        "  hà nội ",
        "Đức Phổ, Quảng Ngãi",
        "huyện Bình Sơn, tỉnh Quảng Ngãi",
        "Thành phố Hồ Chí Minh",
        "thị xã Đức Phổ",
        # Province and district names that read as place words without diacritics or
        # that hold one of them: no false alarm.
        "Hải Dương",
        "Lạng Sơn",
        "Nha Trang, Khánh Hòa",
        "Hải Phòng",
        "Buôn Ma Thuột, Đắk Lắk",
        "Trấn Yên, Yên Bái",
        "Nhà Bè, Thành phố Hồ Chí Minh",
    ],
)
def test_a_bare_place_name_does_not(address):
    assert not address_identifies(address)
