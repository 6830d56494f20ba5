"""The authority a decision opens with: the head's title and the unit, never a word twice
("TRƯỞNG TRẠM TRẠM Y TẾ …"), for every kind of unit."""

from __future__ import annotations

import importlib

import pytest

from complaints.models import FacilityKind
from complaints.rules.documents import SIGNER_TITLES, authority_line

# A unit of each kind, named as the demo's facilities are.
UNITS = {
    "department": ("Sở Y tế tỉnh Quảng Ngãi", "GIÁM ĐỐC SỞ Y TẾ TỈNH QUẢNG NGÃI"),
    "inspectorate": ("Thanh tra Sở Y tế", "CHÁNH THANH TRA SỞ Y TẾ"),
    "office": ("Văn phòng Sở Y tế", "CHÁNH VĂN PHÒNG SỞ Y TẾ"),
    "cdc": ("Trung tâm Kiểm soát bệnh tật", "GIÁM ĐỐC TRUNG TÂM KIỂM SOÁT BỆNH TẬT"),
    "food_safety": (
        "Chi cục An toàn vệ sinh thực phẩm",
        "CHI CỤC TRƯỞNG CHI CỤC AN TOÀN VỆ SINH THỰC PHẨM",
    ),
    "hospital": ("Bệnh viện đa khoa tỉnh", "GIÁM ĐỐC BỆNH VIỆN ĐA KHOA TỈNH"),
    "health_centre": ("Trung tâm Y tế Đức Phổ", "GIÁM ĐỐC TRUNG TÂM Y TẾ ĐỨC PHỔ"),
    "infirmary": ("Bệnh xá Đặng Thùy Trâm", "GIÁM ĐỐC BỆNH XÁ ĐẶNG THÙY TRÂM"),
    "commune_station": ("Trạm Y tế phường Phổ Hòa", "TRƯỞNG TRẠM Y TẾ PHƯỜNG PHỔ HÒA"),
    "private_clinic": (
        "Phòng khám đa khoa Thiện Nhân",
        "NGƯỜI PHỤ TRÁCH CHUYÊN MÔN PHÒNG KHÁM ĐA KHOA THIỆN NHÂN",
    ),
    "external": ("Cơ quan Bảo hiểm xã hội tỉnh", "THỦ TRƯỞNG CƠ QUAN BẢO HIỂM XÃ HỘI TỈNH"),
}


def test_every_unit_kind_is_covered():
    assert set(UNITS) == set(FacilityKind.values) == set(SIGNER_TITLES)


@pytest.mark.parametrize("kind", sorted(UNITS))
def test_the_authority_names_the_title_and_the_unit_once(kind):
    unit, expected = UNITS[kind]
    line = authority_line(SIGNER_TITLES[kind], unit)
    assert line == expected
    words = line.split()
    assert all(words[i:i + 2] != words[i + 2:i + 4] for i in range(len(words) - 3))


@pytest.mark.django_db
def test_installed_templates_open_with_the_authority_line():
    from django.apps import apps

    from complaints.documents.models import DocumentTemplate
    from complaints.documents.services import templates_sync

    templates_sync()
    row = DocumentTemplate.objects.get(code="tc_quyet_dinh_gia_han")
    row.body = row.body.replace("{{ authority }}", "{{ signer_title }} {{ issuer.name|upper }}")
    row.save()
    migration = importlib.import_module(
        "complaints.migrations.0025_document_templates_authority_line"
    )
    migration.forwards(apps, None)
    row.refresh_from_db()
    assert row.body.startswith("{{ authority }}\n")
    old = DocumentTemplate.objects.filter(body__contains="{{ signer_title }} {{ issuer")
    assert not old.exists()
