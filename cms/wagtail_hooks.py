"""Admin registration of the CMS (never on the models)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import admin_api, document_access, press_review, review, sent_back
from cms.models import NewsCategory
from cms.page_cache import mark_cacheable
from cms.views import PRESS_PERMISSION, PressCaseListView, PressResponseFromCaseView


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsCategoryViewSet)


# The public pages' cache stores only the pages this lets through (cms/page_cache.py).
hooks.register("before_serve_page", mark_cacheable)
# A document is public only while a live page shows it (cms/document_access.py).
hooks.register("before_serve_document", document_access.refuse_unpublished)
# The admin API lists a document or an image only to who may choose or change it
# (cms/admin_api.py); order 1: after wagtail.documents' and wagtail.images' hooks, which
# register Wagtail's endpoints.
hooks.register("construct_admin_api", admin_api.replace_media_endpoints, order=1)


@hooks.register("register_admin_urls")
def press_response_urls():
    # Vietnamese paths like the workspace's (/admin/ho-so/, /admin/phe-duyet/); the old
    # English ones lead there (bookmarks, links in mail sent before).
    def moved(name):
        return RedirectView.as_view(pattern_name=name, permanent=True, query_string=True)

    return [
        path("phan-hoi-bao-chi/", PressCaseListView.as_view(), name="cms_press_cases"),
        path(
            "phan-hoi-bao-chi/tu-ho-so/<str:tracking_code>/",
            PressResponseFromCaseView.as_view(),
            name="cms_press_response_from_case",
        ),
        path("press-response/", moved("cms_press_cases"), name="cms_press_old_cases"),
        path(
            "press-response/from-case/<str:tracking_code>/",
            moved("cms_press_response_from_case"),
            name="cms_press_old_from_case",
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


# No self-approval (issue 6): every admin path that would make a page under the press
# workflow live at once is closed, for everyone but superusers (cms/review.py).
hooks.register("before_copy_page", review.copy_without_publishing)
hooks.register("before_move_page", review.move_within_review)
hooks.register("construct_page_action_menu", review.without_refused_publish)


@hooks.register("before_edit_page")
def publish_only_through_review_on_edit(request, page):
    # "Khôi phục" of an old revision is this editor too (RevisionsRevertView).
    review.save_as_draft_instead(request, page)
    review.save_own_edit_instead_of_approving(request, page)


@hooks.register("after_create_page")
def tell_who_reviews_a_new_page(request, page):
    review.tell_who_reviews(request, page)


@hooks.register("after_edit_page")
def tell_who_reviews_and_when_it_appears(request, page):
    review.tell_who_reviews(request, page)
    if request.POST.get("workflow-action-name") == "approve":
        review.say_what_approval_did(request, page)


class PageListingPanel(Component):
    """An admin home panel listing pages, each linked to its editor, with the panel's own
    columns (cms/admin/page_listing_panel.html, which each panel's template extends):
    subclasses name the panel and give `rows(user)`: pairs of a page and its value."""

    panel_id = ""
    heading = ""

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"panel_id": self.panel_id, "heading": self.heading,
                "rows": self.rows(self.request.user)}


class ScheduledPagesPanel(PageListingPanel):
    """The admin home's list of pages approved to appear later, with their time: approving
    from the dashboard's pop-up returns here, where the editor's side panel is not."""

    name = "scheduled_pages"
    order = 60
    template_name = "cms/admin/scheduled_pages_panel.html"
    panel_id = "scheduled-pages"
    heading = _("Trang đã duyệt, chờ đến giờ xuất bản")

    def rows(self, user):
        from zoneinfo import ZoneInfo

        from django.conf import settings

        from cms.scheduling import waiting_to_appear

        vietnam = ZoneInfo(settings.TIME_ZONE)  # the heading says "giờ Việt Nam"
        return [(page, at.astimezone(vietnam)) for page, at in waiting_to_appear(user)]


@hooks.register("construct_homepage_panels")
def add_scheduled_pages_panel(request, panels):
    panels.append(ScheduledPagesPanel(request))


class SentBackPagesPanel(PageListingPanel):
    """The admin home's list of the user's pages the reviewer sent back: who, when and with
    what comment (cms/sent_back.py); Wagtail's own lists show them as plain drafts."""

    name = "sent_back_pages"
    order = 50
    template_name = "cms/admin/sent_back_panel.html"
    panel_id = "sent-back-pages"
    heading = _("Trang bị trả lại để sửa")
    rows = staticmethod(sent_back.pages_sent_back)


@hooks.register("construct_homepage_panels")
def add_sent_back_pages_panel(request, panels):
    from complaints.admin.hooks import edits_pages

    if edits_pages(request.user):
        panels.append(SentBackPagesPanel(request))


@hooks.register("before_create_page")
def publish_only_through_review_on_create(request, parent_page, page_class):
    review.save_as_draft_instead(request, parent_page)


@hooks.register("before_bulk_action")
def refuse_bulk_publish(request, action_type, objects, action_class_instance):
    from django.contrib import messages
    from django.shortcuts import redirect

    if action_type == "publish" and any(review.publish_refused(request, page) for page in objects):
        messages.error(request, review.REVIEW_REQUIRED)
        return redirect(reverse("wagtailadmin_explore_root"))
    return None


# ---- stand-in approvers (issue 11, item 5) ------------------------------------------------

from wagtail.admin.views.generic.models import CreateView  # noqa: E402
from wagtail.admin.viewsets.model import ModelViewSet  # noqa: E402

from cms.models import StandInApprover  # noqa: E402


class StandInCreateView(CreateView):
    """Records who names the stand-in (the model refuses naming oneself)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.named_by = self.request.user
        return instance


class StandInApproverViewSet(ModelViewSet):
    """Name who approves the press office's pages while its head is away."""

    model = StandInApprover
    icon = "user"
    menu_label = _("Người duyệt thay")
    add_to_settings_menu = True
    add_view_class = StandInCreateView
    form_fields = ["task", "approver", "starts_on", "ends_on", "reason"]
    list_display = ["approver", "task", "starts_on", "ends_on", "reason"]


@hooks.register("register_admin_viewset")
def register_stand_in_viewset():
    return StandInApproverViewSet("nguoi_duyet_thay")


# A press response's verdict after its case is concluded again (cms/press_review.py): the
# page history's entry, the dashboard's list of responses to rewrite, and the case's page.
@hooks.register("register_log_actions")
def register_press_log_actions(actions):
    actions.register_action(
        press_review.FINDING_CHANGED,
        press_review.FINDING_CHANGED_LABEL,
        press_review.FINDING_CHANGED_MESSAGE,
    )


class PressResponsesToReviewPanel(PageListingPanel):
    """The admin home's list of published press responses whose case was concluded again
    with another finding: each waits for its text to be rewritten and reviewed."""

    name = "press_responses_to_review"
    order = 55
    template_name = "cms/admin/press_review_panel.html"
    panel_id = "press-responses-to-review"
    heading = _("Phản hồi báo chí cần biên tập lại")
    rows = staticmethod(press_review.responses_to_review)


@hooks.register("construct_homepage_panels")
def add_press_responses_to_review_panel(request, panels):
    if request.user.has_perm(PRESS_PERMISSION):
        panels.append(PressResponsesToReviewPanel(request))


class PressResponseCasePanel(Component):
    """On a press case's page (the workspace's hook `construct_case_panels`): its response
    pages, draft or published, with the editor's and the public address, whether a newer
    draft waits, and why the press office must look at it again; or, for a concluded case
    without one, the way to write it."""

    template_name = "cms/admin/press_case_panel.html"

    def __init__(self, request, case):
        self.request, self.case = request, case

    def get_context_data(self, parent_context=None):
        from cms.models import PressResponsePage
        from cms.services import CONCLUDED_STATUSES

        pages = list(PressResponsePage.objects.filter(case=self.case).order_by("pk"))
        for page in pages:
            page.case = self.case
        user = self.request.user
        return {
            "case": self.case,
            "responses": [
                {
                    "page": page,
                    "public_url": page.get_url(request=self.request) if page.live else "",
                    "reason": press_review.review_reason(page),
                }
                for page in pages
            ],
            "can_write": (
                not pages
                and self.case.status in CONCLUDED_STATUSES
                and user.has_perm(PRESS_PERMISSION)
            ),
        }


@hooks.register("construct_case_panels")
def add_press_response_case_panel(request, case, panels):
    from complaints.kinds import CaseKind

    if case.kind == CaseKind.BAO_CHI:
        panels.append(PressResponseCasePanel(request, case))
