"""The denouncer-identity permission's name says that its holders must sign in with two
factors (khoản 3 Điều 8, Điều 47 Luật Tố cáo): the group editor shows it. Django creates a
permission's row once and never renames it, so the existing row is renamed here."""

from django.db import migrations

IDENTITY = "view_denouncer_identity"
NAMES = {
    "old": "Xem danh tính người tố cáo",
    "new": (
        "Xem danh tính người tố cáo (bắt buộc đăng nhập hai bước; khoản 3 Điều 8, "
        "Điều 47 Luật Tố cáo)"
    ),
}


def _rename(apps, to: str, from_: str) -> None:
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="complaints", codename=IDENTITY, name=NAMES[from_]
    ).update(name=NAMES[to])


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("complaints", "0018_document_templates_period_and_no_developer_note"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-received_at", "-id"],
                "permissions": [
                    ("view_all_cases", "Xem hồ sơ toàn tỉnh"),
                    ("view_press_cases", "Xem hồ sơ thông tin báo chí"),
                    (IDENTITY, NAMES["new"]),
                    ("act_on_case", "Xử lý hồ sơ"),
                    ("approve_case", "Phê duyệt kết luận, gia hạn"),
                    ("record_withdrawal", "Ghi nhận rút đơn"),
                ],
                "verbose_name": "hồ sơ",
                "verbose_name_plural": "hồ sơ",
            },
        ),
        migrations.RunPython(
            lambda apps, schema_editor: _rename(apps, "new", "old"),
            lambda apps, schema_editor: _rename(apps, "old", "new"),
        ),
    ]
