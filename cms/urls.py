"""Public URLs of the CMS outside the page tree: the RSS feeds."""

from django.urls import path

from cms.feeds import DirectiveFeed, NewsFeed

app_name = "cms"

urlpatterns = [
    path("rss/tin-tuc.xml", NewsFeed(), name="news_feed"),
    path("rss/van-ban-chi-dao.xml", DirectiveFeed(), name="directive_feed"),
]
