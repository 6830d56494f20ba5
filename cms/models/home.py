from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms import privacy

from .base import PortalPage, publisher, teasers

LATEST_NEWS = 4
LATEST_DIRECTIVES = 5


class HomePage(PortalPage):
    """The portal's front page: latest news and directives, the way to file
    feedback, and the public figures of the last 30 days."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.DirectiveIndexPage",
        "cms.PressResponseIndexPage",
        "cms.StoryIndexPage",
        "cms.GuidePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_summary(self) -> str:
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from complaints.selectors.public_figures import cached_public_figures

        from .directives import DirectivePage
        from .news import NewsPage, teaser_images
        from .stories import StoryPage

        context = super().get_context(request, *args, **kwargs)
        # One read of the view restrictions for the three lists (cms/privacy.py), and
        # only the columns each teaser shows. The lists are built and read only when the
        # template renders them: not while their fragment is cached (cms/fragments.py).
        def listed(model):
            live = model.objects.live().descendant_of(self)
            return teasers(privacy.public(live, request), *model.TEASER_FIELDS)

        context["latest_news"] = SimpleLazyObject(lambda: list(
            listed(NewsPage)
            .prefetch_related(teaser_images())
            .order_by("-date", "-first_published_at")[:LATEST_NEWS]
        ))
        context["latest_directives"] = SimpleLazyObject(lambda: list(
            listed(DirectivePage).order_by(
                models.F("issued_on").desc(nulls_last=True), "-first_published_at"
            )[:LATEST_DIRECTIVES]
        ))
        context["latest_story"] = SimpleLazyObject(
            lambda: listed(StoryPage).order_by("-date", "-first_published_at").first()
        )

        context["figures"] = cached_public_figures(days=30)
        return context

    def get_json_ld(self, request=None) -> dict:
        data = {**super().get_json_ld(request), "@type": "WebSite"}
        data["publisher"] = {**publisher(), "url": self.get_full_url(request)}
        return data
