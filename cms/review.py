"""No self-approval (issue 6): pages under the press workflow reach the public only
through its review, for everyone but superusers, the head of the press office included.

Every admin path that would make a page live at once is closed here and registered in
cms/wagtail_hooks.py: "Xuất bản" in the editor (and in "Khôi phục" of an old revision,
the same editor) saves a draft instead, a bulk publish is refused, a copy is never
published with "Đăng các trang đã sao chép" (the box is not offered, and a posted one is
dropped), an alias (a live mirror at a new address) is refused, and a move out of the
workflow's pages is refused. Unpublishing stays open: it hides, never shows."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Page

REVIEW_REQUIRED = _(
    "Trang thuộc quy trình duyệt tin bài nên chưa được xuất bản: nội dung đã lưu nháp; "
    "hãy gửi duyệt để người khác trong nhóm duyệt phê chuẩn."
)
COPY_NOT_PUBLISHED = _(
    "Bản sao được lưu nháp, chưa xuất bản: trang thuộc quy trình duyệt tin bài; "
    "hãy gửi duyệt bản sao để người khác trong nhóm duyệt phê chuẩn."
)
ALIAS_REFUSED = _(
    "Không tạo được bí danh: bí danh là trang gương được xuất bản ngay ở địa chỉ mới, "
    "không qua duyệt. Hãy tạo bản sao rồi gửi duyệt."
)
OWN_EDIT_NOT_APPROVED = _(
    "Chưa phê duyệt: bạn đã sửa nội dung trang, mà không ai được tự duyệt nội dung do "
    "chính mình soạn hoặc sửa. Thay đổi đã được lưu nháp; một người duyệt khác trong nhóm "
    "sẽ phê duyệt. Chỉ đặt giờ bắt đầu hoặc kết thúc xuất bản thì vẫn tự phê duyệt được."
)
MOVE_REFUSED = _(
    "Không chuyển được trang ra ngoài quy trình duyệt tin bài: ở đó trang được xuất bản "
    "không qua duyệt."
)


def under_review(user, *pages) -> bool:
    """Whether publishing one of `pages` (or a new child of one) must go through review:
    one is under a workflow and `user` is not a superuser."""
    if user.is_superuser:
        return False
    return any(page is not None and page.get_workflow() is not None for page in pages)


def publish_refused(request, page) -> bool:
    return under_review(request.user, page)


def save_as_draft_instead(request, page) -> None:
    """An editor's "Xuất bản" on a page under review saves a draft, nothing typed lost."""
    if request.method == "POST" and "action-publish" in request.POST:
        if publish_refused(request, page):
            request.POST = request.POST.copy()
            del request.POST["action-publish"]
            messages.warning(request, REVIEW_REQUIRED)


def save_own_edit_instead_of_approving(request, page) -> None:
    """An approver's "Phê duyệt và xuất bản" that also changes what the page says (the
    schedule aside, cms/models/workflow.py) saves the edit as a draft and says why it is
    not approved, rather than Wagtail's generic "no permission" after saving it."""
    from cms.models.workflow import NoSelfApprovalTask, says_differently

    post = request.POST
    if request.method != "POST" or not post.get("action-workflow-action") or (
        post.get("workflow-action-name") != "approve"
    ):
        return
    state = page.current_workflow_task_state
    if state is None or not isinstance(state.task.specific, NoSelfApprovalTask):
        return
    # Fresh copies: the editor's own `page` (and its cached revision) stays untouched.
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(post, request.FILES, instance=latest.get_latest_revision_as_object(),
                      parent_page=page.get_parent(), for_user=request.user)
    if form.is_valid() and says_differently(latest, form.save(commit=False)):
        request.POST = post.copy()
        del request.POST["action-workflow-action"]
        messages.error(request, OWN_EDIT_NOT_APPROVED)


def _posted_parent(request, page):
    pk = request.POST.get("new_parent_page")
    found = Page.objects.filter(pk=pk).first() if pk and str(pk).isdigit() else None
    return found or page.get_parent()


def copy_without_publishing(request, page):
    """`before_copy_page`: a posted "publish copies" is dropped (the copy stays a draft,
    the editor told so), an alias refused, when the page or the new parent is under review."""
    if request.method != "POST":
        return None
    if not under_review(request.user, page, _posted_parent(request, page)):
        return None
    if request.POST.get("alias"):
        messages.error(request, ALIAS_REFUSED)
        return redirect(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    if request.POST.get("publish_copies"):
        request.POST = request.POST.copy()
        del request.POST["publish_copies"]
        messages.warning(request, COPY_NOT_PUBLISHED)
    return None


def move_within_review(request, page, destination):
    """`before_move_page`: a page under review is not moved where no review applies."""
    if under_review(request.user, page) and not under_review(request.user, destination):
        messages.error(request, MOVE_REFUSED)
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    return None


class ReviewedCopyForm(CopyForm):
    """The copy form without "publish copies" and "alias" where they would be refused
    (`copy_without_publishing` refuses them server-side all the same)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if under_review(self.user, self.page):
            self.fields.pop("publish_copies", None)
            self.fields.pop("alias", None)

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if under_review(self.user, self.page, parent):
            cleaned_data["publish_copies"] = False
            cleaned_data["alias"] = False
        return cleaned_data


def without_refused_publish(menu_items, request, context) -> None:
    """`construct_page_action_menu`: "Xuất bản" (and "Đặt lịch xuất bản", the same button
    with a go-live time) is not offered where it would only save a draft."""
    page = context.get("parent_page") or context.get("page")
    if page is not None and under_review(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def reviewers(page, submitter) -> list[str] | None:
    """Who may approve `page`'s current review step, but its submitter: the step's groups'
    active members and today's stand-ins; None when the step is no group's."""
    from django.contrib.auth import get_user_model
    from wagtail.models import GroupApprovalTask

    state = page.current_workflow_task_state
    task = state.task.specific if state is not None else None
    if not isinstance(task, GroupApprovalTask):
        return None
    users = set(
        get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True)
        .exclude(pk=submitter.pk).distinct()
    )
    if stand_ins := getattr(task, "stand_ins", None):
        users |= {s.approver for s in stand_ins.current().select_related("approver")
                  if s.approver.is_active and s.approver.pk != submitter.pk}
    return sorted((u.get_full_name() or u.get_username()) for u in users)


def tell_who_reviews(request, page) -> None:
    """After "Gửi duyệt": who will review, or that only a superuser can."""
    if request.method != "POST" or "action-submit" not in request.POST:
        return
    page = Page.objects.get(pk=page.pk).specific
    names = reviewers(page, request.user)
    if names is None:
        return
    if names:
        messages.info(request, _("Đã gửi duyệt. Người duyệt: %(names)s.")
                      % {"names": ", ".join(names)})
    else:
        messages.warning(request, _(
            "Đã gửi duyệt, nhưng nhóm duyệt không còn ai khác ngoài bạn: chỉ quản trị viên "
            "(superuser) duyệt được trang này. Hãy báo quản trị viên hoặc cử người duyệt thay."
        ))


def say_what_approval_did(request, page) -> None:
    """After "Phê duyệt và xuất bản" in the editor Wagtail says only that the page "đã
    được cập nhật" (presswalk F9). Said instead: that it was published, or when it will be
    (`cms.scheduling.scheduled_message`); Wagtail's words stay when it did neither."""
    from django.utils.translation import gettext
    from wagtail.admin import messages as admin_messages

    from cms.scheduling import scheduled_message

    title = {"page_title": page.get_admin_display_title()}
    saved = Page.objects.get(pk=page.pk)
    published = saved.live and not saved.has_unpublished_changes
    said = scheduled_message(page) or (
        gettext("Page '%(page_title)s' has been published.") % title if published else None
    )
    if said is None:
        return
    updated = admin_messages.render(gettext("Page '%(page_title)s' has been updated.") % title,
                                    None)
    kept = [m for m in messages.get_messages(request) if m.message != updated]  # read: emptied
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    admin_messages.success(request, said)
