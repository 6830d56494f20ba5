"""The reporter's name folded and phone's digits, for the staff look-up of a case by its
reporter (complaints/selectors/reporter_lookup.py), filled for the reporters already kept."""

from django.db import migrations, models

BATCH = 2000


def fill_keys(apps, schema_editor):
    from complaints.reporter_keys import name_key, phone_key

    Reporter = apps.get_model("complaints", "Reporter")
    rows = Reporter.objects.exclude(name="", phone="").only("pk", "name", "phone").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.name_folded, row.phone_key = name_key(row.name), phone_key(row.phone)
        batch.append(row)
        if len(batch) >= BATCH:
            Reporter.objects.bulk_update(batch, ["name_folded", "phone_key"])
            batch = []
    Reporter.objects.bulk_update(batch, ["name_folded", "phone_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0040_dialoguemeeting_cancelled"),
    ]

    operations = [
        migrations.AddField(
            model_name="reporter",
            name="name_folded",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="reporter",
            name="phone_key",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="reporter",
            index=models.Index(fields=["phone_key"], name="reporter_phone_key"),
        ),
        migrations.AddIndex(
            model_name="reporter",
            index=models.Index(
                fields=["name_folded"],
                name="reporter_name_folded",
                opclasses=["varchar_pattern_ops"],
            ),
        ),
    ]
