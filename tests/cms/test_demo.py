"""The CMS part of `load_demo_data`: sections, guides, the five seeds as
directive pages, the review workflow and the press roles' permissions."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision, WorkflowPage

from cms.models import DirectivePage, GuidePage, HomePage, NewsPage, StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "permissions": sorted(
            GroupPagePermission.objects.values_list("group__name", "permission__codename")
        ),
        "workflows": sorted(WorkflowPage.objects.values_list("page__slug", "workflow__name")),
    }


def test_the_navigation_targets_exist_and_render(client, demo):
    home = HomePage.objects.get()
    slugs = set(home.get_children().live().values_list("slug", flat=True))
    assert {"tin-tuc", "van-ban-chi-dao", "huong-dan", "phan-hoi-bao-chi"} <= slugs
    for url in ("/", "/tin-tuc/", "/van-ban-chi-dao/", "/huong-dan/", "/phan-hoi-bao-chi/"):
        assert client.get(url).status_code == 200, url


def test_demo_content_is_published(demo):
    assert DirectivePage.objects.live().count() == 5
    assert set(DirectivePage.objects.values_list("source_file", flat=True)) == {
        "thanh-hoa-1576-syt-vp-2020.txt",
        "byt-cong-van-thong-tin-bao-chi.txt",
        "hue-chi-thi-10-ct-ubnd-2022.txt",
        "tinh-uy-thong-bao-ket-luan-2016.txt",
        "duc-pho-bao-cao-ct06-2023.txt",
    }
    assert NewsPage.objects.live().count() >= 3
    assert StoryPage.objects.live().get().facility.code == "TYT-PHOHOA"
    guides = GuidePage.objects.get(slug="huong-dan")
    assert GuidePage.objects.child_of(guides).live().count() == 3


def test_guides_state_the_law_with_its_articles(client, demo):
    html = client.get("/huong-dan/quy-dinh-phap-luat/").content.decode()
    for reference in (
        "Điều 9 Luật Khiếu nại 2011",
        "Điều 11 Luật Khiếu nại 2011",
        "Điều 23 Luật Tố cáo 2018",
        "Điều 25 Luật Tố cáo 2018",
        "91/2025/QH15",
    ):
        assert reference in html, reference
    how_to = client.get("/huong-dan/cach-gui-phan-anh/").content.decode()
    assert "khoản 2 Điều 8 Luật Khiếu nại 2011" in how_to
    faq = client.get("/huong-dan/cau-hoi-thuong-gap/").content.decode()
    assert "<details" in faq


def test_the_demo_pages_cite_the_vietnamese_way():
    """"khoản 2 Điều 8 Luật Khiếu nại", as a Vietnamese reader cites, never the law's name
    first ("Luật Khiếu nại 2011, Điều 8 khoản 2", "Luật Tố cáo Điều 25")."""
    import json
    import re

    from cms import demo_content

    law_first = re.compile(r"Luật [^.;:()\"]{0,60}?,? Điều \d")
    pages = {name: getattr(demo_content, name) for name in dir(demo_content) if name.isupper()}
    for page in (demo_content.about, demo_content.privacy, demo_content.contact):
        pages[page.__name__] = page("Quảng Ngãi")
    pages["guides"] = demo_content.guides("1900 9095")  # the FAQ names the hotline
    text = json.dumps(pages, ensure_ascii=False, default=str)
    assert text.count("Điều ") > 20  # the guides' and the privacy notice's citations
    assert law_first.findall(text) == []


def test_press_roles_get_the_review_workflow_and_page_permissions(demo):
    home = HomePage.objects.get()
    workflow = WorkflowPage.objects.get(page=home).workflow
    assert workflow.name == "Duyệt tin bài báo chí"
    [task] = [t.specific for t in workflow.tasks]
    assert [g.name for g in task.groups.all()] == ["Trưởng bộ phận báo chí"]
    permissions = set(
        GroupPagePermission.objects.filter(page=home).values_list(
            "group__name", "permission__codename"
        )
    )
    assert permissions == {
        ("Biên tập viên báo chí", "add_page"),
        ("Biên tập viên báo chí", "change_page"),
        ("Trưởng bộ phận báo chí", "add_page"),
        ("Trưởng bộ phận báo chí", "change_page"),
        ("Trưởng bộ phận báo chí", "publish_page"),
    }


def test_loading_twice_changes_nothing(demo, monkeypatch):
    first = snapshot()
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())
    assert snapshot() == first
