# ruff: noqa: E501 (the template lines are kept whole, as the shipped text has them)
"""The complaint decision as installed: Điều 1's act between the law's alternatives ("Sửa
đổi, bổ sung hoặc hủy bỏ", điểm h khoản 2 Điều 31, Điều 40 Luật Khiếu nại) becomes the
marked choice "[chọn: sửa đổi, bổ sung / hủy bỏ]", a blank the issue refuses until the
resolver writes the one decided (complaints/documents/context.py `BLANK`). Only each exact
old line is replaced, in an edited template too (an administrator's other edits stay); the
reverse puts each exact new line back to the old wording the same way."""

from django.db import migrations

CODE = "kn_quyet_dinh_giai_quyet"
BODY = [
    ("{% elif finding_code %}Sửa đổi, bổ sung hoặc hủy bỏ {% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} ",
     "{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] {% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} "),
    ("{% elif finding_code %}Sửa đổi, bổ sung hoặc hủy bỏ {{ case.first_decision }} như sau:",
     "{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] {{ case.first_decision }} như sau:"),
]


def _replace(apps, pairs):
    """Each exact line of `pairs` (from, to) replaced in the installed template, nothing
    else: an administrator's other edits stay."""
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code=CODE):
        body = row.body
        for old, new in pairs:
            body = body.replace(old, new)
        if body != row.body:
            row.body = body
            row.save(update_fields=["body"])


def forwards(apps, schema_editor):
    _replace(apps, BODY)


def backwards(apps, schema_editor):
    """The old wording back where the template still holds the new line unchanged; a line
    edited since is left as the administrator wrote it."""
    _replace(apps, [(new, old) for old, new in BODY])


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0045_decision_template_basis"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
