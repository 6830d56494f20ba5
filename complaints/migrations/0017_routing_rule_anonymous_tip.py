"""A routing rule may match the anonymous submissions that name the person they accuse
(`anonymous_tip`): information with a denunciation's content whose author is unknown, which
the Sở inspects or passes on (khoản 2 Điều 25 Luật Tố cáo), never to the unit of the person
named. An installation with the default rules gets the new default one (position 105: Thanh
tra Sở), with a history row as an edit in the admin would write; one without defaults, or
without an active inspectorate, is left as it is (`load_demo_data` adds the defaults it lacks;
an administrator adds the rule in "Danh mục & quy tắc")."""

from django.db import migrations, models
from django.utils import timezone

# Frozen here: the defaults' module may change again.
RULE = {
    "position": 105,
    "name": "Thông tin tố cáo ẩn danh nêu tên người vi phạm: Thanh tra Sở",
    "kind": "phan_anh",
    "anonymous_tip": True,
    "target": "fixed_unit",
    "legal_basis": "khoản 2 Điều 25 Luật Tố cáo 25/2018/QH14",
    "reason": (
        "Thông tin có nội dung tố cáo nhưng không rõ người tố cáo: Thanh tra Sở phân loại, "
        "xem xét thanh tra, kiểm tra theo thẩm quyền hoặc chuyển cơ quan có thẩm quyền; không "
        "giao cơ sở có người bị nêu tên."
    ),
}
# A default rule every installation of the defaults has (the last one before manual).
DEFAULTS_INSTALLED = "Cơ sở bị phản ánh tự giải quyết, đơn vị cấp trên theo dõi"
CHANGE_REASON = "Quy tắc mặc định mới: thông tin tố cáo ẩn danh (khoản 2 Điều 25 Luật Tố cáo)"
HISTORY_FIELDS = (
    "id", "position", "name", "kind", "second_time", "against_head", "anonymous_tip",
    "category_id", "facility_kind", "target", "target_unit_id", "forward_to", "legal_basis",
    "reason", "is_active",
)


def _history(apps, rule, history_type, change_reason):
    HistoricalRoutingRule = apps.get_model("complaints", "HistoricalRoutingRule")
    HistoricalRoutingRule.objects.create(
        **{name: getattr(rule, name) for name in HISTORY_FIELDS},
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=change_reason,
    )


def install(apps, schema_editor):
    RoutingRule = apps.get_model("complaints", "RoutingRule")
    Facility = apps.get_model("complaints", "Facility")
    rules = RoutingRule.objects
    if not rules.filter(name=DEFAULTS_INSTALLED).exists() or rules.filter(name=RULE["name"]):
        return
    inspectorate = (
        Facility.objects.filter(kind="inspectorate", is_active=True)
        .order_by("parent_id", "code")
        .first()
    )
    if inspectorate is None:
        return
    rule = RoutingRule.objects.create(**RULE, target_unit=inspectorate)
    _history(apps, rule, "+", CHANGE_REASON)


def uninstall(apps, schema_editor):
    RoutingRule = apps.get_model("complaints", "RoutingRule")
    for rule in RoutingRule.objects.filter(name=RULE["name"], anonymous_tip=True):
        _history(apps, rule, "-", "Hoàn tác migration 0017")
        rule.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_routing_rules_cite_the_vietnamese_way"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalroutingrule",
            name="anonymous_tip",
            field=models.BooleanField(
                blank=True,
                help_text=(
                    "Có: phản ánh ẩn danh nêu tên người vi phạm (thông tin có nội dung tố cáo, "
                    "khoản 2 Điều 25 Luật Tố cáo). Để trống: mọi hồ sơ"
                ),
                null=True,
                verbose_name="thông tin tố cáo ẩn danh",
            ),
        ),
        migrations.AddField(
            model_name="routingrule",
            name="anonymous_tip",
            field=models.BooleanField(
                blank=True,
                help_text=(
                    "Có: phản ánh ẩn danh nêu tên người vi phạm (thông tin có nội dung tố cáo, "
                    "khoản 2 Điều 25 Luật Tố cáo). Để trống: mọi hồ sơ"
                ),
                null=True,
                verbose_name="thông tin tố cáo ẩn danh",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
