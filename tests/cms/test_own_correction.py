"""The press office corrects a news item or a directive of its own (đính chính): the day
and what was corrected, both or neither, never dated in the future or before the page's
date; shown on the public page, in its structured data, in its RSS item and on its
listing card, and only once the head of the press office approved it (the review every
edit goes through)."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.page_cache import cache_key
from tests.cms.helpers import directive, news

pytestmark = pytest.mark.django_db

NOTE = "Sửa số đường dây nóng: 1900 9095, không phải 1900 9059."


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def errors_of(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD script"
    return json.loads(match.group(1))


def rss_item(client, url: str, title: str) -> ET.Element:
    root = ET.fromstring(client.get(url).content)
    [item] = [i for i in root.find("channel").findall("item") if i.findtext("title") == title]
    return item


def notice(html: str) -> str:
    """The correction notice's text, tags stripped, or "" without one."""
    match = re.search(r'<div class="correction-notice" role="note">(.*?)</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def cached(path: str):
    return caches["pages"].get(cache_key(path, "vi"))


# --- validation -------------------------------------------------------------------


def test_a_correction_needs_both_its_day_and_what_was_corrected(cms_site):
    page = latest(news(cms_site.news, 1, date=days_ago(10)))

    page.corrected_on = days_ago(1)
    assert errors_of(page) == {
        "correction_note": ["Ghi rõ đã đính chính điều gì, hoặc để trống cả ngày đính chính."]
    }

    page.corrected_on, page.correction_note = None, NOTE
    assert errors_of(page) == {
        "corrected_on": ["Nhập ngày đính chính, hoặc để trống cả nội dung đính chính."]
    }

    page.correction_note = "   "  # blank is no correction at all
    page.full_clean()
    assert page.correction_note == ""

    page.corrected_on, page.correction_note = days_ago(1), NOTE
    page.full_clean()  # both: valid


def test_a_correction_is_not_dated_in_the_future(cms_site):
    page = latest(news(cms_site.news, 1, date=days_ago(10)))
    page.corrected_on = today() + datetime.timedelta(days=1)
    page.correction_note = NOTE

    assert errors_of(page) == {"corrected_on": ["Ngày đính chính không được sau hôm nay."]}

    page.corrected_on = today()
    page.full_clean()


def test_a_correction_is_not_dated_before_the_news_date_or_the_directive_issue(cms_site):
    item = latest(news(cms_site.news, 1, date=datetime.date(2026, 11, 20)))
    item.corrected_on, item.correction_note = datetime.date(2026, 11, 19), NOTE
    assert errors_of(item) == {
        "corrected_on": ["Ngày đính chính không được trước ngày đăng (20/11/2026)."]
    }
    item.corrected_on = datetime.date(2026, 11, 20)
    item.full_clean()

    document = latest(directive(cms_site.directives, 7, issued_on=datetime.date(2026, 3, 5)))
    document.corrected_on, document.correction_note = datetime.date(2026, 3, 4), NOTE
    assert errors_of(document) == {
        "corrected_on": ["Ngày đính chính không được trước ngày ban hành (05/03/2026)."]
    }

    # A directive that states no issue date: not before its first publication here.
    undated = latest(directive(cms_site.directives, 8, issued_on=None))
    first = timezone.localdate(undated.first_published_at)
    undated.corrected_on = first - datetime.timedelta(days=1)
    undated.correction_note = NOTE
    assert errors_of(undated) == {
        "corrected_on": [
            "Ngày đính chính không được trước ngày đăng lần đầu trên cổng "
            f"({first:%d/%m/%Y})."
        ]
    }


def news_form(page, **fields) -> dict:
    return nested_form_data({
        "title": page.title, "slug": page.slug, "date": page.date.strftime("%d/%m/%Y"),
        "lead": page.lead, "tags": "", "body": streamfield([]), "comments": inline_formset([]),
        **fields,
    })


def test_the_editor_has_a_correction_panel_and_says_what_is_missing(client, cms_site, roles):
    page = news(cms_site.news, 1, date=days_ago(10))
    client.force_login(roles.editor_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    html = client.get(url).content.decode()
    for text in ("Đính chính", "Ngày đính chính", "Nội dung đính chính",
                 "chỉ hiện trên trang sau khi được duyệt"):
        assert text in html, text

    response = client.post(url, news_form(page, corrected_on=days_ago(1).strftime("%d/%m/%Y"),
                                          correction_note=""))

    assert response.status_code == 200  # the form again, with the message
    assert "Ghi rõ đã đính chính điều gì" in response.content.decode()
    assert latest(page).corrected_on is None


# --- review, public page, listing, feed ---------------------------------------------


def test_an_editors_correction_is_public_only_once_the_head_approves(client, cms_site, roles):
    page = news(cms_site.news, 1, title="Ra mắt đường dây nóng", date=days_ago(10))
    staff = client.__class__()
    staff.force_login(roles.editor_user)
    corrected = days_ago(1)

    # The editor writes the correction in the editor and sends it for review.
    response = staff.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        news_form(page, corrected_on=corrected.strftime("%d/%m/%Y"), correction_note=NOTE,
                  **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.current_workflow_state is not None  # under review
    assert page.corrected_on is None  # the live page is the approved one

    html = client.get(page.url).content.decode()
    assert notice(html) == "" and NOTE not in html
    assert "Đã đính chính" not in client.get("/tin-tuc/").content.decode()
    assert "Đính chính" not in rss_item(client, "/rss/tin-tuc.xml", page.title).findtext(
        "description")
    assert cached(page.url) is not None and cached("/tin-tuc/") is not None

    task = Page.objects.get(pk=page.pk).specific
    task.current_workflow_task.on_action(task.current_workflow_task_state, roles.head_user,
                                         "approve")

    # Published: the cached copies are purged, the correction is public.
    assert cached(page.url) is None and cached("/tin-tuc/") is None
    html = client.get(page.url).content.decode()
    assert notice(html) == f"Đính chính ngày {corrected:%d/%m/%Y}: {NOTE}"
    assert html.index('role="note"') < html.index('class="lead"')  # near the top
    data = json_ld(html)
    assert data["correction"] == {
        "@type": "CorrectionComment", "text": NOTE, "datePublished": corrected.isoformat(),
    }
    assert data["dateModified"] >= corrected.isoformat()

    listing = client.get("/tin-tuc/").content.decode()
    card = listing[listing.index("Ra mắt đường dây nóng"):]
    assert '<span class="status status-corrected">Đã đính chính</span>' in card
    assert "Đã đính chính" in client.get("/").content.decode()  # the home page's card

    item = rss_item(client, "/rss/tin-tuc.xml", page.title)
    assert item.findtext("description").startswith(
        f"Đính chính ngày {corrected:%d/%m/%Y}: {NOTE}")
    assert "Đã đính chính" in [c.text for c in item.findall("category")]


def test_a_corrected_directive_says_so_on_its_page_listing_feed_and_data(client, cms_site):
    document = directive(cms_site.directives, 1576, issued_on=datetime.date(2026, 3, 5))
    other = directive(cms_site.directives, 9)
    edited = latest(document)
    edited.corrected_on = datetime.date(2026, 3, 9)
    edited.correction_note = "Sửa ngày họp: 12/3/2026, không phải 21/3/2026."
    edited.save_revision().publish()

    html = client.get(document.url).content.decode()
    assert notice(html) == (
        "Đính chính ngày 09/03/2026: Sửa ngày họp: 12/3/2026, không phải 21/3/2026.")
    data = json_ld(html)
    assert data["@type"] == "Legislation"
    assert data["correction"]["datePublished"] == "2026-03-09"
    assert data["dateModified"] == "2026-03-09"

    listing = client.get("/van-ban-chi-dao/").content.decode()
    assert listing.count("Đã đính chính") == 1
    assert listing.index(document.title) < listing.index("Đã đính chính")
    assert notice(client.get(other.url).content.decode()) == ""

    item = rss_item(client, "/rss/van-ban-chi-dao.xml", document.title)
    assert item.findtext("description").startswith("Đính chính ngày 09/03/2026: Sửa ngày họp")
    assert [c.text for c in item.findall("category")] == ["Công văn", "Đã đính chính"]
