"""A published press response after its case is reopened and concluded again: the page keeps
the approved verdict and text, a draft revision carries the new finding, and the press
office is told on its dashboard and on the case's page (cms/press_review.py). The case page
links its response (details and timeline), and the public page shows the correction the case
records (complaints/selectors/press.py)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from cms.models import PressResponsePage
from cms.press_review import FINDING_CHANGED
from cms.services import press_response_create_from_case
from complaints.kinds import CaseStatus, PressFinding
from tests.cms.test_press_response import (
    concluded_press_case,
    json_ld,
    publish_through_review,
)
from tests.complaints.workflow.helpers import act

pytestmark = pytest.mark.django_db

REVIEW_PANEL = "Phản hồi báo chí cần biên tập lại"
ANSWER = "Sở Y tế đã xác minh lại: bài báo nêu không đúng."


@pytest.fixture
def published(cms_site, roles, django_capture_on_commit_callbacks):  # noqa: F811
    """A press case concluded "đúng một phần", its response published through review; the
    head of the press office may also act on cases and conclude (portal/roles.py)."""
    roles.head.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="complaints", codename__in=["act_on_case", "approve_case"]
        )
    )
    roles.editor.permissions.add(
        Permission.objects.get(content_type__app_label="complaints", codename="act_on_case")
    )
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_through_review(page, roles)
    return case, page


def conclude_again(case, head, finding=PressFinding.INACCURATE):
    act(case, "reopen", head, reason="Có thông tin mới về vụ việc")
    act(case, "conclude", head, conclusion="Kết luận lại.", public_answer=ANSWER,
        press_finding=finding)  # fmt: skip


def test_a_new_conclusion_waits_for_the_press_office_s_review(
    client, cms_site, roles, published, django_capture_on_commit_callbacks  # noqa: F811
):
    case, page = published
    head = roles.head_user
    assert "Phản ánh đúng một phần" in client.get(page.url).content.decode()  # cached

    with django_capture_on_commit_callbacks(execute=True):
        act(case, "reopen", head, reason="Có thông tin mới về vụ việc")
    client.force_login(roles.editor_user)
    case_page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "đang được xem xét lại" in case_page

    with django_capture_on_commit_callbacks(execute=True):
        act(case, "conclude", head, conclusion="Kết luận lại.", public_answer=ANSWER,
            press_finding=PressFinding.INACCURATE)  # fmt: skip

    # The public keeps the verdict and the text the press office approved.
    page.refresh_from_db()
    assert page.finding == PressFinding.PARTLY_ACCURATE
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Phản ánh đúng một phần" in html and "Phản ánh không đúng" not in html
    assert json_ld(html)["reviewRating"]["ratingValue"] == 2
    listing = client.get(cms_site.press.url).content.decode()
    assert "Phản ánh không đúng" not in listing

    # A draft revision carries the new finding, in the page's history by who concluded.
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.finding == PressFinding.INACCURATE
    entry = PageLogEntry.objects.get(page=page, action=FINDING_CHANGED)
    assert entry.user == head and entry.revision == page.get_latest_revision()

    # The press office is told: its dashboard and the case's page.
    client.force_login(roles.editor_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REVIEW_PANEL in home and case.tracking_code in home
    case_page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "đã được kết luận lại" in case_page and "Phản ánh không đúng" in case_page
    assert "có bản nháp mới chưa xuất bản" in case_page

    # The case saved again (closing it) makes no second draft.
    revisions = page.revisions.count()
    act(case, "close", head)
    assert page.revisions.count() == revisions

    # The editor rewrites the text (the draft was made by the head who concluded, who may
    # not approve their own revision: cms/review.py); reviewed and published, the page says
    # the new verdict.
    draft = PressResponsePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.response = [("paragraph", RichText(f"<p>{ANSWER}</p>"))]
    draft.save_revision(user=roles.editor_user)
    page = publish_through_review(page, roles)
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Phản ánh không đúng" in html
    assert json_ld(html)["reviewRating"]["ratingValue"] == 1
    client.force_login(roles.editor_user)
    assert REVIEW_PANEL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_save_of_the_live_page_never_slips_the_new_verdict_in(roles, published):  # noqa: F811
    case, page = published
    conclude_again(case, roles.head_user)
    page = PressResponsePage.objects.get(pk=page.pk)
    page.save()  # e.g. a lock, a move: a full save of the live row
    page.refresh_from_db()
    assert page.finding == PressFinding.PARTLY_ACCURATE


def test_the_case_page_links_its_response(client, roles, published):  # noqa: F811
    case, page = published
    client.force_login(roles.editor_user)
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    section = html[html.index('id="cw-press-response"') :]
    section = section[: section.index("</section>")]
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in section
    assert f'href="{page.url}"' in section and "Đang đăng" in section
    # The timeline's entry of the publication links the page.
    timeline = html[html.index('id="cw-timeline"') :]
    assert "Sở Y tế đã đăng phản hồi" in timeline
    assert f'<a href="{page.url}">Xem trang</a>' in timeline


def test_a_concluded_case_without_a_response_offers_to_write_it(client, roles, cms_site):  # noqa: F811
    case = concluded_press_case()
    client.force_login(roles.editor_user)
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "Hồ sơ chưa có trang phản hồi." in html
    assert reverse("cms_press_response_from_case", args=[case.tracking_code]) in html


def test_the_public_page_shows_the_correction(
    client, roles, published, django_capture_on_commit_callbacks  # noqa: F811
):
    case, page = published
    head = roles.head_user
    html = client.get(page.url).content.decode()  # cached
    # presswalk #5: partly accurate, but no correction asked for yet: a reply, labelled so
    # everywhere, and no "Đề nghị cải chính: Chưa gửi".
    assert "Đề nghị cải chính" not in html and "Chưa gửi" not in html
    assert labels(client, page) == ["Phản hồi thông tin báo chí"] * 4

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        act(case, "request_correction", head, medium="online",
            outlet_received_on=today.isoformat())  # fmt: skip
    html = client.get(page.url).content.decode()
    day = today.strftime("%d/%m/%Y")
    assert f"cơ quan báo chí nhận ngày {day}, hạn đăng cải chính {day}" in html
    assert "Chưa đăng" in html
    assert labels(client, page) == ["Đề nghị cải chính thông tin báo chí"] * 4

    with django_capture_on_commit_callbacks(execute=True):
        act(case, "record_correction_published", head, published_on=today.isoformat(),
            correction_url="https://baoquangngai.vn/cai-chinh-bai-viet")  # fmt: skip
    html = client.get(page.url).content.decode()
    assert f"Đã đăng ngày {day}" in html and "sau thời hạn" not in html
    assert 'href="https://baoquangngai.vn/cai-chinh-bai-viet"' in html
    assert labels(client, page) == ["Cải chính thông tin báo chí"] * 4


def labels(client, page) -> list[str]:
    """The response's label on its page, its list card, the RSS item and the JSON-LD
    (all through the caches the public sees)."""
    html = client.get(page.url).content.decode()
    kicker = re.search(r'<p class="eyebrow">([^<]*)</p>', html).group(1)
    index = client.get(page.get_parent().url).content.decode()
    card = re.search(r'<p class="meta">([^<·]*?) ·', index).group(1).strip()
    feed = ElementTree.fromstring(client.get("/rss/phan-hoi-bao-chi.xml").content)
    category = feed.find("channel/item").findtext("category")
    return [kicker, card, category, json_ld(html)["genre"]]


def test_an_accurate_article_s_response_mentions_no_correction(client, roles, cms_site):  # noqa: F811
    case = concluded_press_case(press_finding=PressFinding.ACCURATE)
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page = publish_through_review(page, roles)
    assert case.status == CaseStatus.CONCLUDED
    assert "Đề nghị cải chính" not in client.get(page.url).content.decode()


def test_a_list_of_responses_labels_its_cards_without_a_query_each(
    rf, roles, published, django_assert_num_queries, django_assert_max_num_queries  # noqa: F811
):
    """The list page's cards and the feed's items name each response's kind from its case's
    correction (presswalk #5): read for the whole list in two queries, never per card
    (issue 16: a list's queries do not grow with its rows)."""
    from cms.feeds import SECTIONS, SectionFeed
    from cms.models.press import with_corrections

    case, page = published
    act(case, "request_correction", roles.head_user, medium="online",
        outlet_received_on=timezone.localdate().isoformat())  # fmt: skip
    other = concluded_press_case()
    second, _created = press_response_create_from_case(
        tracking_code=other.tracking_code, user=roles.editor_user
    )
    second.save_revision().publish()
    pages = list(PressResponsePage.objects.live().order_by("pk"))
    with django_assert_max_num_queries(2):
        cards = [p.kind_label for p in with_corrections(pages)]
    assert cards == ["Đề nghị cải chính thông tin báo chí", "Phản hồi thông tin báo chí"]

    listing = page.get_parent().specific.get_listing(rf.get("/"))
    with django_assert_num_queries(0):
        assert sorted(p.kind_label for p in listing.page) == sorted(cards)
    feed = SectionFeed(next(s for s in SECTIONS if s.model is PressResponsePage))
    items = feed.items(None)
    with django_assert_num_queries(0):
        assert sorted(p.kind_label for p in items) == sorted(cards)
