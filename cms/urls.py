"""Public URLs of the CMS outside the page tree: the sections' RSS feeds."""

from django.urls import path

from cms.feeds import SECTION_FEEDS

app_name = "cms"

urlpatterns = [
    path(f"rss/{feed.section.path}", feed, name=name) for name, feed in SECTION_FEEDS.items()
]
