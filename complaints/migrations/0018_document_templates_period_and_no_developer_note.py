"""Document templates already installed (`templates_sync` never overwrites them): the note
"(văn bản mẫu không có trong bản sao của dự án)", meant for developers, leaves the form's
reference staff read (the `reconstructed` flag already tells them the portal drafted the
form); the tố cáo acceptance notice states the case's own period and its basis instead of a
fixed 30 days. Only the exact old text is replaced: an administrator's edit stays."""

from django.db import migrations

NOTE = " (văn bản mẫu không có trong bản sao của dự án)"
OLD_PERIOD = (
    "Thời hạn giải quyết tố cáo không quá 30 ngày kể từ ngày thụ lý (Điều 30 Luật Tố cáo), "
    "đến hết ngày {{ resolve_by }}."
)
NEW_PERIOD = (
    "Thời hạn giải quyết tố cáo không quá {{ resolve_days }} ngày kể từ ngày thụ lý "
    "({{ resolve_basis }}), đến hết ngày {{ resolve_by }}."
)


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(form_ref__contains=NOTE.strip()):
        row.form_ref = row.form_ref.replace(NOTE, "").replace(NOTE.strip(), "").strip()
        row.save(update_fields=["form_ref"])
    for row in template.objects.filter(body__contains=OLD_PERIOD):
        row.body = row.body.replace(OLD_PERIOD, NEW_PERIOD)
        row.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0017_routing_rule_anonymous_tip")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
