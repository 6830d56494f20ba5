"""Document templates already installed (`templates_sync` never overwrites them): a
decision opened with "{{ signer_title }} {{ issuer.name|upper }}", which printed "TRƯỞNG
TRẠM TRẠM Y TẾ PHƯỜNG …" and "CHÁNH THANH TRA THANH TRA SỞ Y TẾ"; it now opens with
"{{ authority }}" (`complaints.rules.documents.authority_line`: the title and the unit, the
words both say once). Only that exact text is replaced: the rest of an edit stays."""

from django.db import migrations

OLD = "{{ signer_title }} {{ issuer.name|upper }}"
NEW = "{{ authority }}"


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(body__contains=OLD):
        row.body = row.body.replace(OLD, NEW)
        row.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0024_dialoguemeeting_replaced")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
