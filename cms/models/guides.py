"""Guide pages (hướng dẫn): how to file each kind, what the law says, FAQ."""

from __future__ import annotations

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock

from .base import PortalPage


class GuidePage(PortalPage):
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [*PortalPage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.GuidePage"]
    subpage_types = ["cms.GuidePage"]

    class Meta:
        verbose_name = _("trang hướng dẫn")
        verbose_name_plural = _("trang hướng dẫn")

    def get_summary(self) -> str:
        return self.intro

    def guide_children(self):
        return GuidePage.objects.child_of(self).live().public()

    def get_json_ld(self, request=None) -> dict:
        data = super().get_json_ld(request)
        questions = [
            {
                "@type": "Question",
                "name": block.value["question"],
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": " ".join(strip_tags(block.value["answer"].source).split()),
                },
            }
            for block in self.body
            if block.block_type == "question"
        ]
        if questions:
            data["@type"] = "FAQPage"
            data["mainEntity"] = questions
        return data
