"""A press response's verdict after its case is concluded again, and what the press office
is shown of it (finding 3 of the press office's exploratory test).

The verdict of a published response (`PressResponsePage.finding`) is the press office's
reviewed word: the approved text explains it, the listing filters and the ClaimReview
rating read it. When the case is reopened and concluded with another finding, the page does
not switch by itself (`PressResponsePage.save` keeps it): `draft_new_finding` stores a new
draft revision with the new finding, and the page waits for the press office to rewrite the
text and send it through its review workflow (cms/review.py: no self-approval). Until that
revision is published the public keeps reading the verdict and text that were approved.

The press office is told where it already looks, from the data itself (never a flag to
forget): the admin dashboard's panel "Phản hồi báo chí cần biên tập lại" (`responses_to_
review`, cms/wagtail_hooks.py) and the case's page (`PressResponseCasePanel`). Both disappear
once the revision with the new verdict is published. The new revision is also in the page's
history, as "cms.press_finding_changed", by whoever concluded.
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind, PressFinding

__all__ = [
    "CORRECTION_ACTIONS",
    "FINDING_CHANGED",
    "draft_new_finding",
    "review_reason",
    "responses_to_review",
]

# The workflow steps that change the correction the public page shows.
CORRECTION_ACTIONS = frozenset({"request_correction", "record_correction_published"})
# The page history's entry of the draft revision made from a new conclusion.
FINDING_CHANGED = "cms.press_finding_changed"
FINDING_CHANGED_LABEL = gettext_lazy("Hồ sơ kết luận lại: bản nháp mang kết quả xác minh mới")
FINDING_CHANGED_MESSAGE = gettext_lazy(
    "Hồ sơ được kết luận lại với kết quả xác minh khác; bản nháp mới mang kết quả đó, chờ "
    "biên tập nội dung và gửi duyệt. Trang đang đăng giữ kết quả đã duyệt."
)


def _finding_label(code: str) -> str:
    return str(PressFinding(code).label) if code in PressFinding.values else code


def draft_new_finding(page, *, case):
    """Store a draft revision of the live `page` carrying `case`'s finding (from the page's
    latest revision, the editor's unpublished changes kept); the live row keeps its verdict.
    Nothing when the latest revision already carries it. Returns the revision or None.

    Runs in the transaction of the conclusion (a receiver of the case's save): the revision
    is by whoever concluded (the case's history user), logged as `FINDING_CHANGED`."""
    revision = page.get_latest_revision()
    if revision is None:
        return None
    # From the revision's content, never `page` itself (which Wagtail returns as the latest
    # when nothing is unpublished, and which the caller may have changed already).
    latest = revision.as_object()
    latest.case = case
    if not latest.take_from_case():  # the draft already says what the case says
        return None
    actor = getattr(case, "_history_user", None)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return latest.save_revision(user=user, log_action=FINDING_CHANGED, clean=False)


def review_reason(page) -> str:
    """Why the press office must look at the live response `page` again, in Vietnamese, or
    "" when its verdict is the case's."""
    case = page.case if page.case_id else None
    if case is None or not page.live or case.press_finding == page.finding:
        return ""
    if not case.press_finding:
        return _(
            "Hồ sơ %(code)s đang được xem xét lại. Trang đang đăng vẫn ghi “%(live)s” cho đến "
            "khi có kết luận mới và bản phản hồi mới được duyệt."
        ) % {"code": case.tracking_code, "live": _finding_label(page.finding)}
    return _(
        "Trang đang đăng ghi “%(live)s”, nhưng hồ sơ %(code)s đã được kết luận lại: "
        "“%(new)s”. Bản nháp mới mang kết quả này: hãy sửa nội dung phản hồi cho phù hợp "
        "rồi gửi duyệt. Đến khi bản mới được duyệt và xuất bản, trang giữ nội dung đã duyệt."
    ) % {
        "live": _finding_label(page.finding),
        "code": case.tracking_code,
        "new": _finding_label(case.press_finding),
    }


def responses_to_review(user) -> list:
    """The live responses, of the press cases in `user`'s scope, whose published verdict is
    not their case's new conclusion: (page, reason), oldest response first."""
    from cms.models import PressResponsePage
    from complaints.models import Case

    if not user.has_perm("complaints.view_press_cases"):
        return []
    cases = Case.objects.in_scope_of(user).filter(kind=CaseKind.BAO_CHI).exclude(press_finding="")
    pages = (
        PressResponsePage.objects.live()
        .filter(case__in=cases)
        .exclude(finding=F("case__press_finding"))
        .select_related("case")
        .order_by("pk")
    )
    return [(page, review_reason(page)) for page in pages]
