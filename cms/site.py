"""The province's site: the home page as the root of the default Wagtail site, its
sections, the guides, the about, privacy and contact pages naming the province
(PORTAL_PROVINCE), the news categories, the press roles' page permissions and the press
office's review workflow; Wagtail's own first data renamed in Vietnamese.

Installed by `setup_portal` (production) and `load_demo_data` (which adds the demo's
articles and directives). Idempotent: a page that exists is found by slug and left as
the editors have it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms import demo_content
from cms.models import (
    DirectiveIndexPage,
    GuidePage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NoSelfApprovalTask,
    PressResponseIndexPage,
    StoryIndexPage,
)
from portal.province import province_title

WORKFLOW_NAME = "Duyệt tin bài báo chí"
TASK_NAME = "Trưởng bộ phận báo chí duyệt"

# Page permissions on the home page (they cover every public page below it).
# Editors write and submit for review; the head of the press office also publishes.
PAGE_PERMISSIONS = {
    "press": ["add_page", "change_page"],
    "press_head": ["add_page", "change_page", "publish_page"],
}
# Images and documents: both roles upload and use them.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]

# Wagtail's own first data (its migrations create them in English), named in Vietnamese.
WAGTAIL_DEFAULT_NAMES = {
    "group": {"Moderators": "Kiểm duyệt viên", "Editors": "Biên tập viên"},
    "workflow": {"Moderators approval": "Kiểm duyệt viên phê duyệt"},
    "root": {"Root": "Gốc"},
}


@dataclass
class Sections:
    home: HomePage
    news: NewsIndexPage
    directives: DirectiveIndexPage
    stories: StoryIndexPage
    categories: dict[str, NewsCategory]


def wagtail_defaults_in_vietnamese() -> None:
    """Rename what Wagtail's migrations created in English (idempotent)."""
    for english, vietnamese in WAGTAIL_DEFAULT_NAMES["group"].items():
        if not Group.objects.filter(name=vietnamese).exists():
            Group.objects.filter(name=english).update(name=vietnamese)
    for english, vietnamese in WAGTAIL_DEFAULT_NAMES["workflow"].items():
        Workflow.objects.filter(name=english).update(name=vietnamese)
        Task.objects.filter(name=english).update(name=vietnamese)
    for english, vietnamese in WAGTAIL_DEFAULT_NAMES["root"].items():
        Page.objects.filter(depth=1, title=english).update(title=vietnamese, draft_title=vietnamese)
        Collection.objects.filter(depth=1, name=english).update(name=vietnamese)


def install(*, stdout, groups: dict[str, Group]) -> Sections:
    """The site's pages, permissions and workflow (`groups`: `portal.roles.install_roles()`)."""
    wagtail_defaults_in_vietnamese()
    home = _home(stdout)
    _site(home)
    news = child(home, NewsIndexPage, "tin-tuc", stdout, **demo_content.NEWS_INDEX)
    directives = child(
        home, DirectiveIndexPage, "van-ban-chi-dao", stdout, **demo_content.DIRECTIVE_INDEX
    )
    child(home, PressResponseIndexPage, "phan-hoi-bao-chi", stdout, **demo_content.PRESS_INDEX)
    stories = child(home, StoryIndexPage, "guong-dien-hinh", stdout, **demo_content.STORY_INDEX)
    texts = page_texts()
    guides = child(home, GuidePage, "huong-dan", stdout, **texts["huong-dan"])
    # citizen: the pages people expect, linked from every page's footer
    for slug in ("gioi-thieu", "du-lieu-ca-nhan", "lien-he"):
        child(home, GuidePage, slug, stdout, **texts[slug])
    for path, fields in texts.items():
        if path.startswith("huong-dan/"):
            child(guides, GuidePage, path.removeprefix("huong-dan/"), stdout, **fields)
    refresh_pages(home, texts, stdout)
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in demo_content.NEWS_CATEGORIES.items()
    }
    page_permissions(home, groups)
    review_workflow(home, groups["press_head"])
    return Sections(home, news, directives, stories, categories)


def _home(stdout) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(**demo_content.HOME))
        home.save_revision().publish()
        stdout.write("Đã tạo trang chủ.")
    return home


def _site(home: HomePage) -> None:
    """The default site serves the home page, at the portal's base URL (so the
    sitemap, feeds and Open Graph tags give addresses that work)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        return
    changed = []
    if site.root_page_id != home.pk:
        site.root_page = home
        changed.append("root_page")
    # Wagtail's placeholder, or a local demo started on another PORT since.
    local = site.hostname in {"localhost", "127.0.0.1"}
    if local and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port, site.site_name = hostname, port, settings.WAGTAIL_SITE_NAME
        changed += ["hostname", "port", "site_name"]
    if changed:
        site.save(update_fields=changed)
    # Wagtail's own welcome page is replaced by ours.
    Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).delete()


def page_texts() -> dict[str, dict]:
    """The pages written from the settings, by path below the home page: their title, intro
    and body in Vietnamese, naming the province ("tỉnh Quảng Ngãi", "thành phố Huế"), the
    hotline (`PORTAL_HOTLINE`), the Sở's address and office hours
    (`complaints.selectors.contact`: the settings, else the imported department unit's),
    and SMS only while the portal sends it (`sms_available()`: the privacy notice and the
    contact page name no text message when SMS is off)."""
    from complaints.selectors.contact import department_address, office_hours

    province = province_title()
    hotline = (getattr(settings, "PORTAL_HOTLINE", "") or "").strip()
    with translation.override("vi"):
        address, hours = department_address(province_fallback=False), office_hours()
    texts = {
        "huong-dan": demo_content.guide_root(hotline),
        "gioi-thieu": demo_content.about(province),
        "du-lieu-ca-nhan": demo_content.privacy(province, hotline),
        "lien-he": demo_content.contact(province, address, hours, hotline),
    }
    for slug, fields in demo_content.guides(hotline).items():
        texts[f"huong-dan/{slug}"] = fields
    return texts


@dataclass
class Refreshed:
    """What `refresh_pages` did: the titles of the pages it rewrote, and of those whose
    text the settings would change but an editor has changed the page (left as they are)."""

    updated: list[str]
    kept: list[str]


def edited(page: Page) -> bool:
    """Whether a person has changed the page: a revision or a logged action of a user
    (the installer's have none), a draft not yet published, or the page taken offline."""
    if not page.live or page.has_unpublished_changes:
        return True
    if page.revisions.exclude(user=None).exists():
        return True
    return PageLogEntry.objects.filter(page=page).exclude(user=None).exists()


def refresh_pages(home, texts: dict[str, dict], stdout) -> Refreshed:
    """The pages of `texts` follow the settings while nobody has edited them: one whose
    title, intro or body differs from what the settings give now gets a new published
    revision; an edited one is left as its editor has it, and named, so the administrator
    can bring the change in by hand. An unchanged page gets no revision."""
    done = Refreshed(updated=[], kept=[])
    for path, fields in texts.items():
        page = _at(home, path)
        if not isinstance(page, GuidePage) or _same(page, fields):
            continue
        if edited(page):
            done.kept.append(page.title)
            stdout.write(
                f"Giữ nguyên trang: {page.title} (/{path}/) — biên tập viên đã sửa trang này; "
                f"nội dung theo cấu hình mới (tỉnh, đường dây nóng, địa chỉ, giờ tiếp công dân, "
                f"SMS) cần sửa tay tại /admin/pages/{page.pk}/edit/"
            )
            continue
        page.title, page.intro, page.body = fields["title"], fields["intro"], fields["body"]
        page.draft_title = page.title
        page.save_revision(log_action=True).publish()
        done.updated.append(page.title)
        stdout.write(f"Đã cập nhật trang: {page.title} (/{path}/) theo cấu hình hiện tại")
    return done


def _at(home, path: str):
    page = home
    for slug in path.split("/"):
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            return None
    return page.specific


def _same(page: GuidePage, fields: dict) -> bool:
    blocks = [(block["type"], block["value"]) for block in page.body.raw_data]
    wanted = [(block["type"], block["value"]) for block in fields["body"]]
    return (blocks, page.intro, page.title) == (wanted, fields["intro"], fields["title"])


def child(parent, model, slug, stdout, prepare=None, **fields):
    """The published child page with that slug, created if missing, never modified."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    if prepare is not None:
        prepare(page)
    parent.add_child(instance=page)
    page.save_revision(log_action=True).publish()
    stdout.write(f"Đã tạo trang: {page.title}")
    return page


def page_permissions(home: HomePage, groups: dict[str, Group]) -> None:
    for role, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=groups[role], page=home, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    for role in PAGE_PERMISSIONS:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role], collection=root_collection, permission=permission
            )


def review_workflow(home: HomePage, approvers: Group) -> Workflow:
    """One review step by the head of the press office, on every page below home."""
    task = NoSelfApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = NoSelfApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([approvers])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow
