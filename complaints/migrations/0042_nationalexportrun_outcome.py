# The national export run's outcome (status, error) and its re-sent count.

from django.db import migrations, models


def finished_runs_succeeded(apps, schema_editor):
    """Runs logged before: finished ones succeeded; an unfinished one failed unseen."""
    run = apps.get_model("complaints", "NationalExportRun")
    run.objects.filter(finished_at__isnull=False).update(status="succeeded")
    run.objects.filter(finished_at__isnull=True).update(
        status="failed", error="(không ghi nhận: lần chạy trước khi có cột kết quả)"
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0041_reporter_lookup_keys")]

    operations = [
        migrations.AddField(
            model_name="nationalexportrun",
            name="resent",
            field=models.PositiveIntegerField(default=0, verbose_name="ghi lại theo yêu cầu"),
        ),
        migrations.AddField(
            model_name="nationalexportrun",
            name="status",
            field=models.CharField(
                choices=[
                    ("running", "Đang chạy"),
                    ("succeeded", "Hoàn tất"),
                    ("failed", "Không thành công"),
                ],
                default="running",
                max_length=10,
                verbose_name="kết quả",
            ),
        ),
        migrations.AddField(
            model_name="nationalexportrun",
            name="error",
            field=models.TextField(blank=True, verbose_name="lỗi"),
        ),
        migrations.RunPython(finished_runs_succeeded, migrations.RunPython.noop),
    ]
