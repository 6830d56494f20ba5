"""The Sở's correction of a page of its own (đính chính): a news item or a directive that
turned out wrong after it was published says on what day it was corrected and what was
corrected, in plain words. The two are one fact (both or neither), dated neither in the
future nor before the day the page shows as its own (a news item's ngày đăng, a
directive's ngày ban hành; else its first publication here).

A correction is a field of the page: it goes through the press office's review as any
edit does (cms/models/workflow.py) and reaches the public page, its structured data, its
RSS item and its listing card when the head approves it, the page cache purged as on
every publication (cms/page_cache.py). It is not the outlet's correction of a press
article (cải chính, khoản 5 Điều 42 Luật Báo chí 2016), which the press response page
shows from its case (cms/models/press.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def correction_panel() -> MultiFieldPanel:
    """The editor's own panel "Đính chính" (a new one for each page type's panels)."""
    return MultiFieldPanel(
        [FieldPanel("corrected_on"), FieldPanel("correction_note")],
        heading=_("Đính chính"),
    )


class OwnCorrection(models.Model):
    """Abstract mixin of the page types the Sở corrects as their publisher."""

    corrected_on = models.DateField(
        _("ngày đính chính"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày Sở sửa nội dung sai của trang đã đăng. Để trống nếu trang không có gì "
            "phải đính chính. Như mọi chỉnh sửa, đính chính chỉ hiện trên trang sau khi "
            "được duyệt."
        ),
    )
    correction_note = models.TextField(
        _("nội dung đính chính"),
        blank=True,
        help_text=_(
            "Nói rõ bằng lời thường đã sửa điều gì, ví dụ: “Sửa số đường dây nóng: "
            "1900 9095, không phải 1900 9059.” Hiện ở đầu trang, trong danh sách và bản "
            "tin RSS."
        ),
    )

    # What the day a correction cannot precede is called (`correction_not_before`).
    correction_date_label = _("ngày đăng")

    class Meta:
        abstract = True

    @property
    def is_corrected(self) -> bool:
        """Reads the day only, which a listing loads (`TEASER_FIELDS`): a correction is
        stored with its note (`clean`)."""
        return self.corrected_on is not None

    @property
    def correction_notice(self) -> str:
        """"Đính chính ngày 09/03/2026: …", or "" without a correction."""
        if not self.is_corrected:
            return ""
        return gettext("Đính chính ngày %(day)s: %(note)s") % {
            "day": self.corrected_on.strftime("%d/%m/%Y"),
            "note": self.correction_note,
        }

    def correction_not_before(self) -> tuple[datetime.date, str] | None:
        """The earliest day a correction may carry and what that day is called: the day
        the page shows as its own, else its first publication here; None for a page
        with neither (a draft that states no date)."""
        own = self.get_listing_date()
        if own is not None:
            return own, str(self.correction_date_label)
        if self.first_published_at is not None:
            return (
                timezone.localdate(self.first_published_at),
                gettext("ngày đăng lần đầu trên cổng"),
            )
        return None

    def correction_errors(self) -> dict[str, str]:
        self.correction_note = (self.correction_note or "").strip()
        if self.corrected_on is None and not self.correction_note:
            return {}
        if self.corrected_on is None:
            return {"corrected_on": gettext(
                "Nhập ngày đính chính, hoặc để trống cả nội dung đính chính.")}
        if not self.correction_note:
            return {"correction_note": gettext(
                "Ghi rõ đã đính chính điều gì, hoặc để trống cả ngày đính chính.")}
        if self.corrected_on > timezone.localdate():
            return {"corrected_on": gettext("Ngày đính chính không được sau hôm nay.")}
        earliest = self.correction_not_before()
        if earliest is not None and self.corrected_on < earliest[0]:
            day, label = earliest
            return {"corrected_on": gettext(
                "Ngày đính chính không được trước %(label)s (%(day)s)."
            ) % {"label": label, "day": day.strftime("%d/%m/%Y")}}
        return {}

    def clean(self):
        super().clean()
        if errors := self.correction_errors():
            raise ValidationError(errors)

    def with_correction(self, data: dict) -> dict:
        """The page's JSON-LD with its correction (schema.org `correction`, a
        CorrectionComment), and the correction's day as `dateModified` when the page
        gives none of its own."""
        if not self.is_corrected:
            return data
        day = self.corrected_on.isoformat()
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": self.correction_note,
            "datePublished": day,
        }
        data.setdefault("dateModified", day)
        return data
