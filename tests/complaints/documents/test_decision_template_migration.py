"""Migration 0045 brings an installed complaint decision to the shipped text line by line:
an administrator's other edits stay, the title and form reference change only where they are
still the shipped ones."""

import importlib

import pytest
from django.apps import apps

from complaints.documents.models import DocumentTemplate

migration = importlib.import_module("complaints.migrations.0045_decision_template_basis")

pytestmark = pytest.mark.django_db


def _edited_template(**fields) -> DocumentTemplate:
    DocumentTemplate.objects.filter(code=migration.CODE).delete()
    old_lines = "\n".join(old for old, _new in migration.BODY)
    return DocumentTemplate.objects.create(
        code=migration.CODE, document_type="quyet_dinh", action="conclude", kinds=["khieu_nai"],
        audience="parties", legal_basis="Điều 31 Luật Khiếu nại", trich_yeu="Giải quyết khiếu nại",
        body="Dòng do quản trị viên sửa.\n" + old_lines + "\nDòng cuối của quản trị viên.",
        **fields,
    )


def test_each_old_line_is_replaced_and_the_administrators_edits_stay():
    row = _edited_template(title=migration.OLD_TITLE, form_ref=migration.OLD_FORM_REF)

    migration.forwards(apps, None)

    row.refresh_from_db()
    assert row.body.startswith("Dòng do quản trị viên sửa.\n")
    assert row.body.endswith("\nDòng cuối của quản trị viên.")
    for _old, new in migration.BODY:
        assert new in row.body
    assert "Căn cứ {{ resolver_basis }} về thẩm quyền giải quyết khiếu nại;" in row.body
    assert (row.title, row.form_ref) == (migration.NEW_TITLE, migration.NEW_FORM_REF)


def test_a_title_the_administrator_changed_is_kept():
    title = "Quyết định giải quyết khiếu nại (mẫu của Sở)"
    row = _edited_template(title=title, form_ref="Mẫu riêng")

    migration.forwards(apps, None)

    row.refresh_from_db()
    assert (row.title, row.form_ref) == (title, "Mẫu riêng")
