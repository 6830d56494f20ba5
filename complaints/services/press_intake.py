"""The press office logs a published article as a case (`bao_chi`, channel `press`).

From then on it is a case like the others: routed by the same rules (DOMAIN.md §3a
rule 5: owned by the Văn phòng Sở, verified by the facility named), with the press
deadlines (`complaints.deadlines`: NĐ 237/2026 Art 18, NĐ 244/2026 Art 7) and the same
workflow; its conclusion records whether the article was accurate (`press_finding`)."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, CaseEvent, Category, Facility
from complaints.signals import case_created
from portal.tasks import tasks_batched

__all__ = [
    "PressReport",
    "PressReportInvalid",
    "case_log_press_report",
    "may_log_press",
    "press_report_duplicates",
]


class PressReportInvalid(Exception):
    """Fields missing or wrong (HTTP 400): {field: [messages]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class PressReport:
    case: Case
    event: CaseEvent
    duplicates: tuple[Case, ...] = ()  # the same article logged before, oldest first


def _url_variants(url: str) -> set[str]:
    """The same link written with http or https, with or without its last slash."""
    url = url.strip()
    if not url:
        return set()
    bare = url.rstrip("/")
    for scheme in ("https://", "http://"):
        if bare.lower().startswith(scheme):
            bare = bare[len(scheme):]
            break
    return {f"{scheme}{bare}{slash}" for scheme in ("https://", "http://") for slash in ("", "/")}


def press_report_duplicates(
    *, outlet: str, article_title: str, article_url: str = "", published_on=None
) -> list[Case]:
    """The press cases already logged for this article, oldest first: the same link, or
    the same outlet, title and date published (a print, TV or radio item has no link)."""
    same = Q()
    if variants := _url_variants(article_url or ""):
        same |= Q(press_article_url__in=variants)
    outlet, article_title = (outlet or "").strip(), (article_title or "").strip()
    if outlet and article_title and isinstance(published_on, datetime.date):
        same |= Q(
            press_outlet__iexact=outlet,
            press_article_title__iexact=article_title,
            press_published_on=published_on,
        )
    if not same:
        return []
    return list(
        Case.objects.filter(same, kind=CaseKind.BAO_CHI).order_by("received_at", "pk")[:5]
    )


def may_log_press(actor) -> bool:
    """The press office, or the Sở's province-wide staff: who logs an article, and who
    decides later that it needs the 24-hour statement (`complaints.services.press_statement`)."""
    return bool(
        actor is not None
        and actor.is_active
        and actor.has_perm("complaints.act_on_case")
        and (
            actor.has_perm("complaints.view_press_cases")
            or actor.has_perm("complaints.view_all_cases")
        )
    )


def case_log_press_report(
    *,
    actor,
    outlet: str,
    article_title: str,
    article_url: str = "",
    published_on: datetime.date,
    matter: str,
    content: str = "",
    article_text: str = "",
    facility: str | Facility | None = None,
    category: str | Category | None = None,
    incident_date: datetime.date | None = None,
    received_at: datetime.datetime | None = None,
    statement_needed: bool = False,
    origin: str = "admin",
) -> PressReport:
    """Log an article about the health sector as a `bao_chi` case.

    `matter` is the case's title (what the article raises), `content` its summary
    (defaults to the article's text), `article_text` a copy of the article. The link is
    optional (a print, TV or radio item has none); the outlet, the title and the date
    published are required. The same article logged before (`press_report_duplicates`)
    is not refused: the new case names the oldest in `possible_duplicate_of`, and the
    result lists them (the form asks to confirm first). `statement_needed`: staff mark an
    important event with wide social impact, or divided public opinion, which opens the
    24-hour initial statement (khoản 3–4 Điều 7 Nghị định 244/2026); otherwise none.
    Guarantees: the actor needs `complaints.act_on_case` and the press cases
    (`view_press_cases`, or `view_all_cases`), else PermissionDenied; every bad field is
    reported at once (PressReportInvalid); one transaction stores the case with a
    tracking code, its routing decision (`case_route`), its deadlines
    (`case_deadlines_refresh`, counted from `received_at`, default now) and the
    "received" event, all with history (`origin=<origin> action=case_log_press_report`);
    `case_created` is sent in the transaction (complaints.signals)."""
    from complaints.services.deadlines import case_deadlines_refresh
    from complaints.services.routing import case_route
    from complaints.services.tracking import pin_generate, pin_hash, tracking_code_next

    if not may_log_press(actor):
        raise PermissionDenied(_("Bạn không có quyền ghi nhận thông tin báo chí."))
    now = timezone.now()
    received_at = received_at or now
    errors: dict[str, list[str]] = {}

    def need(name: str, value: str, limit: int) -> str:
        value = (value or "").strip()
        if not value:
            errors.setdefault(name, []).append(_("Trường này là bắt buộc."))
        elif len(value) > limit:
            errors.setdefault(name, []).append(_("Tối đa %(count)s ký tự.") % {"count": limit})
        return value

    outlet = need("outlet", outlet, 255)
    article_title = need("article_title", article_title, 500)
    matter = need("matter", matter, 255)
    article_url = (article_url or "").strip()
    if len(article_url) > 1000:
        errors.setdefault("article_url", []).append(_("Tối đa %(count)s ký tự.") % {"count": 1000})
    elif article_url:
        try:
            URLValidator(schemes=["http", "https"])(article_url)
        except ValidationError:
            errors.setdefault("article_url", []).append(_("Đường dẫn không hợp lệ."))
    if not isinstance(published_on, datetime.date):
        errors.setdefault("published_on", []).append(_("Ngày đăng không hợp lệ."))
    elif published_on > timezone.localtime(received_at).date():
        errors.setdefault("published_on", []).append(_("Ngày đăng không được sau ngày tiếp nhận."))
    if isinstance(facility, str) and facility.strip():
        found = Facility.objects.filter(code=facility.strip()).first()
        if found is None:
            errors.setdefault("facility", []).append(_("Không tìm thấy cơ sở có mã này."))
        facility = found
    elif not isinstance(facility, Facility):
        facility = None
    if isinstance(category, str) and category.strip():
        found = Category.objects.filter(code=category.strip(), is_active=True).first()
        if found is None:
            errors.setdefault("category", []).append(_("Không tìm thấy lĩnh vực có mã này."))
        category = found
    elif not isinstance(category, Category):
        category = None
    if errors:
        raise PressReportInvalid(errors)

    reason = f"origin={origin} action=case_log_press_report"
    duplicates = press_report_duplicates(
        outlet=outlet, article_title=article_title, article_url=article_url,
        published_on=published_on,
    )
    with transaction.atomic():
        code = tracking_code_next(at=received_at)
        # No citizen follows a press report: its PIN is random and never shown.
        secret = pin_generate(tracking_code=code, idempotency_key=secrets.token_hex(16))
        case = Case(
            tracking_code=code,
            pin_hash=pin_hash(tracking_code=code, pin=secret),
            kind=CaseKind.BAO_CHI,
            channel=Channel.PRESS,
            status=CaseStatus.RECEIVED,
            title=matter,
            content=(content or "").strip() or article_text.strip() or matter,
            incident_date=incident_date,
            facility=facility,
            category=category,
            press_outlet=outlet,
            press_article_title=article_title,
            press_article_url=article_url,
            press_published_on=published_on,
            press_article_text=(article_text or "").strip(),
            press_statement_needed=bool(statement_needed),
            possible_duplicate_of=duplicates[0] if duplicates else None,
            received_at=received_at,
            created_by=actor,
        )
        case._history_user = actor
        case._change_reason = reason
        case.save()
        case_route(case=case, actor=actor, origin=origin)
        case_deadlines_refresh(case=case, actor=actor, origin=origin, at=now)
        event = CaseEvent.objects.create(
            case=case,
            action="received",
            to_status=case.status,
            actor=actor,
            at=received_at,
            is_public=False,  # no citizen: the press response is published in the CMS
            data={"origin": origin, "press_outlet": outlet},
        )
        with tasks_batched():  # in the transaction: complaints.signals
            case_created.send(sender=Case, case=case, event=event)
    return PressReport(case=case, event=event, duplicates=tuple(duplicates))
