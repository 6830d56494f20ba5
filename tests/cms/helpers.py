"""Plain helpers building the CMS tree for tests: a home page as the default
site's root with its sections, and pages published through a revision."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from cms.models import (
    DirectiveIndexPage,
    DirectivePage,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PressResponseIndexPage,
    StoryIndexPage,
)
from tests.factories import GroupFactory, UserFactory


def root_page() -> Page:
    root = Page.get_first_root_node()
    if root is None:  # --nomigrations: Wagtail's initial tree is made by its migrations
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def publish(page: Page, user=None) -> Page:
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def add_page(parent: Page, page: Page, *, live: bool = True, user=None) -> Page:
    page.live = False
    parent.add_child(instance=page)
    if live:
        return publish(page, user)
    page.save_revision(user=user)
    return page


def build_site() -> SimpleNamespace:
    """Home and the sections the navigation links to, all published."""
    home = add_page(root_page(), HomePage(title="Trang chủ", slug="trang-chu", intro="Xin chào"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return SimpleNamespace(
        home=home,
        news=add_page(home, NewsIndexPage(title="Tin tức", slug="tin-tuc")),
        directives=add_page(
            home, DirectiveIndexPage(title="Văn bản chỉ đạo", slug="van-ban-chi-dao")
        ),
        press=add_page(
            home, PressResponseIndexPage(title="Phản hồi báo chí", slug="phan-hoi-bao-chi")
        ),
        stories=add_page(home, StoryIndexPage(title="Gương điển hình", slug="guong-dien-hinh")),
        guides=add_page(home, GuidePage(title="Hướng dẫn", slug="huong-dan")),
    )


def news(parent, n: int, *, date: datetime.date | None = None, **fields) -> NewsPage:
    return add_page(
        parent,
        NewsPage(
            title=fields.pop("title", f"Tin số {n}"),
            slug=f"tin-{n}",
            lead=fields.pop("lead", f"Tóm tắt tin số {n}."),
            date=date or datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            **fields,
        ),
    )


def directive(parent, n: int, **fields) -> DirectivePage:
    defaults = {
        "title": f"Công văn số {n}/SYT-VP",
        "slug": f"van-ban-{n}",
        "number": f"{n}/SYT-VP",
        "doc_type": "cong_van",
        "issuing_body": "Sở Y tế",
        "issued_on": datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
    }
    defaults.update(fields)
    live = defaults.pop("live", True)
    return add_page(parent, DirectivePage(**defaults), live=live)


def press_groups() -> SimpleNamespace:
    """The two press roles, as the demo data makes them (permissions on pages
    are granted by `cms.site.page_permissions`)."""
    editor = GroupFactory(
        name="Biên tập viên báo chí",
        perms=["wagtailadmin.access_admin", "complaints.view_case", "complaints.view_press_cases"],
    )
    head = GroupFactory(
        name="Trưởng bộ phận báo chí",
        perms=["wagtailadmin.access_admin", "complaints.view_case", "complaints.view_press_cases"],
    )
    return SimpleNamespace(editor=editor, head=head)


def press_roles(home: HomePage) -> SimpleNamespace:
    """Press editor and head groups with the demo's page permissions and review workflow."""
    from cms import site

    groups = press_groups()
    by_role = {"press": groups.editor, "press_head": groups.head}
    site.page_permissions(home, by_role)
    workflow = site.review_workflow(home, groups.head)
    return SimpleNamespace(editor=groups.editor, head=groups.head, workflow=workflow)


def pdf(title: str = "Chỉ thị dự thảo", name: str = "chi-thi-du-thao.pdf"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=name)
    )


def picture(title: str = "Ảnh tập huấn", name: str = "anh-tap-huan.png"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(name))


def facility_handler():
    """A facility's handler: in the admin for his cases, no page or media permission (every
    staff role enters the admin)."""
    return UserFactory(username="can-bo-co-so", admin_access=True,
                       perms=["complaints.view_case", "complaints.act_on_case"])


__all__ = ["Group", "add_page", "build_site", "directive", "facility_handler", "news", "pdf",
           "picture", "press_roles", "publish"]
