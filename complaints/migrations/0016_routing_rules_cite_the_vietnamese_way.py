"""The installed default routing rules cite their basis as a Vietnamese reader does
("khoản 2 Điều 21 Luật Khiếu nại 02/2011/QH13", not "Luật Khiếu nại 02/2011/QH13 Điều 21(2)"),
as `complaints.routing_defaults` now writes them. Only a text still exactly as installed is
rewritten: a basis or explanation the administrator edited is theirs. Each rewritten rule gets
a history row, as an edit in the admin would."""

from django.db import migrations
from django.utils import timezone

# Old text → new text, frozen here: the defaults' module may change again.
LEGAL_BASES = {
    "NĐ 244/2026 Điều 3 (người phát ngôn của Sở)":
        "Điều 3 Nghị định 244/2026 (người phát ngôn của Sở)",
    "Luật Khiếu nại 02/2011/QH13 Điều 21(2)": "khoản 2 Điều 21 Luật Khiếu nại 02/2011/QH13",
    "Luật Khiếu nại 02/2011/QH13 Điều 20(2)": "khoản 2 Điều 20 Luật Khiếu nại 02/2011/QH13",
    "Luật Khiếu nại 02/2011/QH13 Điều 20(1)": "khoản 1 Điều 20 Luật Khiếu nại 02/2011/QH13",
    "Luật Khiếu nại 02/2011/QH13 Điều 17–20; đơn vị sự nghiệp công lập: "
    "NĐ 124/2020 (chi tiết chưa xác nhận)":
        "Điều 17–20 Luật Khiếu nại 02/2011/QH13; đơn vị sự nghiệp công lập: "
        "Nghị định 124/2020 (chi tiết chưa xác nhận)",
    "Luật Tố cáo 25/2018/QH14 Điều 12(1), 13(4)(a)":
        "khoản 1 Điều 12, điểm a khoản 4 Điều 13 Luật Tố cáo 25/2018/QH14",
    "Luật Tố cáo 25/2018/QH14 Điều 12(1), 13(3)(a)":
        "khoản 1 Điều 12, điểm a khoản 3 Điều 13 Luật Tố cáo 25/2018/QH14",
    "Luật Tố cáo 25/2018/QH14 Điều 12(1), 18": "khoản 1 Điều 12, Điều 18 Luật Tố cáo 25/2018/QH14",
}
REASONS = {
    "Quyết định giải quyết lần đầu là của Giám đốc Sở (Luật KN Điều 20(1)); "
    "khiếu nại lần hai do Chủ tịch UBND tỉnh giải quyết.":
        "Quyết định giải quyết lần đầu là của Giám đốc Sở (khoản 1 Điều 20 Luật Khiếu nại); "
        "khiếu nại lần hai do Chủ tịch UBND tỉnh giải quyết.",
    "Người đứng đầu cơ quan, đơn vị có quyết định, hành vi bị khiếu nại giải quyết "
    "lần đầu (với Sở: Giám đốc Sở, Điều 20(1)).":
        "Người đứng đầu cơ quan, đơn vị có quyết định, hành vi bị khiếu nại giải quyết "
        "lần đầu (với Sở: Giám đốc Sở, khoản 1 Điều 20).",
}
CHANGE_REASON = "Căn cứ pháp lý viết theo cách trích dẫn tiếng Việt (khoản, Điều, Luật)"
REVERSE_REASON = "Hoàn tác: căn cứ pháp lý trở lại cách viết trước (migration 0016 đảo ngược)"
HISTORY_FIELDS = (
    "id", "position", "name", "kind", "second_time", "against_head", "category_id",
    "facility_kind", "target", "target_unit_id", "forward_to", "legal_basis", "reason",
    "is_active",
)


def _rewrite(apps, bases, reasons, change_reason):
    RoutingRule = apps.get_model("complaints", "RoutingRule")
    HistoricalRoutingRule = apps.get_model("complaints", "HistoricalRoutingRule")
    now = timezone.now()
    rules = RoutingRule.objects.filter(legal_basis__in=bases) | RoutingRule.objects.filter(
        reason__in=reasons
    )
    for rule in rules.distinct():
        rule.legal_basis = bases.get(rule.legal_basis, rule.legal_basis)
        rule.reason = reasons.get(rule.reason, rule.reason)
        rule.save(update_fields=["legal_basis", "reason"])
        HistoricalRoutingRule.objects.create(
            **{name: getattr(rule, name) for name in HISTORY_FIELDS},
            history_date=now,
            history_type="~",
            history_change_reason=change_reason,
        )


def forwards(apps, schema_editor):
    _rewrite(apps, LEGAL_BASES, REASONS, CHANGE_REASON)


def backwards(apps, schema_editor):
    _rewrite(
        apps,
        {new: old for old, new in LEGAL_BASES.items()},
        {new: old for old, new in REASONS.items()},
        REVERSE_REASON,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0015_reporter_truth_declaration_help_text"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
