"""When a dialogue held began and ended (khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế
bởi Điều 11 Nghị định 155/2026/NĐ-CP; Mẫu số 14: "Vào hồi …", "Buổi đối thoại kết thúc hồi
… cùng ngày") kept on the meeting, with its history; and the minutes as installed: their
last line was a blank the officer copied from the signed paper, now the end time recorded
(the blank only where none was). A template nobody edited takes the shipped text at
`templates_sync`; here only the exact old line is replaced, in an edited template too (an
administrator's other edits stay)."""

from django.db import migrations, models

CODE = "kn_bien_ban_doi_thoai"
OLD = "Buổi đối thoại kết thúc hồi ..... giờ ....., ngày {{ dialogue.date }}."
NEW = (
    "Buổi đối thoại kết thúc hồi {% if dialogue.ended %}{{ dialogue.ended }} cùng ngày"
    "{% else %}..... giờ ....., ngày {{ dialogue.date }}{% endif %}."
)


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code=CODE, body__contains=OLD):
        row.body = row.body.replace(OLD, NEW)
        row.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0043_partnerkey_expiry"),
    ]

    operations = [
        migrations.AddField(
            model_name="dialoguemeeting",
            name="started_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="giờ bắt đầu đối thoại"
            ),
        ),
        migrations.AddField(
            model_name="dialoguemeeting",
            name="ended_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="giờ kết thúc đối thoại"
            ),
        ),
        migrations.AddField(
            model_name="historicaldialoguemeeting",
            name="started_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="giờ bắt đầu đối thoại"
            ),
        ),
        migrations.AddField(
            model_name="historicaldialoguemeeting",
            name="ended_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="giờ kết thúc đối thoại"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
