"""Filters of the case workspace list (and of its CSV export: the same query).

The conditions come from the queryset vocabulary (`open()`, `overdue()`,
`due_within()`, `unassigned()`), as the dashboard counters do, so a counter and
the list it links to always agree. Scope is not decided here: the views filter
`Case.objects.in_scope_of(user)` and hand the result to this filter set."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.admin.choices import workspace_choices
from complaints.admin.widgets import InlineOptionsSelect
from complaints.case_search import staff_case_search
from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, Facility
from complaints.querysets import next_due_ordering
from complaints.reports.links import NO_UNIT
from complaints.reports.periods import LATE, RESOLVED_STATUSES, with_concluded_on
from complaints.selectors.dashboard import due_soon_horizon
from complaints.selectors.reporter_lookup import may_look_up_denouncers
from portal.local_days import day_after, day_start

OPEN = "open"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STATUS_CHOICES = [(OPEN, _("Đang xử lý (chưa kết luận)")), *CaseStatus.choices]
ORDERINGS = {
    # The list pages these two from indexes (`complaints.admin.due_order`); the export and
    # anything else that reads the filtered cases in order sort by the same key.
    "due": next_due_ordering(),
    "-due": next_due_ordering(descending=True),
    "-received": ("-received_at", "-id"),
    "received": ("received_at", "id"),
}
ORDER_CHOICES = [
    ("-received", _("Mới tiếp nhận trước")),
    ("received", _("Tiếp nhận lâu nhất trước")),
    ("due", _("Hạn gần nhất trước")),
    ("-due", _("Hạn xa nhất trước")),
]


# The query box's hint to whoever may look up no denouncer (`may_look_up_denouncers`): a
# tố cáo is found by its denouncer's name, phone or e-mail for none of them (khoản 3 Điều 8,
# Điều 47 Luật Tố cáo), nor by those written in its text (`confidential_text.redacted`).
Q_NO_DENOUNCER = _(
    "Tìm hồ sơ (mã, tiêu đề, nội dung, cơ sở, lĩnh vực; họ tên, số điện thoại, "
    "thư điện tử người gửi, trừ người tố cáo)"
)


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_(
            "Tìm hồ sơ (mã, tiêu đề, nội dung, cơ sở, lĩnh vực; họ tên, số điện thoại, "
            "thư điện tử người gửi)"
        ),  # or Q_NO_DENOUNCER (`__init__`)
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=CaseKind.choices, label=_("Loại"), empty_label=_("Mọi loại"),
        widget=InlineOptionsSelect,
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES,
        method="filter_status",
        label=_("Trạng thái"),
        empty_label=_("Mọi trạng thái"),
        widget=InlineOptionsSelect,
    )
    # Units and categories by code, their options kept per process (`__init__`).
    facility = django_filters.ChoiceFilter(
        method="filter_facility",
        label=_("Cơ sở (kể cả đơn vị trực thuộc)"),
        empty_label=_("Mọi cơ sở"),
        widget=InlineOptionsSelect,
    )
    category = django_filters.ChoiceFilter(
        method="filter_category",
        label=_("Lĩnh vực"),
        empty_label=_("Mọi lĩnh vực"),
        widget=InlineOptionsSelect,
    )
    # The dashboard's and the report's links (complaints.reports.links).
    unit = django_filters.CharFilter(method="filter_unit", label=_("Đơn vị được giao (mã)"))
    # The user form's link to the cases a staff member handles (complaints/admin/users.py).
    handler = django_filters.CharFilter(
        field_name="assigned_user__username", label=_("Cán bộ xử lý (tên đăng nhập)")
    )
    channel = django_filters.ChoiceFilter(
        choices=Channel.choices, label=_("Kênh tiếp nhận"), empty_label=_("Mọi kênh"),
        widget=InlineOptionsSelect,
    )
    received_from = django_filters.DateFilter(
        widget=DATE_INPUT,
        method="filter_received_from", label=_("Tiếp nhận từ ngày")
    )
    received_to = django_filters.DateFilter(
        widget=DATE_INPUT,
        method="filter_received_to", label=_("Tiếp nhận đến ngày")
    )
    concluded_from = django_filters.DateFilter(
        widget=DATE_INPUT,
        method="filter_concluded_from", label=_("Kết luận từ ngày")
    )
    concluded_to = django_filters.DateFilter(
        widget=DATE_INPUT,
        method="filter_concluded_to", label=_("Kết luận đến ngày")
    )
    late = django_filters.BooleanFilter(
        method="filter_late", label=_("Giải quyết trễ hạn"), widget=forms.CheckboxInput
    )
    rated_from = django_filters.DateFilter(
        widget=DATE_INPUT, method="filter_rated_from", label=_("Đánh giá từ ngày")
    )
    rated_to = django_filters.DateFilter(
        widget=DATE_INPUT, method="filter_rated_to", label=_("Đánh giá đến ngày")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Quá hạn"), widget=forms.CheckboxInput
    )
    verification_overdue = django_filters.BooleanFilter(
        method="filter_verification_overdue",
        label=_("Quá hạn xác minh"),
        widget=forms.CheckboxInput,
    )
    due_soon = django_filters.BooleanFilter(
        method="filter_due_soon",
        label=_("Sắp đến hạn (trong 3 ngày làm việc)"),
        widget=forms.CheckboxInput,
    )
    unassigned = django_filters.BooleanFilter(
        method="filter_unassigned",
        label=_("Chưa giao cán bộ xử lý"),
        widget=forms.CheckboxInput,
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Hồ sơ tôi xử lý"), widget=forms.CheckboxInput
    )
    order = django_filters.ChoiceFilter(
        choices=ORDER_CHOICES,
        method="filter_order",
        label=_("Sắp xếp"),
        empty_label=None,
        widget=InlineOptionsSelect,
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, data=None, *args, user=None, today=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        # Whether the query box found cases by their reporter (`staff_case_search`).
        self.found_by_reporter = False
        self.today = today or timezone.localdate()
        # The filters are this instance's copies: the options of this request.
        self.choices = workspace_choices()
        self.filters["facility"].extra["choices"] = self.choices.units
        self.filters["category"].extra["choices"] = self.choices.categories
        if user is not None and not may_look_up_denouncers(user):
            self.filters["q"].label = Q_NO_DENOUNCER

    @property
    def qs(self):
        queryset = super().qs
        form = self.form
        if not (form.is_bound and form.is_valid() and form.cleaned_data.get("order")):
            queryset = queryset.order_by(*ORDERINGS["-received"])
        return queryset

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        found = staff_case_search(queryset, value, user=self.user)
        self.found_by_reporter = found.by_reporter
        return found.cases

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        return queryset.filter(status=value)

    def filter_facility(self, queryset, name, value):
        ids = Facility.objects.subtree_ids([self.choices.unit_ids[value]])
        return queryset.filter(Q(facility_id__in=ids) | Q(assigned_unit_id__in=ids))

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id=self.choices.category_ids[value])

    def filter_unit(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value == NO_UNIT:
            return queryset.filter(assigned_unit__isnull=True)
        return queryset.filter(assigned_unit__code=value)

    # A "từ ngày" from the start of that day, an "đến ngày" to its end, in the portal's zone
    # (`portal.local_days`: any day the field reads, 0001-01-01 and 9999-12-31 as no bound).
    def _day_bound(self, value, *, end: bool):
        return day_after(value) if end else day_start(value)

    def filter_received_from(self, queryset, name, value):
        return queryset.filter(received_at__gte=self._day_bound(value, end=False))

    def filter_received_to(self, queryset, name, value):
        return queryset.filter(received_at__lt=self._day_bound(value, end=True))

    def filter_concluded_from(self, queryset, name, value):
        return queryset.filter(
            concluded_at__gte=self._day_bound(value, end=False), status__in=RESOLVED_STATUSES
        )

    def filter_concluded_to(self, queryset, name, value):
        return queryset.filter(
            concluded_at__lt=self._day_bound(value, end=True), status__in=RESOLVED_STATUSES
        )

    def filter_late(self, queryset, name, value):
        if not value:
            return queryset
        return with_concluded_on(queryset.filter(status__in=RESOLVED_STATUSES)).filter(LATE)

    def filter_rated_from(self, queryset, name, value):
        return queryset.filter(
            rating__isnull=False, rated_at__gte=self._day_bound(value, end=False)
        )

    def filter_rated_to(self, queryset, name, value):
        return queryset.filter(rating__isnull=False, rated_at__lt=self._day_bound(value, end=True))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(at=self.today) if value else queryset

    def filter_verification_overdue(self, queryset, name, value):
        return queryset.verification_overdue(at=self.today) if value else queryset

    def filter_due_soon(self, queryset, name, value):
        if not value:
            return queryset
        horizon = due_soon_horizon(today=self.today)
        return queryset.due_within(days=(horizon - self.today).days, at=self.today)

    def filter_unassigned(self, queryset, name, value):
        return queryset.open().unassigned() if value else queryset

    def filter_mine(self, queryset, name, value):
        if not value or self.user is None:
            return queryset
        return queryset.filter(assigned_user_id=self.user.pk)

    def filter_order(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS.get(value, ORDERINGS["-received"]))
