"""Official documents (văn bản chỉ đạo): the index at /van-ban-chi-dao/ and the documents.

A directive keeps the metadata the document itself carries (Nghị định
30/2020/NĐ-CP, Art 8 and Appendix I: number and symbol, issuing body, place and
date, type and trích yếu, signer, nơi nhận) as structured fields, its full text
as paragraphs, and its effect in time: effective from a date, superseded on a
date. Its status is computed from those dates, never stored (as cfpb's
regulations: live, future, previous)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import privacy
from cms.blocks import BaseStreamBlock
from cms.importers.directive_text import DOC_TYPE_LABELS
from cms.listing import (
    CONTENT_LANGUAGE,
    Filter,
    Listing,
    chosen,
    paginate,
    text_options,
    year_options,
)

from .base import PortalPage, SectionIndexPage, plain_summary, teasers
from .correction import OwnCorrection, correction_panel


class DocumentType(models.TextChoices):
    # Codes shared with the plain-text parser (cms.importers.directive_text).
    CHI_THI = "chi_thi", _("Chỉ thị")
    CONG_VAN = "cong_van", _("Công văn")
    THONG_BAO = "thong_bao", _("Thông báo")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    BAO_CAO = "bao_cao", _("Báo cáo")


assert set(DocumentType.values) == set(DOC_TYPE_LABELS), "parser and model disagree on types"


class EffectiveStatus(models.TextChoices):
    LIVE = "live", _("Đang có hiệu lực")
    FUTURE = "future", _("Chưa có hiệu lực")
    PREVIOUS = "previous", _("Hết hiệu lực")
    UNKNOWN = "unknown", _("Chưa xác định hiệu lực")


def effective_status(
    *,
    effective_from: datetime.date | None,
    superseded_on: datetime.date | None,
    today: datetime.date,
) -> EffectiveStatus:
    """Live from the effective date, previous from the day it is superseded,
    future before it takes effect; unknown when the document states no date."""
    if superseded_on and superseded_on <= today:
        return EffectiveStatus.PREVIOUS
    if effective_from is None:
        return EffectiveStatus.UNKNOWN
    if effective_from > today:
        return EffectiveStatus.FUTURE
    return EffectiveStatus.LIVE


class DirectiveIndexPage(SectionIndexPage):
    subpage_types = ["cms.DirectivePage"]

    class Meta:
        verbose_name = _("trang danh sách văn bản chỉ đạo")
        verbose_name_plural = _("trang danh sách văn bản chỉ đạo")

    def directives(self, request=None):
        """The live, public directives of the section; the request's view restrictions
        are read once for the whole page (cms/privacy.py)."""
        return privacy.public(
            DirectivePage.objects.live().descendant_of(self), request
        ).order_by(models.F("issued_on").desc(nulls_last=True), "-first_published_at", "-pk")

    def get_listing(self, request) -> Listing:
        items = self.directives(request)
        facets = list(items.values_list("doc_type", "issued_on", "issuing_body", "field"))
        present_types = {row[0] for row in facets}
        tag_options = [
            (t.slug, t.name)
            for t in Tag.objects.filter(cms_directivepagetag_items__content_object__in=items)
            .distinct()
            .order_by("name")
        ]
        filters = [
            Filter(
                "type",
                _("Loại văn bản"),
                [(code, label) for code, label in DocumentType.choices if code in present_types],
            ),
            Filter("year", _("Năm ban hành"), year_options(row[1] for row in facets)),
            Filter(
                "issuer",
                _("Cơ quan ban hành"),
                text_options(row[2] for row in facets),
                options_lang=CONTENT_LANGUAGE,
            ),
            Filter(
                "field",
                _("Lĩnh vực"),
                text_options(row[3] for row in facets),
                options_lang=CONTENT_LANGUAGE,
            ),
            Filter("tag", _("Từ khóa"), tag_options, options_lang=CONTENT_LANGUAGE),
        ]
        for f in filters:
            f.value = chosen(request, f.name, f.options)
        values = {f.name: f.value for f in filters}
        if values["type"]:
            items = items.filter(doc_type=values["type"])
        if values["year"]:
            items = items.filter(issued_on__year=int(values["year"]))
        if values["issuer"]:
            items = items.filter(issuing_body=values["issuer"])
        if values["field"]:
            items = items.filter(field=values["field"])
        if values["tag"]:
            items = items.filter(tags__slug=values["tag"]).distinct()
        items = teasers(items, *DirectivePage.TEASER_FIELDS)
        return Listing(page=paginate(request, items), filters=filters)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request)
        return context

    def get_json_ld(self, request=None) -> dict:
        return {**super().get_json_ld(request), "@type": "CollectionPage"}


class DirectivePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.DirectivePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class DirectivePage(OwnCorrection, PortalPage):
    number = models.CharField(
        _("số, ký hiệu"), max_length=64, blank=True, help_text=_("Ví dụ: 1576/SYT-VP")
    )
    doc_type = models.CharField(
        _("loại văn bản"), max_length=16, choices=DocumentType.choices, blank=True
    )
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    addressees = models.TextField(_("kính gửi"), blank=True, help_text=_("Mỗi dòng một nơi."))
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi."))
    field = models.CharField(
        _("lĩnh vực"), max_length=100, blank=True, help_text=_("Ví dụ: Công tác báo chí")
    )
    effective_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    superseded_on = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Ngày văn bản bị thay thế, bãi bỏ hoặc hết hiệu lực."),
    )
    superseded_by = models.ForeignKey(
        "cms.DirectivePage",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("toàn văn"), blank=True)
    tags = ClusterTaggableManager(_("từ khóa"), through=DirectivePageTag, blank=True)
    # The plain-text file it was imported from: re-importing updates, never duplicates.
    source_file = models.CharField(_("tệp nguồn"), max_length=255, blank=True, editable=False)

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("parent_body")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("issued_on")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("addressees"), FieldPanel("recipients")]),
                FieldRowPanel([FieldPanel("field"), FieldPanel("tags")]),
            ],
            heading=_("Thông tin văn bản"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("effective_from"), FieldPanel("superseded_on")]),
                FieldPanel("superseded_by"),
            ],
            heading=_("Hiệu lực"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Tệp đính kèm")),
        correction_panel(),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("number", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("issuing_body"),
        index.SearchField("body"),
        index.FilterField("doc_type"),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["cms.DirectiveIndexPage"]
    subpage_types: list[str] = []
    search_type = "directive"
    correction_date_label = _("ngày ban hành")  # a correction is not dated before it
    TEASER_FIELDS = ("doc_type", "number", "issued_on", "issuing_body", "effective_from",
                     "superseded_on", "corrected_on")

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        indexes = [models.Index(fields=["number", "issued_on"])]

    def get_summary(self) -> str:
        return plain_summary(self.summary or self.title)

    def get_listing_date(self):
        # A directive's date is its issue date: one without it shows no date in lists,
        # search and the API (the date it was imported or published here is not the
        # document's). The feed still dates the item by its publication here (RSS pubDate).
        return self.issued_on

    @property
    def doc_type_label(self) -> str:
        return self.get_doc_type_display() if self.doc_type else ""

    @property
    def listing_facts(self) -> list[str]:
        """Type, number, date and issuer, as far as the document states them."""
        facts = [self.doc_type_label]
        if self.number:
            facts.append(_("Số %(number)s") % {"number": self.number})
        if self.issued_on:
            facts.append(self.issued_on.strftime("%d/%m/%Y"))
        facts.append(self.issuing_body)
        return [str(fact) for fact in facts if fact]

    @property
    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def effective_status(self, today: datetime.date | None = None) -> EffectiveStatus:
        return effective_status(
            effective_from=self.effective_from,
            superseded_on=self.superseded_on,
            today=today or timezone.localdate(),
        )

    @property
    def status(self) -> EffectiveStatus:
        return self.effective_status()

    def get_json_ld(self, request=None) -> dict:
        # schema.org Legislation: the document, its number, issuer, date and force.
        data = {**super().get_json_ld(request), "@type": "Legislation"}
        if self.number:
            data["legislationIdentifier"] = self.number
        if self.doc_type:
            data["legislationType"] = self.doc_type_label
        if self.issued_on:
            data["legislationDate"] = self.issued_on.isoformat()
        if self.effective_from:
            data["legislationDateVersion"] = self.effective_from.isoformat()
        if self.issuing_body:
            data["legislationPassedBy"] = {"@type": "Organization", "name": self.issuing_body}
        force = {
            EffectiveStatus.LIVE: "https://schema.org/InForce",
            EffectiveStatus.PREVIOUS: "https://schema.org/NotInForce",
            EffectiveStatus.FUTURE: "https://schema.org/NotInForce",
        }.get(self.status)
        if force:
            data["legislationLegalForce"] = force
        return self.with_correction(data)


class DirectiveAttachment(Orderable):
    page = ParentalKey(DirectivePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tên hiển thị"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm văn bản")
        verbose_name_plural = _("tệp đính kèm văn bản")

    def __str__(self) -> str:
        return self.title or self.document.title
