"""Press responses (phản hồi, cải chính thông tin báo chí) to articles logged as
`bao_chi` cases. When an outlet published false information, the spokesperson
replies in writing with the grounds and asks for a correction (NĐ 244/2026
Art 7(6)); the outlet must publish it (Luật Báo chí 2016 Art 42(5), NĐ 237/2026
Art 19). The published response appears on the case's public timeline
(cms.receivers)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.listing import Filter, Listing, chosen, paginate, year_options
from complaints.kinds import CaseKind, PressFinding

from .base import PortalPage, SectionIndexPage, plain_summary, publisher, stream_summary


class PressResponseIndexPage(SectionIndexPage):
    subpage_types = ["cms.PressResponsePage"]

    class Meta:
        verbose_name = _("trang danh sách phản hồi báo chí")
        verbose_name_plural = _("trang danh sách phản hồi báo chí")

    def responses(self):
        return (
            PressResponsePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-response_date", "-first_published_at", "-pk")
        )

    def get_listing(self, request) -> Listing:
        items = self.responses()
        facets = list(items.values_list("finding", "response_date"))
        present = {row[0] for row in facets}
        filters = [
            Filter(
                "finding",
                _("Kết quả xác minh"),
                [(code, label) for code, label in PressFinding.choices if code in present],
            ),
            Filter("year", _("Năm"), year_options(row[1] for row in facets)),
        ]
        for f in filters:
            f.value = chosen(request, f.name, f.options)
        values = {f.name: f.value for f in filters}
        if values["finding"]:
            items = items.filter(finding=values["finding"])
        if values["year"]:
            items = items.filter(response_date__year=int(values["year"]))
        page = paginate(request, items)
        page.object_list = with_corrections(page.object_list)
        return Listing(page=page, filters=filters)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing(request)
        return context

    def get_json_ld(self, request=None) -> dict:
        return {**super().get_json_ld(request), "@type": "CollectionPage"}


def with_corrections(pages) -> list:
    """`pages` (response pages, a list's or a feed's), each with its case's correction
    read beforehand: two queries for the whole list instead of two for each card's
    `kind_label`. Only for pages read for this request (never a kept copy)."""
    from complaints.selectors.press import press_correction_states

    pages = list(pages)
    states = press_correction_states(page.case_id for page in pages)
    for page in pages:
        page._correction = states.get(page.case_id)
    return pages


# What the page says of the article and of the verification is the case's: the page
# keeps a copy (its listing filters and search read it), taken from the case on every
# save and whenever the case changes (cms.receivers), never typed in the editor.
CASE_FIELDS = ("outlet", "article_title", "article_url", "article_published_on", "finding")


def press_case_values(case) -> dict:
    """The page's fields as the case has them. An outlet or a finding the case does not
    have (yet) is left out: the page keeps its own."""
    values = {
        "article_title": case.press_article_title or case.title,
        "article_url": case.press_article_url,
        "article_published_on": case.press_published_on,
    }
    if case.press_outlet:
        values["outlet"] = case.press_outlet
    if case.press_finding:
        values["finding"] = case.press_finding
    return values


class PressResponsePageForm(WagtailAdminPageForm):
    """A page made from a case shows the case's article and finding, read-only: a
    response cannot say other than what the verification concluded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance.case if self.instance.case_id else None
        if case is None:
            return
        note = _(
            "Lấy từ hồ sơ %(code)s, không sửa ở đây. Cần sửa thì sửa ở hồ sơ: trang tự "
            "cập nhật theo hồ sơ."
        ) % {"code": case.tracking_code}
        for name, value in press_case_values(case).items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True  # the posted value is ignored
            field.help_text = note
            self.initial[name] = value


class PressResponsePage(PortalPage):
    outlet = models.CharField(_("cơ quan báo chí"), max_length=255)
    article_title = models.CharField(_("tên bài báo"), max_length=500)
    article_url = models.URLField(_("đường dẫn bài báo"), max_length=1000, blank=True)
    article_published_on = models.DateField(_("ngày đăng bài"), null=True, blank=True)
    # Set once, by the "create from case" action, within the user's scope.
    case = models.ForeignKey(
        "complaints.Case",
        verbose_name=_("hồ sơ thông tin báo chí"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": CaseKind.BAO_CHI},
    )
    finding = models.CharField(
        _("kết quả xác minh"), max_length=16, choices=PressFinding.choices
    )
    response_date = models.DateField(_("ngày phản hồi"), default=timezone.localdate)
    response = StreamField(BaseStreamBlock(), verbose_name=_("nội dung phản hồi"), blank=True)

    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("outlet"), FieldPanel("article_published_on")]),
                FieldPanel("article_title"),
                FieldPanel("article_url"),
                FieldPanel("case", read_only=True),
            ],
            heading=_("Bài báo"),
        ),
        FieldRowPanel([FieldPanel("finding"), FieldPanel("response_date")]),
        FieldPanel("response"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("outlet"),
        index.SearchField("article_title", boost=2),
        index.SearchField("response"),
        index.FilterField("finding"),
    ]
    base_form_class = PressResponsePageForm
    parent_page_types = ["cms.PressResponseIndexPage"]
    subpage_types: list[str] = []
    search_type = "press_response"
    og_type = "article"

    class Meta:
        verbose_name = _("phản hồi thông tin báo chí")
        verbose_name_plural = _("phản hồi thông tin báo chí")

    def take_from_case(self, case=None) -> list[str]:
        """Copy the article and the finding from the page's case (`case`, else the
        page's own); the names of the fields that changed. The finding is left alone while
        a save must keep the verdict the public reads (`save`)."""
        if case is None:
            case = self.case if self.case_id else None
        if case is None:
            return []
        changed = []
        for name, value in press_case_values(case).items():
            if name == "finding" and getattr(self, "_keeps_live_finding", False):
                continue
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed.append(name)
        return changed

    def live_finding_to_keep(self) -> str | None:
        """The verdict the public reads now, when this save must not change it: the page is
        live and the save is not the publication of a revision (Wagtail sets a new
        `live_revision` when it publishes one). None otherwise.

        A live page's verdict changes only through a revision the press office reviewed
        and published: a new conclusion on the case puts a draft revision with the new
        finding before the press office (`cms.receivers.refresh_press_responses`), it never
        rewrites the published response (its text may say the opposite)."""
        if self.pk is None or not self.live:
            return None
        stored = (
            PressResponsePage.objects.filter(pk=self.pk)
            .values("live", "live_revision_id", "finding")
            .first()
        )
        if stored is None or not stored["live"]:
            return None
        if stored["live_revision_id"] != self.live_revision_id:
            return None  # publishing a revision: its finding, the case's (full_clean)
        return stored["finding"]

    def full_clean(self, *args, **kwargs):
        # A revision (the editor's draft) is cleaned before it is stored.
        self.take_from_case()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # Publishing an older revision, a revert, a scheduled publication: the case wins.
        # Any other save of a live page (a draft saved, a lock, a move, the case's article
        # corrected) keeps the published verdict.
        kept = self.live_finding_to_keep()
        self._keeps_live_finding = kept is not None
        try:
            changed = self.take_from_case()
            if kept is not None:
                self.finding = kept
            if changed and kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], *changed]
            return super().save(*args, **kwargs)
        finally:
            self._keeps_live_finding = False

    def get_summary(self) -> str:
        return stream_summary(self.response) or plain_summary(self.article_title)

    def get_listing_date(self):
        return self.response_date

    def correction(self):
        """The outlet's correction as the case records it (`complaints.selectors.press`):
        asked for, by when, published where; None when the Sở asked for none or the page
        has no case. Shown on the public page (whose cached copies a new request or a
        recorded publication purges: cms.receivers)."""
        if not self.case_id:
            return None
        if hasattr(self, "_correction"):  # read with its list (`with_corrections`)
            return self._correction
        from complaints.selectors.press import press_correction_states

        return press_correction_states([self.case_id])[self.case_id]

    @property
    def kind_label(self) -> str:
        """What the page is, by what has happened (presswalk #5), the same on the page,
        its list card, RSS and JSON-LD: a reply until the case records the Sở's request
        for correction, then that request, then the outlet's correction once published.
        A page with no case has only its finding to go by: a reply to false information
        asks for a correction (khoản 6 Điều 7 Nghị định 244/2026)."""
        if not self.case_id:
            asks = self.finding in (PressFinding.INACCURATE, PressFinding.PARTLY_ACCURATE)
            return str(_("Cải chính thông tin báo chí") if asks
                       else _("Phản hồi thông tin báo chí"))
        correction = self.correction()
        if correction is None:
            return str(_("Phản hồi thông tin báo chí"))
        if not correction.published:
            return str(_("Đề nghị cải chính thông tin báo chí"))
        return str(_("Cải chính thông tin báo chí"))

    def get_json_ld(self, request=None) -> dict:
        # schema.org ClaimReview: the article's claims, reviewed by the Sở.
        rating = {
            PressFinding.ACCURATE: 3,
            PressFinding.PARTLY_ACCURATE: 2,
            PressFinding.INACCURATE: 1,
        }.get(self.finding)
        appearance = {"@type": "NewsArticle", "headline": self.article_title}
        if self.article_url:
            appearance["url"] = self.article_url
        if self.article_published_on:
            appearance["datePublished"] = self.article_published_on.isoformat()
        appearance["publisher"] = {"@type": "Organization", "name": self.outlet}
        data = {
            **super().get_json_ld(request),
            "@type": "ClaimReview",
            "datePublished": self.response_date.isoformat(),
            "author": publisher(),
            "genre": self.kind_label,
            "claimReviewed": self.article_title,
            "itemReviewed": {"@type": "Claim", "appearance": appearance},
        }
        if rating:
            data["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": rating,
                "bestRating": 3,
                "worstRating": 1,
                "alternateName": self.get_finding_display(),
            }
        return data
