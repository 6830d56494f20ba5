"""Admin views of the press office: answer a concluded press case in one step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import PressResponsePage
from cms.services import (
    CaseNotReady,
    press_cases_for,
    press_response_create_from_case,
)
from complaints.models import Case

PRESS_PERMISSION = "complaints.view_press_cases"


class PressCaseListView(WagtailAdminTemplateMixin, TemplateView):
    """Concluded press cases in the user's scope, each with its response or a button to write it."""

    template_name = "cms/admin/press_cases.html"
    page_title = gettext_lazy("Phản hồi báo chí từ hồ sơ")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PRESS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases = list(press_cases_for(self.request.user)[:100])
        responses = {
            page.case_id: page
            for page in PressResponsePage.objects.filter(case__in=cases).order_by("-pk")
        }
        context["rows"] = [(case, responses.get(case.pk)) for case in cases]
        return context


class PressResponseFromCaseView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what the response will be pre-filled with. POST: create the draft and
    open it in the editor (or open the response the case already has)."""

    template_name = "cms/admin/press_response_from_case.html"
    page_title = gettext_lazy("Soạn phản hồi báo chí")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PRESS_PERMISSION):
            raise PermissionDenied
        try:
            self.case = press_cases_for(request.user).get(tracking_code=kwargs["tracking_code"])
        except Case.DoesNotExist:
            in_scope = Case.objects.in_scope_of(request.user).filter(
                tracking_code=kwargs["tracking_code"], kind="bao_chi"
            )
            if not in_scope.exists():
                raise Http404 from None
            messages.error(
                request,
                _("Hồ sơ %(code)s chưa có kết luận: chưa thể soạn phản hồi báo chí.")
                % {"code": kwargs["tracking_code"]},
            )
            return redirect("cms_press_cases")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.case.tracking_code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_press_cases"), "label": _("Phản hồi báo chí từ hồ sơ")},
            {"url": "", "label": self.case.tracking_code},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context

    def post(self, request, tracking_code):
        try:
            page, created = press_response_create_from_case(
                tracking_code=tracking_code, user=request.user
            )
        except Case.DoesNotExist:
            raise Http404 from None
        except CaseNotReady as error:
            messages.error(request, error.message)
            return redirect("cms_press_cases")
        if created:
            messages.success(
                request,
                _("Đã tạo bản nháp phản hồi từ hồ sơ %(code)s. Hoàn thiện rồi gửi duyệt.")
                % {"code": tracking_code},
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
