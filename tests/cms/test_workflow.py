"""The press office's editorial workflow: editors draft, the head approves before
publishing, nobody approves their own work, an edit after approval needs
approval again, and scheduled pages go live through `publish_scheduled`."""

from __future__ import annotations

import datetime
import io
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import GuidePage, NewsPage, NoSelfApprovalTask
from tests.cms.helpers import add_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(roles):
    """tests/cms/conftest.py's roles with a second head of the press office."""
    roles.other_head = UserFactory(username="photruongban", groups=[roles.head])
    return roles


def draft(parent, user, title="Tin nháp", slug="tin-nhap") -> NewsPage:
    page = NewsPage(title=title, slug=slug, lead="Tóm tắt.", owner=user)
    return add_page(parent, page, live=False, user=user)


def submit(page, user) -> WorkflowState:
    """What "Gửi duyệt" does in the editor: start the page's workflow as `user`."""
    page = Page.objects.get(pk=page.pk).specific
    return page.get_workflow().start(page, user)


def approve(page, user):
    page = Page.objects.get(pk=page.pk).specific
    task = page.current_workflow_task
    return task.on_action(page.current_workflow_task_state, user, "approve")


def action_names(page, user) -> list[str]:
    page = Page.objects.get(pk=page.pk).specific
    return [name for name, _label, _modal in page.current_workflow_task.get_actions(page, user)]


def test_the_press_workflow_covers_every_page_below_home(cms_site, roles):
    page = draft(cms_site.news, None)
    workflow = page.get_workflow()
    assert workflow.name == "Duyệt tin bài báo chí"
    [task] = [t.specific for t in workflow.tasks]
    assert isinstance(task, NoSelfApprovalTask)
    assert list(task.groups.all()) == [roles.head]


def test_editors_cannot_publish_the_head_can(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    assert not page.permissions_for_user(roles.editor_user).can_publish()
    assert page.permissions_for_user(roles.editor_user).can_submit_for_moderation()
    assert page.permissions_for_user(roles.head_user).can_publish()


def test_editor_pressing_publish_in_the_admin_only_saves_a_draft(client, cms_site, roles):
    page = add_page(cms_site.guides, GuidePage(title="Hướng dẫn nháp", slug="nhap"), live=False)
    client.force_login(roles.editor_user)
    data = nested_form_data(
        {
            "title": "Hướng dẫn đã sửa",
            "slug": "nhap",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().as_object().title == "Hướng dẫn đã sửa"


def test_editor_submits_and_the_head_approves_which_publishes(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    state = submit(page, roles.editor_user)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert action_names(page, roles.editor_user) == []  # not an approver

    approve(page, roles.head_user)

    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert TaskState.objects.get(workflow_state=state).finished_by == roles.head_user


def test_the_head_cannot_approve_what_they_submitted(client, cms_site, roles):
    page = draft(cms_site.news, roles.head_user)
    submit(page, roles.head_user)

    assert "approve" not in action_names(page, roles.head_user)
    assert "reject" in action_names(page, roles.head_user)  # may still ask for changes
    with pytest.raises(PermissionDenied):
        approve(page, roles.head_user)
    client.force_login(roles.head_user)
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert not page.live

    approve(page, roles.other_head)  # a second pair of eyes
    page.refresh_from_db()
    assert page.live


def test_superusers_cannot_approve_their_own_work_either(cms_site, roles):
    admin = UserFactory(superuser=True)
    page = draft(cms_site.news, admin)
    submit(page, admin)
    with pytest.raises(PermissionDenied):
        approve(page, admin)


def test_a_reviewer_who_edits_under_review_cannot_approve_that_edit(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    submit(page, roles.editor_user)
    edited = Page.objects.get(pk=page.pk).specific
    edited.title = "Tiêu đề do trưởng ban sửa"
    edited.save_revision(user=roles.head_user)

    assert "approve" not in action_names(page, roles.head_user)
    with pytest.raises(PermissionDenied):
        approve(page, roles.head_user)
    approve(page, roles.other_head)
    page.refresh_from_db()
    assert page.title == "Tiêu đề do trưởng ban sửa"


def test_the_dashboard_does_not_offer_own_work_for_review(cms_site, roles):
    page = draft(cms_site.news, roles.head_user)
    submit(page, roles.head_user)
    task = NoSelfApprovalTask.objects.get()
    assert not task.get_task_states_user_can_moderate(roles.head_user).exists()
    assert task.get_task_states_user_can_moderate(roles.other_head).count() == 1


def test_an_edit_after_approval_needs_approval_again(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user, title="Bản đã duyệt")
    submit(page, roles.editor_user)
    approve(page, roles.head_user)

    # The editor changes the published page: a new draft revision, nothing goes live.
    edited = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    edited.title = "Bản sửa sau khi duyệt"
    edited.save_revision(user=roles.editor_user)
    page.refresh_from_db()
    assert page.title == "Bản đã duyệt"
    assert page.has_unpublished_changes
    assert page.current_workflow_state is None  # the approval does not carry over
    assert not page.permissions_for_user(roles.editor_user).can_publish()

    # Submitting starts a new review, which the head must approve again.
    second = submit(page, roles.editor_user)
    assert second.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 2
    page.refresh_from_db()
    assert page.title == "Bản đã duyệt"
    approve(page, roles.head_user)
    page.refresh_from_db()
    assert page.title == "Bản sửa sau khi duyệt"


def test_publish_scheduled_publishes_an_approved_page_whose_time_came(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user, title="Tin hẹn giờ")
    scheduled = Page.objects.get(pk=page.pk).specific
    go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    scheduled.go_live_at = go_live_at
    scheduled.save_revision(user=roles.editor_user)
    submit(page, roles.editor_user)
    approve(page, roles.head_user)  # approved, but its time has not come
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None  # scheduled

    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert not page.live  # still in the future

    time.sleep(max(0.0, (go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert page.title == "Tin hẹn giờ"


def test_a_reviewer_saving_without_changes_may_still_approve(cms_site, roles):
    # "Approve and publish" in the editor saves the form as a new revision by the
    # reviewer; unchanged content is not the reviewer's own work.
    page = draft(cms_site.news, roles.editor_user)
    submit(page, roles.editor_user)
    Page.objects.get(pk=page.pk).specific.save_revision(user=roles.head_user)

    assert "approve" in action_names(page, roles.head_user)
    approve(page, roles.head_user)
    page.refresh_from_db()
    assert page.live


def test_the_head_approves_from_the_editor(client, cms_site, roles):
    page = add_page(
        cms_site.guides,
        GuidePage(title="Hướng dẫn mới", slug="moi", intro="Giới thiệu"),
        live=False,
        user=roles.editor_user,
    )
    submit(page, roles.editor_user)
    client.force_login(roles.head_user)
    data = nested_form_data(
        {
            "title": "Hướng dẫn mới",
            "slug": "moi",
            "intro": "Giới thiệu",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data,
                           follow=True)

    page.refresh_from_db()
    assert page.live
    # presswalk F9: the head is told the page went live, not only that it "was updated"
    html = response.content.decode()
    assert "Trang &#x27;Hướng dẫn mới&#x27; đã được xuất bản." in html
    assert "đã được cập nhật" not in html


def test_the_head_cannot_bypass_review_by_publishing_directly(client, cms_site, roles):
    page = add_page(
        cms_site.guides,
        GuidePage(title="Hướng dẫn của trưởng ban", slug="truong-ban"),
        live=False,
        user=roles.head_user,
    )
    client.force_login(roles.head_user)
    data = nested_form_data(
        {
            "title": "Hướng dẫn của trưởng ban",
            "slug": "truong-ban",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)

    page.refresh_from_db()
    assert not page.live
    assert page.has_unpublished_changes  # saved as a draft, nothing lost
    assert "hãy gửi duyệt" in response.content.decode()


def guide_data(title, go_live_at=None) -> dict:
    """The guide editor's form as "Phê duyệt và xuất bản" posts it."""
    data = nested_form_data({
        "title": title, "slug": "moi", "intro": "Giới thiệu",
        "go_live_at": timezone.localtime(go_live_at).strftime("%d/%m/%Y %H:%M")
        if go_live_at else "",
        "body": streamfield([]), "comments": inline_formset([]),
    })
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    return data


def submitted_guide(cms_site, roles):
    page = add_page(cms_site.guides, GuidePage(title="Hướng dẫn mới", slug="moi",
                                               intro="Giới thiệu"),
                    live=False, user=roles.editor_user)
    submit(page, roles.editor_user)
    return page


def test_the_head_setting_the_go_live_time_while_approving_approves(client, cms_site, roles):
    # presswalk #1: the schedule is not content; the head setting it still approves the
    # editor's content, and the page waits for its time.
    page = submitted_guide(cms_site, roles)
    at = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=2)
    client.force_login(roles.head_user)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           guide_data("Hướng dẫn mới", go_live_at=at), follow=True)

    html = response.content.decode()
    assert "Bạn không có quyền truy cập vào khu vực này" not in html
    page.refresh_from_db()
    assert not page.live  # approved for later
    revision = page.get_latest_revision()
    assert revision.user == roles.head_user and revision.approved_go_live_at == at
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == (
        WorkflowState.STATUS_APPROVED)


def test_a_schedule_only_revision_by_the_head_is_not_his_own_work(cms_site, roles):
    page = draft(cms_site.news, roles.editor_user)
    submit(page, roles.editor_user)
    edited = Page.objects.get(pk=page.pk).specific
    edited.expire_at = timezone.now() + datetime.timedelta(days=30)
    edited.save_revision(user=roles.head_user)

    assert "approve" in action_names(page, roles.head_user)
    approve(page, roles.head_user)
    page.refresh_from_db()
    assert page.live and page.expire_at is not None


def test_the_head_editing_content_while_approving_is_told_why_in_vietnamese(
    client, cms_site, roles
):
    page = submitted_guide(cms_site, roles)
    client.force_login(roles.head_user)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           guide_data("Hướng dẫn do trưởng ban sửa"), follow=True)

    html = response.content.decode()
    assert "Bạn không có quyền truy cập vào khu vực này" not in html
    assert "Chưa phê duyệt: bạn đã sửa nội dung trang" in html
    page.refresh_from_db()
    assert not page.live
    # Nothing typed is lost; another approver approves the head's edit.
    assert page.get_latest_revision().as_object().title == "Hướng dẫn do trưởng ban sửa"
    assert "approve" not in action_names(page, roles.head_user)
    approve(page, roles.other_head)
    page.refresh_from_db()
    assert page.live and page.title == "Hướng dẫn do trưởng ban sửa"
