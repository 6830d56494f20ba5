# ruff: noqa: E501 (the template lines are kept whole, as the shipped text has them)
"""The complaint decision as installed (Điều 31, Điều 40 Luật Khiếu nại): its form number
(Mẫu số 15 lần đầu, 16 lần hai, Phụ lục Nghị định 124/2020; unconfirmed, as the law copies
lack the appendix: điểm c khoản 1 Điều 22 Thông tư 07/2013/TT-TTCP names them 15-KN, 16-KN),
the resolver's competence among the bases, the legal-basis section filled, Điều 1 built
from the finding and the conclusion, and a second decision ordering the original decision
carried out. A template nobody edited takes the shipped text at `templates_sync`; here only
each exact old line is replaced, in an edited template too (an administrator's other edits
stay), the title and the form reference only where they are still the shipped ones."""

from django.db import migrations

CODE = "kn_quyet_dinh_giai_quyet"
OLD_TITLE = 'Quyết định giải quyết khiếu nại'
NEW_TITLE = 'Quyết định giải quyết khiếu nại (Mẫu số 15 lần đầu, Mẫu số 16 lần hai; số mẫu chưa xác nhận)'
OLD_FORM_REF = 'Mẫu quyết định giải quyết khiếu nại lần đầu/lần hai, Phụ lục NĐ 124/2020/NĐ-CP'
NEW_FORM_REF = 'Mẫu số 15 (lần đầu), Mẫu số 16 (lần hai) Phụ lục NĐ 124/2020/NĐ-CP (chưa xác nhận: bản luật lưu không có Phụ lục NĐ 124/2020; điểm c khoản 1 Điều 22 Thông tư 07/2013/TT-TTCP: Mẫu số 15-KN, 16-KN)'
BODY = [
    ('Nghị định số 155/2026/NĐ-CP;\nXét đơn khiếu nại ngày',
     'Nghị định số 155/2026/NĐ-CP;\nCăn cứ {{ resolver_basis }} về thẩm quyền giải quyết khiếu nại;\nXét đơn khiếu nại ngày'),
    ("{% if case.decision_date %} ngày {{ case.decision_date|date:'d/m/Y' }}{% endif %}.\n",
     "{% if case.decision_date %} ngày {{ case.decision_date|date:'d/m/Y' }}{% endif %}{% if case.original_decision %} (giải quyết khiếu nại đối với {{ case.original_decision }}){% endif %}.\n"),
    ('Căn cứ pháp luật để giải quyết khiếu nại\n…\n',
     'Căn cứ pháp luật để giải quyết khiếu nại\nLuật Khiếu nại năm 2011; Nghị định số 124/2020/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 155/2026/NĐ-CP; {{ resolver_basis }} (thẩm quyền giải quyết); quy định pháp luật về nội dung khiếu nại: …\n'),
    ('{{ case.first_decision }} như sau: …{% else %}',
     "{{ case.first_decision }} như sau: {{ step.conclusion|default:case.conclusion|default:'…' }}{% else %}"),
    ("thực hiện nghiêm chỉnh {{ case.decision_complained|default:'quyết định hành chính, hành vi hành chính bị khiếu nại' }}.{% elif finding_code %}Yêu cầu",
     "thực hiện nghiêm chỉnh {{ case.original_decision|default:case.decision_complained|default:'quyết định hành chính, hành vi hành chính bị khiếu nại' }}.{% elif finding_code %}Yêu cầu"),
    ("sửa đổi, hủy bỏ một phần hay toàn bộ {{ case.decision_complained|default:'quyết định hành chính bị khiếu nại' }}, chấm dứt hành vi hành chính bị khiếu nại: …",
     "sửa đổi, hủy bỏ một phần hay toàn bộ {{ case.original_decision|default:case.decision_complained|default:'quyết định hành chính bị khiếu nại' }}, chấm dứt hành vi hành chính bị khiếu nại: …"),
    ("Sửa đổi, bổ sung hoặc hủy bỏ một phần hay toàn bộ {{ case.decision_complained|default:'quyết định hành chính bị khiếu nại' }}, chấm dứt hành vi hành chính bị khiếu nại; giải quyết các vấn đề cụ thể trong nội dung khiếu nại: …{% else %}",
     "Sửa đổi, bổ sung hoặc hủy bỏ {% if finding_code == 'correct' %}toàn bộ{% else %}một phần{% endif %} {{ case.decision_complained|default:'quyết định hành chính bị khiếu nại' }}, chấm dứt hành vi hành chính bị khiếu nại; giải quyết các vấn đề cụ thể trong nội dung khiếu nại: {{ step.conclusion|default:case.conclusion|default:'…' }}{% else %}"),
]


def forwards(apps, schema_editor):
    template = apps.get_model("complaints", "DocumentTemplate")
    for row in template.objects.filter(code=CODE):
        fields = []
        body = row.body
        for old, new in BODY:
            if old in body:
                body = body.replace(old, new)
        if body != row.body:
            row.body = body
            fields.append("body")
        if row.title == OLD_TITLE:
            row.title = NEW_TITLE
            fields.append("title")
        if getattr(row, "form_ref", None) == OLD_FORM_REF:
            row.form_ref = NEW_FORM_REF
            fields.append("form_ref")
        if fields:
            row.save(update_fields=fields)


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0044_dialogue_start_end_times"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
