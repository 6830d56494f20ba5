"""The dashboard and the periodic report in the Wagtail admin (read only, within scope)."""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from complaints.admin.views import WorkspaceMixin
from complaints.models import Facility
from complaints.querysets import facility_scope_of
from complaints.reports.exports import report_csv, report_xlsx
from complaints.reports.figures import steering_figures
from complaints.reports.pdf import report_pdf
from complaints.reports.period import period_report
from complaints.selectors.dashboard import dashboard_counters

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_PERIOD_DAYS = 366 * 5


class DashboardView(WorkspaceMixin, TemplateView):
    """The inspector's first page: counters (live) and the figures to steer by."""

    template_name = "complaints/reports/dashboard.html"
    page_title = gettext_lazy("Bảng điều hành")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        user = self.request.user
        context.update(
            counters=dashboard_counters(user=user, today=today),
            figures=steering_figures(user=user, today=today),
            index_url=reverse("complaints_admin:index"),
            report_url=reverse("complaints_admin:report"),
        )
        return context


def _previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    end = today.replace(day=1) - datetime.timedelta(days=1)
    return end.replace(day=1), end


class ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Từ ngày"), widget=DATE_INPUT)
    end = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DATE_INPUT)
    unit = forms.ModelChoiceField(
        queryset=Facility.objects.none(),
        required=False,
        to_field_name="code",
        label=gettext_lazy("Đơn vị (kể cả đơn vị trực thuộc)"),
        empty_label=gettext_lazy("Toàn bộ phạm vi của tôi"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Facility.objects.order_by("name")
        if not (user.is_superuser or user.has_perm("complaints.view_all_cases")):
            units = units.filter(pk__in=facility_scope_of(user))
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("Kỳ báo cáo dài nhất 5 năm."))
        if start and start > timezone.localdate():
            # Nothing of it is known yet; a period under way is counted as at today.
            self.add_error("start", _("Kỳ báo cáo chưa bắt đầu: hãy chọn ngày bắt đầu "
                                      "không sau hôm nay."))
        return data


class ReportView(WorkspaceMixin, TemplateView):
    """The periodic report: a page, `?format=csv`, `?format=xlsx` and `?format=pdf` (same
    rows)."""

    template_name = "complaints/reports/report.html"
    page_title = gettext_lazy("Báo cáo định kỳ")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = request.GET.copy()
        if "start" not in data and "end" not in data:
            start, end = _previous_month(today)
            data.update({"start": start.isoformat(), "end": end.isoformat()})
        form = ReportForm(data, user=request.user)
        report = None
        if form.is_valid():
            report = period_report(
                user=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                unit=form.cleaned_data["unit"],
                today=today,
            )
            file_format = request.GET.get("format")
            if file_format in ("csv", "xlsx", "pdf"):
                return self._download(report, file_format, today=today)
        query = data.copy()
        query.pop("format", None)
        context = self.get_context_data(
            form=form,
            report=report,
            csv_url=f"?{query.urlencode()}&format=csv",
            xlsx_url=f"?{query.urlencode()}&format=xlsx",
            pdf_url=f"?{query.urlencode()}&format=pdf",
            index_url=reverse("complaints_admin:index"),
        )
        return self.render_to_response(context, status=200 if form.is_valid() else 400)

    def _download(self, report, file_format: str, *, today) -> HttpResponse:
        name = f"bao-cao-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
        if report.unit is not None:
            name += f"-{report.unit.code}"
        if file_format == "csv":
            response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
        elif file_format == "pdf":
            response = HttpResponse(
                report_pdf(report, made_on=today), content_type="application/pdf"
            )
        else:
            response = HttpResponse(
                report_xlsx(report),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        # The overdue list carries the citizens' titles: kept by no cache on the way.
        response["Cache-Control"] = "private, no-store"
        return response
