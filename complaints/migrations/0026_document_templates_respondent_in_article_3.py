"""Document templates already installed (`templates_sync` never overwrites them): the
decisions to resume (Mẫu số 14b) and to stop (Mẫu số 14a) resolving a complaint named only
the complainant in their "Điều 3", though both go to the respondent too (khoản 1, 2 Điều 28b
Nghị định 124/2020/NĐ-CP, added by Nghị định 155/2026/NĐ-CP), as the suspension decision
says. Only the exact old sentence is replaced: an administrator's edit stays."""

from django.db import migrations

CODES = ("kn_quyet_dinh_tiep_tuc", "kn_quyet_dinh_dinh_chi")
OLD = (
    "Điều 3. {{ party.name }} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách "
    "nhiệm thi hành Quyết định này./."
)
NEW = (
    "Điều 3. {{ party.name }}, {{ case.decision_maker|default:'người bị khiếu nại' }} "
    "và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
    "Quyết định này./."
)


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code__in=CODES, body__contains=OLD):
        row.body = row.body.replace(OLD, NEW)
        row.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0025_document_templates_authority_line")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
