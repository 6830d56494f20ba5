"""Writes the CMS makes on behalf of a view: one function per action."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from cms.importers.directives import vietnamese_slug
from cms.models import PressResponseIndexPage, PressResponsePage
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case

# A response answers what the verification concluded (DOMAIN.md §3, §6).
CONCLUDED_STATUSES = (CaseStatus.CONCLUDED, CaseStatus.CLOSED)


class CaseNotReady(Exception):
    """The case has no conclusion to answer the press with yet. `message` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def press_cases_for(user):
    """The concluded press cases `user` may answer, newest first."""
    if not user.has_perm("complaints.view_press_cases"):
        return Case.objects.none()
    return (
        Case.objects.in_scope_of(user)
        .filter(kind=CaseKind.BAO_CHI, status__in=CONCLUDED_STATUSES)
        .order_by("-concluded_at", "-pk")
    )


def press_response_for_case(case: Case) -> PressResponsePage | None:
    """The response page (draft or live) already made for a case."""
    return PressResponsePage.objects.filter(case=case).order_by("pk").first()


def _paragraphs(text: str) -> list[tuple[str, RichText]]:
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in parts]


@transaction.atomic
def press_response_create_from_case(*, tracking_code: str, user) -> tuple[PressResponsePage, bool]:
    """A draft press response pre-filled from a concluded `bao_chi` case.

    Returns (page, created). Checks, in order: `complaints.view_press_cases` and
    the case within `Case.objects.in_scope_of(user)` (else `Case.DoesNotExist`:
    outside the scope a case does not exist), the case concluded (`CaseNotReady`),
    a press-response index the user may add pages to (`PermissionDenied`). A
    case that already has a response returns it (created False). The draft is a
    Wagtail revision by `user`, logged as "wagtail.create"; publishing it goes
    through the press office's review workflow."""
    if not user.has_perm("complaints.view_press_cases"):
        raise Case.DoesNotExist
    case = (
        Case.objects.in_scope_of(user)
        .select_for_update()
        .get(tracking_code=tracking_code, kind=CaseKind.BAO_CHI)
    )
    existing = press_response_for_case(case)
    if existing is not None:
        return existing, False
    if case.status not in CONCLUDED_STATUSES:
        raise CaseNotReady(
            _("Hồ sơ %(code)s chưa có kết luận: chưa thể soạn phản hồi báo chí.")
            % {"code": case.tracking_code}
        )
    index = next(
        (
            page
            for page in PressResponseIndexPage.objects.order_by("path")
            if page.permissions_for_user(user).can_add_subpage()
        ),
        None,
    )
    if index is None:
        raise PermissionDenied(_("Bạn không có quyền tạo trang phản hồi báo chí."))

    article = case.press_article_title or case.title
    title = Truncator(_("Phản hồi thông tin bài báo “%(article)s”") % {"article": article}).chars(
        255
    )
    base_slug = vietnamese_slug(f"phan hoi {case.tracking_code}")
    slug, n = base_slug, 2
    while index.get_children().filter(slug=slug).exists():
        slug, n = f"{base_slug}-{n}", n + 1
    page = PressResponsePage(
        title=title,
        slug=slug,
        outlet=case.press_outlet,
        article_title=article,
        article_url=case.press_article_url,
        article_published_on=case.press_published_on,
        case=case,
        finding=case.press_finding,
        response_date=timezone.localdate(),
        response=_paragraphs(case.public_answer),
        live=False,
        owner=user,
    )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user)
    return page, True
