"""News: the index at /tin-tuc/ and its articles."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from cms import privacy
from cms.blocks import BaseStreamBlock
from cms.listing import CONTENT_LANGUAGE, Filter, Listing, chosen, paginate, year_options
from portal.timestamps import rfc3339

from .base import PortalPage, SectionIndexPage, plain_summary, teasers
from .correction import OwnCorrection, correction_panel


def teaser_images() -> Prefetch:
    """Each teaser's image with its list rendition, in two queries for the whole list."""
    images = get_image_model().objects.prefetch_renditions("fill-240x160")
    return Prefetch("image", queryset=images)


class NewsCategory(models.Model):
    """A section of the news (snippet): "Hoạt động ngành", "Cảnh báo y tế"…"""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(SectionIndexPage):
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("trang danh sách tin tức")
        verbose_name_plural = _("trang danh sách tin tức")

    def news(self, request=None):
        """The live, public news of the section; the request's view restrictions are
        read once for the whole page (cms/privacy.py)."""
        return privacy.public(
            NewsPage.objects.live().descendant_of(self), request
        ).order_by("-date", "-first_published_at", "-pk")

    def get_listing(self, request) -> Listing:
        items = self.news(request)
        dates = items.values_list("date", flat=True)
        category_options = [
            (c.slug, c.name) for c in NewsCategory.objects.filter(newspage__in=items).distinct()
        ]
        tag_options = [
            (t.slug, t.name)
            for t in Tag.objects.filter(cms_newspagetag_items__content_object__in=items)
            .distinct()
            .order_by("name")
        ]
        filters = [
            Filter("category", _("Chuyên mục"), category_options, options_lang=CONTENT_LANGUAGE),
            Filter("year", _("Năm"), year_options(dates)),
            Filter("tag", _("Từ khóa"), tag_options, options_lang=CONTENT_LANGUAGE),
        ]
        for f in filters:
            f.value = chosen(request, f.name, f.options)
        values = {f.name: f.value for f in filters}
        if values["category"]:
            items = items.filter(categories__slug=values["category"])
        if values["year"]:
            items = items.filter(date__year=int(values["year"]))
        if values["tag"]:
            items = items.filter(tags__slug=values["tag"])
        if values["category"] or values["tag"]:
            items = items.distinct()  # the joins of those filters can repeat a page
        page = paginate(
            request, teasers(items, *NewsPage.TEASER_FIELDS).prefetch_related(teaser_images())
        )
        return Listing(page=page, filters=filters)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request)
        return context

    def get_json_ld(self, request=None) -> dict:
        return {**super().get_json_ld(request), "@type": "CollectionPage"}


class NewsPage(OwnCorrection, PortalPage):
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    lead = models.TextField(_("sa pô"), help_text=_("Một, hai câu tóm tắt bài viết."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)
    tags = ClusterTaggableManager(_("từ khóa"), through=NewsPageTag, blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("chuyên mục"), blank=True
    )

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("categories"), FieldPanel("tags")],
            heading=_("Phân loại"),
        ),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
        correction_panel(),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    search_type = "news"
    og_type = "article"
    TEASER_FIELDS = ("date", "lead", "image", "corrected_on")

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")

    @cached_property
    def tag_list(self) -> list[Tag]:
        """The tags, read once for the page and its structured data."""
        return list(self.tags.all())

    def get_summary(self) -> str:
        return plain_summary(self.lead)

    def get_meta_image(self):
        return self.image

    def get_listing_date(self):
        return self.date

    def get_json_ld(self, request=None) -> dict:
        data = self.article_json_ld(request, schema_type="NewsArticle")
        if self.last_published_at:
            data["dateModified"] = rfc3339(self.last_published_at)
        if tags := [tag.name for tag in self.tag_list]:
            data["keywords"] = ", ".join(tags)
        return self.with_correction(data)
