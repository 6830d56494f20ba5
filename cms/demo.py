"""The demo site: the province's site (`cms.site`), then a few demo articles, a good
example and the five seed documents as directive pages. Idempotent: a second run
changes nothing (pages are found by slug and left as they are)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from cms import demo_content, site
from cms.importers.directives import directive_import
from cms.models import NewsPage, StoryPage
from complaints.models import Facility

SEED_FILES = (
    "thanh-hoa-1576-syt-vp-2020.txt",
    "byt-cong-van-thong-tin-bao-chi.txt",
    "hue-chi-thi-10-ct-ubnd-2022.txt",
    "tinh-uy-thong-bao-ket-luan-2016.txt",
    "duc-pho-bao-cao-ct06-2023.txt",
)


def load(*, stdout, groups) -> None:
    sections = site.install(stdout=stdout, groups=groups)
    for slug, article in demo_content.NEWS.items():
        fields = dict(article)
        category_slugs, tags = fields.pop("categories"), fields.pop("tags")
        fields["date"] = _days_ago(fields.pop("days_ago"))
        site.child(
            sections.news,
            NewsPage,
            slug,
            stdout,
            prepare=lambda page, c=category_slugs, t=tags: _classify(
                page, sections.categories, c, t
            ),
            **fields,
        )
    for slug, story in demo_content.STORIES.items():
        fields = dict(story)
        fields["date"] = _days_ago(fields.pop("days_ago"))
        facility = Facility.objects.filter(code=fields.pop("facility_code")).first()
        site.child(sections.stories, StoryPage, slug, stdout, facility=facility, **fields)

    seeds = settings.DEMO_DIR / "seeds"
    for name in SEED_FILES:
        path = seeds / name
        if not path.exists():
            stdout.write(f"Không thấy văn bản mẫu {path}: bỏ qua.")
            continue
        # citizen: a copy without its letterhead gets it back, so the page says who issued it
        text = demo_content.SEED_LETTERHEADS.get(name, "") + path.read_text(encoding="utf-8")
        result = directive_import(text=text, source_file=name, index=sections.directives)
        if result.created:
            stdout.write(f"Đã nhập văn bản: {result.page.title}")


def _days_ago(days: int) -> datetime.date:
    """The demo's articles are dated when it is loaded, in Vietnam's day."""
    return timezone.localdate() - datetime.timedelta(days=days)


def _classify(page, categories, category_slugs, tags) -> None:
    page.categories = [categories[slug] for slug in category_slugs]
    page.tags.add(*tags)
