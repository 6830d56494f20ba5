"""The admin side of the CMS: every page type can be created in the editor by a
press editor, the press menu is shown to the press office only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.models import (
    DirectivePage,
    GuidePage,
    NewsPage,
    PressResponsePage,
    StoryPage,
)
from tests.cms.helpers import press_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(cms_site):
    roles = press_roles(cms_site.home)
    return UserFactory(username="bientap", groups=[roles.editor])


@pytest.mark.parametrize(
    ("model", "parent_attr"),
    [
        (NewsPage, "news"),
        (DirectivePage, "directives"),
        (PressResponsePage, "press"),
        (StoryPage, "stories"),
        (GuidePage, "guides"),
    ],
)
def test_press_editor_opens_the_create_form_of_each_page_type(
    client, cms_site, editor, model, parent_attr
):
    client.force_login(editor)
    parent = getattr(cms_site, parent_attr)
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html  # editors submit for review instead
    assert 'name="action-submit"' in html


def test_press_menu_is_for_the_press_office(client, cms_site, editor):
    def dashboard() -> str:
        return client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(editor)
    assert reverse("cms_press_cases") in dashboard()
    assert client.get(reverse("cms_press_cases")).status_code == 200

    intake = UserFactory(perms=["complaints.view_all_cases"], admin_access=True)
    client.force_login(intake)
    assert reverse("cms_press_cases") not in dashboard()
    assert client.get(reverse("cms_press_cases")).status_code in (302, 403)


def test_news_categories_are_managed_as_snippets(client, cms_site):
    client.force_login(UserFactory(superuser=True))
    response = client.get(reverse("wagtailsnippets_cms_newscategory:list"))
    assert response.status_code == 200


def test_editors_see_revisions_and_compare_them(client, cms_site, editor):
    from tests.cms.helpers import news

    page = news(cms_site.news, 1, title="Bản một")
    first = page.latest_revision
    page.title = "Bản hai"
    second = page.save_revision(user=editor)
    client.force_login(editor)

    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    )

    assert history.status_code == 200
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "một" in html and "hai" in html  # the title diff, word by word
