# A partner's key expires (`expires_at`), its partner has a contact for the warnings
# before (`contact_email`), and the last warning sent is kept (`expiry_warned_days`).
#
# Keys issued before had no expiry: each gets PORTAL_PARTNER_KEY_DAYS (365) days from the
# upgrade, so no partner is cut off by the upgrade itself and every key still gets its
# warnings 30 and 7 days ahead, as a new key would. ("No expiry" for old keys would leave
# the keys most in need of rotating forever valid.)

import datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def existing_keys_expire_after_the_default_period(apps, schema_editor):
    key = apps.get_model("complaints", "PartnerKey")
    days = getattr(settings, "PORTAL_PARTNER_KEY_DAYS", 365)
    key.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + datetime.timedelta(days=days)
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0042_nationalexportrun_outcome")]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="contact_email",
            field=models.EmailField(
                blank=True, max_length=254, verbose_name="thư điện tử liên hệ"
            ),
        ),
        migrations.AddField(
            model_name="partnerkey",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="hết hạn lúc"),
        ),
        migrations.RunPython(
            existing_keys_expire_after_the_default_period, migrations.RunPython.noop
        ),
        migrations.AlterField(
            model_name="partnerkey",
            name="expires_at",
            field=models.DateTimeField(verbose_name="hết hạn lúc"),
        ),
        migrations.AddField(
            model_name="partnerkey",
            name="expiry_warned_days",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
    ]
