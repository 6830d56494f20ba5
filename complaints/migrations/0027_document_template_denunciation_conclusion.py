"""The denunciation's conclusion as installed (`templates_sync` never overwrites a template;
the new notice to the denouncer, `tc_thong_bao_ket_luan_nguoi_to_cao`, is created by it
after `migrate`): khoản 3 Điều 35 Luật Tố cáo sends the conclusion to the accused, the body
that manages them and those concerned, and a notice of it to the denouncer. An unedited
`tc_ket_luan` (its body and recipients as first installed) is addressed to the accused, is
no longer the citizen's copy, and says so; an edited one is left to its administrator."""

from django.db import migrations

OLD_SENT = (
    "Kết luận này được gửi đến người tố cáo và người bị tố cáo (khoản 3 Điều 35 Luật "
    "Tố cáo). Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo./."
)
NEW_SENT = (
    "Kết luận này được gửi đến người bị tố cáo, cơ quan, tổ chức quản lý người bị tố "
    "cáo và cơ quan, tổ chức, cá nhân có liên quan; người tố cáo được thông báo về kết "
    "luận nội dung tố cáo (khoản 3 Điều 35 Luật Tố cáo). Thông tin về người tố cáo được "
    "giữ bí mật theo Điều 47 Luật Tố cáo./."
)
OLD_RECIPIENTS = "- Người tố cáo;\n- Người bị tố cáo;\n- Lưu: VT, hồ sơ."
NEW_RECIPIENTS = (
    "- Người bị tố cáo;\n- Cơ quan, tổ chức quản lý người bị tố cáo;\n- Lưu: VT, hồ sơ."
)


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(
        code="tc_ket_luan", body__endswith=OLD_SENT, recipients=OLD_RECIPIENTS
    ):
        row.body = row.body.replace(OLD_SENT, NEW_SENT)
        row.recipients = NEW_RECIPIENTS
        row.audience = "accused"
        row.owed_to_citizen = False
        row.form_ref = "Mẫu số 12 Phụ lục NĐ 31/2019/NĐ-CP (kết luận nội dung tố cáo)"
        row.save(
            update_fields=["body", "recipients", "audience", "owed_to_citizen", "form_ref"]
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0026_document_templates_respondent_in_article_3")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
