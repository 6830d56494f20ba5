"""The admin's other ways of making a page live, closed for pages under the press
workflow (cms/review.py): a copy published at once, "Khôi phục" of an old revision
published, an alias, a move out of the workflow's pages. A superuser keeps them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import GuidePage, NewsPage
from tests.cms.helpers import add_page, root_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def copy_data(page, parent, **extra) -> dict:
    return {
        "new_title": "Tin giả mạo không qua duyệt",
        "new_slug": "tin-gia-mao",
        "new_parent_page": str(parent.pk),
        **extra,
    }


def live_news(parent) -> NewsPage:
    return add_page(parent, NewsPage(title="Tin đã duyệt", slug="tin-da-duyet", lead="Tóm tắt."))


def test_the_head_copying_with_publish_copies_gets_a_draft(client, cms_site, roles):
    page = live_news(cms_site.news)
    client.force_login(roles.head_user)

    form = client.get(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    assert 'name="publish_copies"' not in form.content.decode()  # not offered
    assert 'name="alias"' not in form.content.decode()

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        copy_data(page, cms_site.news, publish_copies="on"),
        follow=True,
    )

    copy = Page.objects.get(slug="tin-gia-mao")
    assert not copy.live
    assert "Bản sao được lưu nháp, chưa xuất bản" in response.content.decode()
    client.logout()
    for path in ("/", "/tin-tuc/", "/tin-tuc/tin-gia-mao/"):
        assert "Tin giả mạo không qua duyệt" not in client.get(path).content.decode()


def test_a_superuser_still_publishes_copies(client, cms_site, roles):
    page = live_news(cms_site.news)
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))

    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        copy_data(page, cms_site.news, publish_copies="on"),
    )

    assert Page.objects.get(slug="tin-gia-mao").live


def test_the_head_cannot_make_an_alias(client, cms_site, roles):
    page = live_news(cms_site.news)
    client.force_login(roles.head_user)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        copy_data(page, cms_site.guides, alias="on"),
        follow=True,
    )

    assert not Page.objects.filter(slug="tin-gia-mao").exists()
    assert not Page.objects.filter(alias_of=page).exists()
    assert "Không tạo được bí danh" in response.content.decode()


def test_restoring_an_old_revision_with_publish_only_saves_a_draft(client, cms_site, roles):
    page = add_page(
        cms_site.guides, GuidePage(title="Bản đầu chưa duyệt", slug="khoi-phuc"), live=False
    )
    old = page.get_latest_revision()
    page.title = "Bản đã duyệt"
    page.save_revision().publish()
    client.force_login(roles.head_user)
    data = nested_form_data(
        {
            "title": "Bản đầu chưa duyệt",
            "slug": "khoi-phuc",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"

    response = client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk]), data, follow=True
    )

    page.refresh_from_db()
    assert page.title == "Bản đã duyệt"  # the live page is the approved one
    assert page.has_unpublished_changes
    assert "hãy gửi duyệt" in response.content.decode()


def test_a_page_is_not_moved_out_of_the_workflow(client, cms_site, roles):
    WorkflowPage.objects.filter(page=root_page()).delete()  # Wagtail's default one
    outside = add_page(root_page(), GuidePage(title="Ngoài quy trình", slug="ngoai"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=roles.head,
            page=outside,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename),
        )
    page = add_page(cms_site.guides, GuidePage(title="Hướng dẫn đã duyệt", slug="da-duyet"))
    client.force_login(roles.head_user)

    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, outside.pk]), follow=True
    )

    page.refresh_from_db()
    assert page.get_parent().pk == cms_site.guides.pk
    assert "Không chuyển được trang ra ngoài quy trình duyệt" in response.content.decode()


def editor_form(title: str, slug: str) -> dict:
    return nested_form_data({
        "title": title, "slug": slug, "intro": "",
        "body": streamfield([]), "comments": inline_formset([]),
    })


def test_the_head_is_not_offered_publish_under_review(client, cms_site, roles):
    page = add_page(cms_site.guides, GuidePage(title="Hướng dẫn", slug="hd"), live=False)
    client.force_login(roles.head_user)

    for path in (reverse("wagtailadmin_pages:edit", args=[page.pk]),
                 reverse("wagtailadmin_pages:add",
                         args=["cms", "guidepage", cms_site.guides.pk])):
        markup = client.get(path).content.decode()
        assert 'name="action-publish"' not in markup, path
        assert 'name="action-submit"' in markup, path

    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    markup = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-publish"' in markup


def test_the_submitter_is_told_who_reviews(client, cms_site, roles):
    UserFactory(username="photruongban", first_name="Lan", last_name="Trần",
                groups=[roles.head])
    editor = UserFactory(username="bientap", groups=[roles.editor])
    page = add_page(cms_site.guides, GuidePage(title="Bài gửi duyệt", slug="gui"), live=False)
    client.force_login(editor)
    data = editor_form("Bài gửi duyệt", "gui")
    data["action-submit"] = "action-submit"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data,
                           follow=True)

    markup = response.content.decode()
    assert "Đã gửi duyệt. Người duyệt: " in markup
    named = markup.split("Người duyệt: ")[1].split(".")[0]
    assert roles.head_user.get_full_name() in named and "Trần Lan" in named
    assert "bientap" not in named


def test_the_head_alone_is_told_only_a_superuser_reviews(client, cms_site, roles):
    page = add_page(cms_site.guides, GuidePage(title="Bài của trưởng ban", slug="tb"),
                    live=False)
    client.force_login(roles.head_user)
    data = editor_form("Bài của trưởng ban", "tb")
    data["action-submit"] = "action-submit"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data,
                           follow=True)

    assert "chỉ quản trị viên (superuser) duyệt được trang này" in response.content.decode()
