"""Importing the facility tree and categories from CSV: all rows or none, every bad
line reported with its number (CONTRACT.md, import_facilities / import_categories)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import ProtectedError

from complaints.models import Category, Facility, FacilityKind
from complaints.services.imports import ImportRejected, categories_import, facilities_import
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

HEADER = "code,name,kind,parent_code,area,address,hotline\n"
CATEGORY_HEADER = "code,name,default_unit_code,description\n"


def rejected_errors(importer, text: str) -> dict[int, str]:
    with pytest.raises(ImportRejected) as info:
        importer(text=text)
    return dict(info.value.result.errors)


def test_valid_file_builds_the_tree_parents_first():
    result = facilities_import(
        text=HEADER
        + "SO,Sở Y tế,department,,Tỉnh,,\n"
        + "TT,Trung tâm Y tế,health_centre,SO,Huyện,,\n"
        + "TYT,Trạm Y tế xã,commune_station,TT,Xã,,\n"
    )
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert Facility.objects.get(code="TYT").parent.parent.code == "SO"


def test_every_bad_line_is_reported_and_nothing_is_imported():
    FacilityFactory(code="SO", kind=FacilityKind.DEPARTMENT)
    text = (
        HEADER
        + "BV1,Bệnh viện tốt,hospital,SO,,,\n"  # line 2: valid, yet not imported
        + ",Không có mã,hospital,SO,,,\n"  # line 3
        + "BV2,,hospital,SO,,,\n"  # line 4: no name
        + "BV3,Bệnh viện lạ,benh_vien,SO,,,\n"  # line 5: unknown kind
        + "BV4,Bệnh viện mồ côi,hospital,KHONG-CO,,,\n"  # line 6: unknown parent
        + "BV1,Bệnh viện trùng,hospital,SO,,,\n"  # line 7: duplicate of line 2
        + "BV5,Tự làm cấp trên,hospital,BV5,,,\n"  # line 8: own parent
    )
    before = Facility.objects.count()

    errors = rejected_errors(facilities_import, text)

    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert errors[3] == "thiếu mã cơ sở"
    assert errors[4] == "thiếu tên cơ sở"
    assert errors[5] == (
        "loại cơ sở không hợp lệ: benh_vien (mã hợp lệ: department, inspectorate, office, "
        "cdc, food_safety, hospital, health_centre, infirmary, commune_station, "
        "private_clinic, external)"
    )
    assert errors[6] == "không tìm thấy đơn vị cấp trên KHONG-CO"
    assert errors[7] == "mã BV1 trùng với dòng 2"
    assert errors[8] == "cơ sở không thể là cấp trên của chính nó"
    assert Facility.objects.count() == before
    assert not Facility.objects.filter(code="BV1").exists()


def test_a_line_with_several_faults_reports_each():
    with pytest.raises(ImportRejected) as info:
        facilities_import(text=HEADER + "X,,nothing,NOWHERE,,,\n")
    messages = [message for line, message in info.value.result.errors if line == 2]
    assert len(messages) == 3


def test_missing_column_is_reported_on_the_header_line():
    errors = rejected_errors(facilities_import, "code,name,kind\nSO,Sở,department\n")
    assert errors == {
        1: "thiếu cột: parent_code, area, address, hotline (dòng đầu phải có các cột "
        "code,name,kind,parent_code,area,address,hotline, phân cách bằng dấu phẩy, dấu "
        "chấm phẩy hoặc tab)"
    }
    assert not Facility.objects.exists()


def test_a_cycle_is_refused_and_rolled_back():
    top = FacilityFactory(code="A", name="A", kind=FacilityKind.DEPARTMENT)
    FacilityFactory(code="B", name="B", parent=top)
    text = HEADER + "A,A đổi tên,department,B,,,\nB,B,hospital,A,,,\n"

    errors = rejected_errors(facilities_import, text)

    assert errors and all("vòng lặp" in message for message in errors.values())
    top.refresh_from_db()
    assert top.parent_id is None and top.name == "A"  # nothing written


def test_reimport_changes_nothing_and_reports_unchanged():
    text = HEADER + "SO,Sở Y tế,department,,Tỉnh,,\nBV,Bệnh viện,hospital,SO,,,\n"
    facilities_import(text=text)
    history = Facility.history.count()
    result = facilities_import(text=text)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Facility.history.count() == history


def test_deactivation_keeps_history_and_cases():
    text = HEADER + "SO,Sở Y tế,department,,,,\nTYT,Trạm Y tế xã,commune_station,SO,,,\n"
    facilities_import(text=text)
    station = Facility.objects.get(code="TYT")
    case = CaseFactory(facility=station, assigned_unit=station)
    history_before = station.history.count()

    station.is_active = False
    station._change_reason = "origin=admin action=deactivate"
    station.save()
    facilities_import(text=text)  # the yearly file still lists it

    station.refresh_from_db()
    assert station.is_active is False  # an import never reactivates a unit
    versions = list(station.history.order_by("history_id"))
    assert len(versions) == history_before + 1  # the deactivation, nothing from the import
    assert versions[-1].is_active is False and all(v.is_active for v in versions[:-1])
    assert versions[-1].history_change_reason == "origin=admin action=deactivate"
    case.refresh_from_db()
    assert case.facility == station and case.assigned_unit == station
    with pytest.raises(ProtectedError):
        station.delete()


def test_category_bad_lines_are_all_reported_and_nothing_imported():
    FacilityFactory(code="ATTP", kind=FacilityKind.FOOD_SAFETY)
    text = (
        CATEGORY_HEADER
        + "an-toan-thuc-pham,An toàn thực phẩm,ATTP,\n"  # line 2: valid
        + "dich-benh,Dịch bệnh,CDC-KHONG-CO,\n"  # line 3: unknown unit
        + "an-toan-thuc-pham,Trùng,,\n"  # line 4: duplicate
        + ",Không mã,,\n"  # line 5
        + "khong-ten,,,\n"  # line 6
    )
    errors = rejected_errors(categories_import, text)
    assert errors == {
        3: "không tìm thấy đơn vị CDC-KHONG-CO",
        4: "mã an-toan-thuc-pham trùng với dòng 2",
        5: "thiếu mã lĩnh vực",
        6: "thiếu tên lĩnh vực",
    }
    assert not Category.objects.exists()


def test_import_command_prints_each_bad_line_with_its_number(tmp_path):
    path = tmp_path / "co-so.csv"
    path.write_text(HEADER + "SO,Sở,department,,,,\nBV,,hospital,SO,,,\nBV,Trùng,hospital,SO,,,\n",
                    encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="không dòng nào được nhập"):
        call_command("import_facilities", str(path), stderr=err)
    assert f"{path}:3: thiếu tên cơ sở" in err.getvalue()
    assert f"{path}:4: mã BV trùng với dòng 3" in err.getvalue()
    assert not Facility.objects.exists()


def test_a_child_may_come_before_its_parent_in_the_file():
    result = facilities_import(
        text=HEADER + "TYT,Trạm Y tế,commune_station,SO,,,\nSO,Sở Y tế,department,,,,\n"
    )
    assert result.created == 2


EXCEL_ROWS = [
    ["code", "name", "kind", "parent_code", "area", "address", "hotline"],
    ["SO", "Sở Y tế", "department", "", "Tỉnh", "Số 1, đường Hùng Vương", ""],
    ["BV", "Bệnh viện Đa khoa; cơ sở 2", "hospital", "SO", "", "", "0255 3822"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        (";", "utf-8-sig"),  # Excel "CSV UTF-8" on a Vietnamese Windows
        (",", "utf-8"),
        ("\t", "utf-16"),  # Excel "Unicode Text": UTF-16 with its BOM, tabs
        (";", "utf-16"),
    ],
)
def test_import_command_reads_the_files_excel_saves(tmp_path, delimiter, encoding):
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(EXCEL_ROWS)
    path = tmp_path / "don-vi.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    out = io.StringIO()
    call_command("import_facilities", str(path), stdout=out)
    assert "2 mới" in out.getvalue()
    hospital = Facility.objects.get(code="BV")
    assert (hospital.name, hospital.parent.code, hospital.hotline) == (
        "Bệnh viện Đa khoa; cơ sở 2", "SO", "0255 3822"
    )
    assert Facility.objects.get(code="SO").address == "Số 1, đường Hùng Vương"


def test_a_category_file_with_semicolons_is_read():
    FacilityFactory(code="SO", kind=FacilityKind.DEPARTMENT)
    categories_import(text="code;name;default_unit_code;description\nkhac;Khác;SO;Nội dung, khác\n")
    assert Category.objects.get(code="khac").description == "Nội dung, khác"


def test_a_file_in_another_encoding_is_one_clear_error(tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(HEADER.encode() + b"SO,S\xf4 Y t\xea,department,,,,\n")  # TCVN3, latin-1…
    err = io.StringIO()
    with pytest.raises(CommandError, match="không dòng nào được nhập"):
        call_command("import_facilities", str(path), stderr=err)
    assert f"{path}:2: tệp không phải UTF-8 hay UTF-16" in err.getvalue()
    assert "CSV UTF-8" in err.getvalue()


def test_import_help_lists_the_columns_and_the_kind_codes():
    from complaints.management.commands import import_categories, import_facilities

    facilities = import_facilities.Command().help
    assert "code,name,kind,parent_code,area,address,hotline" in facilities
    assert all(kind in facilities for kind in FacilityKind.values)
    assert "code,name,default_unit_code,description" in import_categories.Command().help


def test_the_optional_email_column_gives_each_unit_its_mailbox():
    """`email` (optional): where the unit's alerts go; a bad address refuses its line and
    nothing is imported; a file without the column leaves the mailboxes as they are."""
    header = HEADER.rstrip("\n") + ",email\n"
    errors = rejected_errors(
        facilities_import,
        header
        + "SO,Sở Y tế,department,,Tỉnh,,,vanthu@syt.example.vn\n"
        + "BV,Bệnh viện tỉnh,hospital,SO,,,,phong-khth@bv\n",  # line 3: no domain
    )
    assert errors == {3: "thư điện tử không hợp lệ: phong-khth@bv"}
    assert not Facility.objects.exists()

    facilities_import(
        text=header
        + "SO,Sở Y tế,department,,Tỉnh,,,vanthu@syt.example.vn\n"
        + "BV,Bệnh viện tỉnh,hospital,SO,,,,\n"
    )
    assert dict(Facility.objects.values_list("code", "email")) == {
        "SO": "vanthu@syt.example.vn", "BV": "",
    }
    result = facilities_import(text=HEADER + "SO,Sở Y tế,department,,Tỉnh,,\n")
    assert result.unchanged == 1
    assert Facility.objects.get(code="SO").email == "vanthu@syt.example.vn"


def test_the_command_reports_a_bad_address_with_its_line(tmp_path):
    path = tmp_path / "don_vi.csv"
    path.write_text(HEADER.rstrip("\n") + ",email\nSO,Sở Y tế,department,,,,,sai địa chỉ\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_facilities", str(path), stdout=io.StringIO(), stderr=err)
    assert "don_vi.csv:2: thư điện tử không hợp lệ: sai địa chỉ" in err.getvalue()


def test_the_english_columns_are_optional_and_a_file_without_them_keeps_them():
    header = "code,name,default_unit_code,description"
    categories_import(text=f"{header},name_en,description_en\n"
                           "bhyt,Bảo hiểm y tế,,Thanh toán BHYT,Health insurance,Payments\n")
    category = Category.objects.get(code="bhyt")
    assert (category.name_en, category.description_en) == ("Health insurance", "Payments")
    assert category.label("en") == "Health insurance" and category.label("vi") == "Bảo hiểm y tế"

    categories_import(text=f"{header}\nbhyt,Bảo hiểm y tế,,Thanh toán BHYT\n")
    category.refresh_from_db()
    assert category.name_en == "Health insurance"  # the file had no such column


def test_setup_portal_gives_the_shipped_english_names_only_to_unrenamed_fields():
    # An install from before the English names: setup_portal's new_only import fills them
    # where the administrator neither named the field in English nor renamed it.
    Category.objects.create(code="kham-chua-benh", name="Chất lượng khám bệnh chữa bệnh")
    Category.objects.create(code="thai-do-phuc-vu", name="Thái độ của nhân viên")  # renamed
    Category.objects.create(code="khac", name="Khác", name_en="Anything else")
    from pathlib import Path

    shipped = (Path(__file__).resolve().parents[3] / "demo/data/categories.csv").read_text()
    categories_import(text=shipped, new_only=True)
    names = dict(Category.objects.values_list("code", "name_en"))
    assert names["kham-chua-benh"] == "Quality of medical examination and treatment"
    assert names["thai-do-phuc-vu"] == ""
    assert names["khac"] == "Anything else"
    assert names["hanh-chinh"] == "Administrative procedures"  # a new one, with its name
