"""The admin screen "Người nhận thông báo": a unit sets who of its staff is e-mailed when
a case reaches it (`unit_settings.unit_notified_set`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from complaints.models import FacilityMembership
from complaints.notifications.unit_settings import unit_notified_set, units_managed_by
from complaints.selectors.history import staff_name


class NotifiedForm(forms.Form):
    notified = forms.MultipleChoiceField(
        label=gettext_lazy("Cán bộ nhận thư khi đơn vị được giao hồ sơ"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notified"].choices = [
            (str(m.user_id), f"{staff_name(m.user)} — {m.user.email or _('(chưa có thư điện tử)')}")
            for m in memberships
        ]


class UnitNotificationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "complaints/notifications/unit_settings.html"
    page_title = gettext_lazy("Người nhận thông báo của đơn vị")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def units(self):
        return units_managed_by(self.request.user)

    def memberships(self, facility):
        return list(
            FacilityMembership.objects.filter(facility=facility, user__is_active=True)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )

    def get(self, request, code=None):
        units = list(self.units())
        if not units:
            raise Http404
        facility = next((u for u in units if u.code == code), None) if code else units[0]
        if facility is None:
            raise Http404
        memberships = self.memberships(facility)
        form = NotifiedForm(
            memberships=memberships,
            initial={"notified": [str(m.user_id) for m in memberships if m.receives_notifications]},
        )
        return self.render_to_response(
            self.get_context_data(units=units, facility=facility, form=form)
        )

    def post(self, request, code=None):
        units = list(self.units())
        facility = next((u for u in units if u.code == code), None)
        if facility is None:
            raise Http404
        memberships = self.memberships(facility)
        form = NotifiedForm(request.POST, memberships=memberships)
        if not form.is_valid():
            context = self.get_context_data(units=units, facility=facility, form=form)
            return self.render_to_response(context, status=400)
        unit_notified_set(
            facility=facility, user_ids=form.cleaned_data["notified"], actor=request.user
        )
        messages.success(
            request, _("Đã lưu danh sách nhận thông báo của %(unit)s.") % {"unit": facility.name}
        )
        return HttpResponseRedirect(reverse("unit_notifications", args=[facility.code]))
