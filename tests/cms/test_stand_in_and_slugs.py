"""Issue 11, item 5 in the CMS: a stand-in approver while the head of the press office
is away (never approving their own work, never self-named), and page slugs in plain
letters."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from cms.models import NewsPage, NoSelfApprovalTask, StandInApprover
from cms.slugs import plain_slug
from tests.cms.test_workflow import action_names, approve, draft, submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _today():
    # Vietnam's day, as the stand-in rule reads it (not UTC's)
    return timezone.localdate()


@pytest.fixture
def roles(roles):
    """tests/cms/conftest.py's roles with a second editor."""
    roles.colleague = UserFactory(username="bientap2", groups=[roles.editor])
    return roles


def name_stand_in(task, approver, *, by, days=(0, 7)):
    return StandInApprover.objects.create(
        task=task,
        approver=approver,
        named_by=by,
        starts_on=_today() + datetime.timedelta(days=days[0]),
        ends_on=_today() + datetime.timedelta(days=days[1]),
        reason="Trưởng bộ phận đi công tác",
    )


def test_a_stand_in_approves_while_named_never_their_own_work(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    submit(page, roles.editor_user)
    task = NoSelfApprovalTask.objects.get()
    assert "approve" not in action_names(page, roles.colleague)

    admin = UserFactory(superuser=True)
    name_stand_in(task, roles.colleague, by=admin)
    assert "approve" in action_names(page, roles.colleague)
    approve(page, roles.colleague)
    assert Page.objects.get(pk=page.pk).live

    own = draft(cms_site.news, roles.colleague, title="Tin của người duyệt thay", slug="tin-2")
    submit(own, roles.colleague)
    assert "approve" not in action_names(own, roles.colleague)
    with pytest.raises(PermissionDenied):
        approve(own, roles.colleague)


def test_a_stand_in_outside_their_period_does_not_approve(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    submit(page, roles.editor_user)
    task = NoSelfApprovalTask.objects.get()
    name_stand_in(task, roles.colleague, by=roles.head_user, days=(-10, -1))
    name_stand_in(task, roles.colleague, by=roles.head_user, days=(1, 5))
    assert "approve" not in action_names(page, roles.colleague)


def test_nobody_names_themselves(cms_site, roles):
    task = NoSelfApprovalTask.objects.get()
    stand_in = StandInApprover(
        task=task, approver=roles.colleague, named_by=roles.colleague,
        starts_on=_today(), ends_on=_today(), reason="Tự chỉ định",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        stand_in.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        stand_in.save()


def test_an_administrator_names_a_stand_in_in_the_admin(client, cms_site, roles):
    admin = UserFactory(superuser=True)
    client.force_login(admin)
    task = NoSelfApprovalTask.objects.get()
    response = client.post(
        "/admin/nguoi_duyet_thay/new/",
        {
            "task": task.pk,
            "approver": roles.colleague.pk,
            "starts_on": _today().isoformat(),
            "ends_on": (_today() + datetime.timedelta(days=3)).isoformat(),
            "reason": "Trưởng bộ phận nghỉ phép",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert StandInApprover.objects.get().named_by == admin
    refused = client.post(
        "/admin/nguoi_duyet_thay/new/",
        {
            "task": task.pk,
            "approver": admin.pk,
            "starts_on": _today().isoformat(),
            "ends_on": _today().isoformat(),
            "reason": "Tự chỉ định",
        },
    )
    assert refused.status_code == 200 and StandInApprover.objects.count() == 1


def test_slugs_in_plain_letters():
    assert plain_slug("Tập huấn đội ngũ y tế về Đề án 06") == "tap-huan-doi-ngu-y-te-ve-de-an-06"


def test_a_page_without_a_slug_gets_a_plain_one(cms_site, roles):
    page = NewsPage(title="Tập huấn đội ngũ điều dưỡng", lead="Tóm tắt.")
    cms_site.news.add_child(instance=page)
    assert page.slug == "tap-huan-doi-ngu-dieu-duong"


def test_wagtail_names_people_in_vietnamese_order(cms_site):
    from wagtail.admin.utils import get_user_display_name

    user = UserFactory(last_name="Nguyễn Văn", first_name="Thanh")
    assert user.get_full_name() == "Nguyễn Văn Thanh"
    assert get_user_display_name(user) == "Nguyễn Văn Thanh"


def test_no_avatar_is_fetched_from_a_third_party(cms_site):
    from wagtail.users.utils import get_gravatar_url

    assert get_gravatar_url("thanh@syt.example.vn") is None


def test_a_slug_in_other_letters_is_made_plain_an_editors_own_is_kept(cms_site, roles):
    # What Wagtail's script or an API client sends with Unicode letters, đ included.
    page = NewsPage(title="Công văn đôn đốc", slug="công-văn-đôn-đốc", lead="Tóm tắt.")
    cms_site.news.add_child(instance=page)
    assert page.slug == "cong-van-don-doc"
    own = NewsPage(title="Công văn đôn đốc", slug="cv-don-doc-2026", lead="Tóm tắt.")
    cms_site.news.add_child(instance=own)
    assert own.slug == "cv-don-doc-2026"


def test_every_page_type_gives_the_admin_vietnamese_letters_for_its_slug(cms_site):
    """Every page type of the site goes through cms.slugs: its admin form makes the slug
    plain on the server and gives the browser's slug script the Vietnamese letters."""
    import json

    from django.apps import apps

    from cms.models.base import PortalPage
    from cms.slugs import BROWSER_FORMATTERS, PlainSlugFormMixin

    page_models = [m for m in apps.get_app_config("cms").get_models() if issubclass(m, Page)]
    assert len(page_models) >= 10
    for model in page_models:
        assert issubclass(model, PortalPage), model
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, PlainSlugFormMixin), model
        form = form_class(instance=model(), for_user=UserFactory(superuser=True),
                          parent_page=cms_site.home)  # fmt: skip
        pairs = json.loads(form.fields["slug"].widget.attrs["data-w-slug-formatters-value"])
        assert len(pairs) == len(BROWSER_FORMATTERS)
    replaced = {letter for regex, letter in BROWSER_FORMATTERS for char in "ởạếđĐ" if char in regex}
    assert replaced == {"o", "a", "e", "d"}


# A number and its symbol ("2145/SYT-NVY") or a date ("01.09.2026") stay apart in a slug:
# the separator becomes a hyphen, never glued ("2145syt-nvy"), in every slug the portal makes.
def test_separators_become_hyphens_in_a_slug():
    from cms.importers.directives import vietnamese_slug

    assert plain_slug("Phản hồi bài báo số 2145/SYT-NVY") == "phan-hoi-bai-bao-so-2145-syt-nvy"
    assert plain_slug("Kế hoạch 12\\KH_SYT ngày 01.09.2026: lịch") == (
        "ke-hoach-12-kh-syt-ngay-01-09-2026-lich"
    )
    assert plain_slug("/2145/") == "2145"
    assert vietnamese_slug("Công văn 2145/SYT-NVY") == "cong-van-2145-syt-nvy"
    assert vietnamese_slug("Quyết định 12_QĐ\\SYT") == "quyet-dinh-12-qd-syt"


def test_a_press_response_saved_without_a_slug_keeps_number_and_symbol_apart(cms_site):
    from cms.models import PressResponsePage

    page = PressResponsePage(
        title="Phản hồi bài báo số 2145/SYT-NVY", outlet="Báo Quảng Ngãi",
        article_title="Bệnh viện thu thêm tiền", finding="inaccurate",
    )  # fmt: skip
    cms_site.press.add_child(instance=page)
    assert page.slug == "phan-hoi-bai-bao-so-2145-syt-nvy"


def test_an_existing_slug_is_kept(cms_site):
    """Only new slugs change: a page saved before (its slug glued, or with an underscore an
    editor typed) keeps its address when saved again."""
    old = NewsPage(title="Công văn 2145/SYT-NVY", slug="cong-van-2145syt-nvy", lead="Tóm tắt.")
    cms_site.news.add_child(instance=old)
    typed = NewsPage(title="Tin riêng", slug="tin_rieng_2026", lead="Tóm tắt.")
    cms_site.news.add_child(instance=typed)
    for page, slug in ((old, "cong-van-2145syt-nvy"), (typed, "tin_rieng_2026")):
        page.title = page.title + " (sửa)"
        page.save_revision().publish()
        assert Page.objects.get(pk=page.pk).slug == slug


def test_the_browser_s_formatters_turn_a_slash_into_a_hyphen_as_the_server_does():
    """`BROWSER_FORMATTERS` run before Wagtail's script drops what a slug cannot hold
    ("/" among them): the separators the server turns into hyphens become hyphens there too
    (the browser itself: tests/browser/test_cms_slugs.py)."""
    import re

    from cms.slugs import BROWSER_FORMATTERS

    def formatted(text: str) -> str:
        for regex, replacement in BROWSER_FORMATTERS:
            text = re.sub(regex, replacement, text)
        return text

    assert formatted("Công văn 2145/SYT-NVY") == "Cong van 2145-SYT-NVY"
    assert formatted("12\\KH ngày 01.09.2026: lịch") == "12-KH ngay 01-09-2026- lich"
    assert formatted("tin_rieng") == "tin_rieng"  # an underscore is a slug's own letter
