"""The admin of "Ngày nghỉ, ngày làm bù" (`CalendarOverride`, menu "Danh mục & quy tắc").

The form refuses an override that changes nothing (`override_refusal`); after a save or a
deletion the message says how many cases' deadlines will be counted again (in the
background: `complaints.services.calendar_change`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from complaints.admin.history_changes import FieldChangesHistoryView
from complaints.models import CalendarOverride
from complaints.services.calendar import override_refusal
from complaints.services.calendar_change import affected_case_count, changed_days


class CalendarOverrideForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("kind")
        if day and kind:
            refusal = override_refusal(day, kind)
            if refusal:
                self.add_error("date", refusal)
        return cleaned


class _RecountMessage:
    deleted = False

    def get_success_message(self, *args):
        message = super().get_success_message(*args)
        days = changed_days(self.object, deleted=self.deleted)
        count = affected_case_count(days) if days else 0
        recount = ngettext(
            "Thời hạn của %(count)s hồ sơ đang chạy qua ngày này sẽ được tính lại.",
            "Thời hạn của %(count)s hồ sơ đang chạy qua ngày này sẽ được tính lại.",
            count,
        ) % {"count": count}
        return f"{message} {recount}"


class CalendarOverrideCreateView(_RecountMessage, CreateView):
    pass


class CalendarOverrideEditView(_RecountMessage, EditView):
    pass


class CalendarOverrideDeleteView(_RecountMessage, DeleteView):
    deleted = True


class CalendarOverrideViewSet(ModelViewSet):
    model = CalendarOverride
    # Each "Đã sửa" names the fields it changed (complaints/admin/history_changes.py).
    history_view_class = FieldChangesHistoryView
    icon = "date"
    menu_label = _("Ngày nghỉ, ngày làm bù")
    add_to_admin_menu = False
    list_display = ["date", "kind", "reason", "legal_basis"]
    list_filter = {"kind": ["exact"]}
    search_fields = ["reason", "legal_basis"]
    search_backend_name = None
    add_view_class = CalendarOverrideCreateView
    edit_view_class = CalendarOverrideEditView
    delete_view_class = CalendarOverrideDeleteView
    edit_handler = ObjectList(
        [FieldPanel("date"), FieldPanel("kind"), FieldPanel("reason"), FieldPanel("legal_basis")],
        base_form_class=CalendarOverrideForm,
    )
