# ruff: noqa: E501 (the template lines are kept whole, as the shipped text has them)
"""The complaint decision as installed: Điều 1's act between the law's alternatives ("Sửa
đổi, bổ sung hoặc hủy bỏ", điểm h khoản 2 Điều 31, Điều 40 Luật Khiếu nại) becomes the
marked choice "[chọn: sửa đổi, bổ sung / hủy bỏ]", a blank the issue refuses until the
resolver writes the one decided (complaints/documents/context.py `BLANK`). Only each exact
old line is replaced, in an edited template too (an administrator's other edits stay)."""

from django.db import migrations

CODE = "kn_quyet_dinh_giai_quyet"
BODY = [
    ("{% elif finding_code %}Sửa đổi, bổ sung hoặc hủy bỏ {% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} ",
     "{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] {% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} "),
    ("{% elif finding_code %}Sửa đổi, bổ sung hoặc hủy bỏ {{ case.first_decision }} như sau:",
     "{% elif finding_code %}[chọn: sửa đổi, bổ sung / hủy bỏ] {{ case.first_decision }} như sau:"),
]


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code=CODE):
        body = row.body
        for old, new in BODY:
            body = body.replace(old, new)
        if body != row.body:
            row.body = body
            row.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0045_decision_template_basis"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
