"""Admin registration of the CMS (never on the models)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import NewsCategory
from cms.views import PRESS_PERMISSION, PressCaseListView, PressResponseFromCaseView


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_urls")
def press_response_urls():
    return [
        path("press-response/", PressCaseListView.as_view(), name="cms_press_cases"),
        path(
            "press-response/from-case/<str:tracking_code>/",
            PressResponseFromCaseView.as_view(),
            name="cms_press_response_from_case",
        ),
    ]


class PressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PRESS_PERMISSION)


@hooks.register("register_admin_menu_item")
def press_response_menu_item():
    return PressMenuItem(
        _("Phản hồi báo chí"),
        reverse("cms_press_cases"),
        icon_name="doc-full-inverse",
        order=250,
    )
