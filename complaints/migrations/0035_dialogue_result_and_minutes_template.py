"""The dialogue's result (kết quả đối thoại: the points agreed and those still disputed,
khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi Điều
11 Nghị định 155/2026/NĐ-CP) kept on the meeting, with its history; and the minutes (Mẫu số
14) as installed: their section III printed `step.outcome`, which the minutes never get (a
held meeting's status code), so it always read "..............". A template nobody edited
takes the shipped text at `templates_sync` after this migration; here only the exact old
words are replaced, in an edited template too (an administrator's other edits stay)."""

from django.db import migrations, models

CODE = "kn_bien_ban_doi_thoai"
OLD = "{{ step.outcome|default:'..............' }}"
NEW = "{{ step.result|default:'..............' }}"


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code=CODE, body__contains=OLD):
        row.body = row.body.replace(OLD, NEW)
        row.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0034_case_verification_period"),
    ]

    operations = [
        migrations.AddField(
            model_name="dialoguemeeting",
            name="result",
            field=models.TextField(blank=True, verbose_name="kết quả đối thoại"),
        ),
        migrations.AddField(
            model_name="historicaldialoguemeeting",
            name="result",
            field=models.TextField(blank=True, verbose_name="kết quả đối thoại"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
