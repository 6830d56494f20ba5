"""Good examples (gương điển hình): health workers and facilities the Sở holds up,
as the Ministry asks provinces to publish (seeds/byt-cong-van-thong-tin-bao-chi.txt)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.listing import Listing, paginate

from .base import PortalPage, SectionIndexPage, plain_summary


class StoryIndexPage(SectionIndexPage):
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("trang danh sách gương điển hình")
        verbose_name_plural = _("trang danh sách gương điển hình")

    def stories(self):
        return (
            StoryPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("facility", "image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = Listing(page=paginate(request, self.stories()))
        return context

    def get_json_ld(self, request=None) -> dict:
        return {**super().get_json_ld(request), "@type": "CollectionPage"}


class StoryPage(PortalPage):
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    facility = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("cơ sở y tế"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    people = models.TextField(
        _("những người được nêu gương"),
        blank=True,
        help_text=_("Mỗi dòng một người: họ tên, chức danh."),
    )
    lead = models.TextField(_("sa pô"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("câu chuyện"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("facility")]),
        FieldPanel("people"),
        FieldPanel("lead"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("people"),
        index.SearchField("lead"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []
    search_type = "story"
    og_type = "article"
    TEASER_FIELDS = ("date", "lead")

    class Meta:
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")

    @property
    def people_list(self) -> list[str]:
        return [line.strip() for line in self.people.splitlines() if line.strip()]

    def get_summary(self) -> str:
        return plain_summary(self.lead)

    def get_meta_image(self):
        return self.image

    def get_listing_date(self):
        return self.date

    def get_json_ld(self, request=None) -> dict:
        data = self.article_json_ld(request, schema_type="Article")
        if self.facility_id:
            data["about"] = {"@type": "MedicalOrganization", "name": self.facility.name}
        return data
