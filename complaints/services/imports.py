"""Importing the facility tree and the categories from CSV: all rows or none,
every bad row reported with its line number (issue: the tree is data).

A file as Excel saves it is read as it is: UTF-8 with or without BOM, or UTF-16 with
its BOM ("Unicode text"); fields separated by commas, semicolons (Excel on a Vietnamese
Windows) or tabs, found from the header line."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.models import Category, Facility, FacilityKind

FACILITY_COLUMNS = ("code", "name", "kind", "parent_code", "area", "address", "hotline")
# Read when the header has them; a file without leaves the units' values as they are.
# `email`: the unit's mailbox, where a case routed to it is announced
# (complaints/notifications/staff.py); an empty cell leaves the unit without one.
FACILITY_OPTIONAL_COLUMNS = ("email",)
CATEGORY_COLUMNS = ("code", "name", "default_unit_code", "description")
# Optional: the field's name and description for English readers. A file without them
# leaves what the administrator typed.
CATEGORY_ENGLISH_COLUMNS = ("name_en", "description_en")
DELIMITERS = ",;\t"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(Exception):
    def __init__(self, result: ImportResult):
        self.result = result
        lines = "; ".join(f"{_('dòng')} {line}: {message}" for line, message in result.errors)
        super().__init__(lines)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-16 with its BOM, else UTF-8 (a BOM is dropped).
    Raises ImportRejected naming the line of the first byte that is neither."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = _(
            "tệp không phải UTF-8 hay UTF-16: hãy lưu lại bằng Excel, kiểu “CSV UTF-8 "
            "(Comma delimited)” hoặc “Unicode Text”"
        )
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(ImportResult(errors=[(line, message)])) from None


def _read_rows(
    text: str, required: tuple[str, ...], result: ImportResult
) -> list[tuple[int, dict]]:
    text = text.lstrip("\ufeff")
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], DELIMITERS).delimiter
    except csv.Error:  # one column, or none of them: the missing columns are reported
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [name for name in required if name not in (reader.fieldnames or [])]
    if missing:
        message = _(
            "thiếu cột: %(columns)s (dòng đầu phải có các cột %(required)s, phân cách bằng "
            "dấu phẩy, dấu chấm phẩy hoặc tab)"
        ) % {"columns": ", ".join(missing), "required": ",".join(required)}
        result.errors.append((1, message))
        return []
    # Line numbers as a spreadsheet shows them: the header is line 1.
    return [
        (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader
    ]


def _check_codes_and_names(rows, result: ImportResult, *, missing_code, missing_name) -> None:
    """Every row has a code, unique in the file whatever the case, and a name."""
    first_line: dict[str, int] = {}
    for line, row in rows:
        code = row["code"]
        if not code:
            result.errors.append((line, missing_code))
        elif code.casefold() in first_line:
            message = _("mã %(code)s trùng với dòng %(other)s") % {
                "code": code,
                "other": first_line[code.casefold()],
            }
            result.errors.append((line, message))
        else:
            first_line[code.casefold()] = line
        if not row["name"]:
            result.errors.append((line, missing_name))


def _save_if_changed(instance, values: dict, reason: str, result: ImportResult) -> None:
    is_new = instance.pk is None
    changed = is_new or any(getattr(instance, key) != value for key, value in values.items())
    if not changed:
        result.unchanged += 1
        return
    for key, value in values.items():
        setattr(instance, key, value)
    instance._change_reason = reason
    instance.full_clean(validate_unique=False)
    instance.save()
    if is_new:
        result.created += 1
    else:
        result.updated += 1


@transaction.atomic
def facilities_import(*, text: str, source: str = "csv") -> ImportResult:
    """Create or update facilities from CSV text (columns FACILITY_COLUMNS).

    Guarantees: validated in full before anything is written; one transaction;
    a facility absent from the file is left as it is (deactivate it in the admin).
    Codes are compared without regard to case (the admin's form refuses `ttyt-dp` beside
    `TTYT-DP`): a unit whose code differs only in case is updated, and every code is kept in
    upper case, as the form keeps it.
    Raises ImportRejected with every bad line when any row is invalid."""
    result = ImportResult()
    rows = _read_rows(text, FACILITY_COLUMNS, result)
    kinds = set(FacilityKind.values)
    existing = {f.code.casefold(): f for f in Facility.objects.order_by("-id")}
    _check_codes_and_names(
        rows, result, missing_code=_("thiếu mã cơ sở"), missing_name=_("thiếu tên cơ sở")
    )
    # a child may come before its parent
    all_codes = {row["code"].casefold() for _line, row in rows}
    for line, row in rows:
        code = row["code"]
        if row["kind"] not in kinds:
            result.errors.append(
                (
                    line,
                    _("loại cơ sở không hợp lệ: %(kind)s (mã hợp lệ: %(codes)s)")
                    % {"kind": row["kind"] or "—", "codes": ", ".join(FacilityKind.values)},
                )
            )
        parent = row["parent_code"]
        if parent and parent.casefold() not in all_codes | existing.keys():
            result.errors.append(
                (line, _("không tìm thấy đơn vị cấp trên %(code)s") % {"code": parent})
            )
        if parent and parent.casefold() == code.casefold():
            result.errors.append((line, _("cơ sở không thể là cấp trên của chính nó")))
        if row.get("email"):
            try:
                validate_email(row["email"])
            except ValidationError:
                result.errors.append(
                    (line, _("thư điện tử không hợp lệ: %(email)s") % {"email": row["email"]})
                )
    if result.errors:
        raise ImportRejected(result)

    reason = f"import_facilities source={source}"
    # Two passes: create every facility, then link parents (a child may come first).
    for _line, row in rows:
        facility = existing.get(row["code"].casefold()) or Facility(code=row["code"].upper())
        values = {k: row[k] for k in ("name", "kind", "area", "address", "hotline")}
        values["code"] = row["code"].upper()
        values |= {k: row[k] for k in FACILITY_OPTIONAL_COLUMNS if k in row}
        _save_if_changed(facility, values, reason, result)
        existing[facility.code.casefold()] = facility
    for _line, row in rows:
        facility = existing[row["code"].casefold()]
        parent = existing.get(row["parent_code"].casefold()) if row["parent_code"] else None
        if facility.parent_id != (parent.pk if parent else None):
            facility.parent = parent
            facility._change_reason = reason
            facility.save(update_fields=["parent"])
    _check_no_cycles(rows, existing, result)
    if result.errors:
        transaction.set_rollback(True)
        raise ImportRejected(result)
    return result


def _check_no_cycles(rows, existing: dict[str, Facility], result: ImportResult) -> None:
    parent_of = {
        code: (f.parent.code.casefold() if f.parent_id else None) for code, f in existing.items()
    }
    for line, row in rows:
        seen, node = set(), row["code"].casefold()
        while node is not None:
            if node in seen:
                result.errors.append(
                    (line, _("cây đơn vị bị vòng lặp tại %(code)s") % {"code": row["code"]})
                )
                break
            seen.add(node)
            node = parent_of.get(node)


def _add_english_names(category: Category, row: dict, reason: str, result: ImportResult) -> None:
    """`setup_portal` after an upgrade: the shipped English name and description reach a
    category the administrator has not named in English, while its Vietnamese name is still
    the shipped one (a renamed field would get a translation of another name)."""
    values = {column: row[column] for column in CATEGORY_ENGLISH_COLUMNS if row.get(column)}
    if not values or category.name_en or category.name != row["name"]:
        result.unchanged += 1
        return
    _save_if_changed(category, values, reason, result)


@transaction.atomic
def categories_import(*, text: str, source: str = "csv", new_only: bool = False) -> ImportResult:
    """Create or update categories from CSV text (columns CATEGORY_COLUMNS); all or none.

    `new_only` (`setup_portal` installing the shipped list): a category already in the
    database is left as the administrator has it, and a default unit not in the tree is
    left empty for the administrator to choose."""
    result = ImportResult()
    rows = _read_rows(text, CATEGORY_COLUMNS, result)
    units = {f.code: f for f in Facility.objects.all()}
    existing = {c.code: c for c in Category.objects.all()}
    _check_codes_and_names(
        rows, result, missing_code=_("thiếu mã lĩnh vực"), missing_name=_("thiếu tên lĩnh vực")
    )
    for line, row in rows:
        unit = row["default_unit_code"]
        if unit and unit not in units and not new_only:
            result.errors.append((line, _("không tìm thấy đơn vị %(code)s") % {"code": unit}))
    if result.errors:
        raise ImportRejected(result)
    reason = f"import_categories source={source}"
    for _line, row in rows:
        if new_only and row["code"] in existing:
            _add_english_names(existing[row["code"]], row, reason, result)
            continue
        category = existing.get(row["code"]) or Category(code=row["code"])
        values = {
            "name": row["name"],
            "description": row["description"],
            "default_unit": units.get(row["default_unit_code"]),
            **{column: row[column] for column in CATEGORY_ENGLISH_COLUMNS if column in row},
        }
        _save_if_changed(category, values, reason, result)
    return result
