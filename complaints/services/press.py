"""The press office's answer to an article, recorded on its `bao_chi` case.

When the response to an article is published (by the CMS, which calls this
service; the domain does not know the CMS), the case's public timeline shows it
with its link. The spokesperson's written reply and request for correction
follow NĐ 244/2026 Art 7(6); the outlet's duty to publish the correction,
Luật Báo chí 2016 Art 42(5) and NĐ 237/2026 Art 19 (DOMAIN.md §6)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind
from complaints.models import Case, CaseEvent
from complaints.signals import case_event_recorded

PRESS_RESPONSE_PUBLISHED = "press_response_published"
PRESS_RESPONSE_UNPUBLISHED = "press_response_unpublished"


class NotAPressCase(ValueError):
    """Only a `bao_chi` case has a press response."""


def _press_case_locked(case_id: int) -> Case:
    """The `bao_chi` case, its row locked for the transaction; `NotAPressCase` otherwise."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if case.kind != CaseKind.BAO_CHI:
        raise NotAPressCase(case.tracking_code)
    return case


def _announced(case: Case, url: str):
    """The public events that announce the press response at `url`."""
    return CaseEvent.objects.filter(
        case=case, action=PRESS_RESPONSE_PUBLISHED, data__url=url, is_public=True
    )


def _event(case: Case, *, action: str, actor, at, url: str, title: str, **shown) -> CaseEvent:
    """The one write of a press response's event: the case's history row (`actor`, reason
    `origin=cms action=case_<action>`), the event, `case_event_recorded` after commit.
    `shown`: `is_public` with `public_message`, or `note`."""
    case._history_user = actor
    case._change_reason = f"origin=cms action=case_{action}"
    case.save(update_fields=["updated_at"])
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=at,
        data={"origin": "cms", "url": url, "title": title},
        **shown,
    )
    transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
    return event


def case_press_response_published(*, case_id: int, url: str, title: str, actor) -> CaseEvent:
    """Record on the case that its press response is published at `url`.

    Guarantees: one `transaction.atomic` with the case row locked; idempotent per
    URL (the same URL again returns the event already recorded, writes nothing
    and sends nothing); a public `CaseEvent` ("press_response_published", with
    `url` and `title` in its data); a history row on the case with `actor` and
    the reason `origin=cms action=case_press_response_published`;
    `case_event_recorded` sent after commit. Raises `Case.DoesNotExist` for an
    unknown case and `NotAPressCase` for a case of another kind. The caller
    (the CMS) has already checked who may publish."""
    if not url:
        raise ValueError("url is required")
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = _press_case_locked(case_id)
        existing = _announced(case, url).order_by("at", "pk").first()
        if existing is not None:
            return existing
        return _event(
            case, action=PRESS_RESPONSE_PUBLISHED, actor=actor, at=timezone.now(), url=url,
            title=title, is_public=True,
            public_message=_("Sở Y tế đã đăng phản hồi: %(title)s") % {"title": title},
        )  # fmt: skip


def case_press_response_unpublished(
    *, case_id: int, url: str, title: str, actor
) -> CaseEvent | None:
    """Record on the case that its press response at `url` was taken off the portal.

    Guarantees: one `transaction.atomic` with the case row locked; the public events that
    announced the response at `url` leave the citizen's timeline (`is_public` off, with
    `withdrawn_at` in their data: the link no longer leads anywhere); an internal
    `CaseEvent` ("press_response_unpublished", with `url` and `title`) on the staff
    timeline; a history row on the case with `actor` and the reason
    `origin=cms action=case_press_response_unpublished`; `case_event_recorded` sent after
    commit. Idempotent: when no announcement of `url` is shown, nothing is written and None
    is returned. Raises `Case.DoesNotExist` for an unknown case and `NotAPressCase` for a
    case of another kind."""
    if not url:
        raise ValueError("url is required")
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = _press_case_locked(case_id)
        shown = list(_announced(case, url))
        if not shown:
            return None
        now = timezone.now()
        for published in shown:
            published.is_public = False
            published.data = {**(published.data or {}), "withdrawn_at": now.isoformat()}
            published.save(update_fields=["is_public", "data"])
        return _event(
            case, action=PRESS_RESPONSE_UNPUBLISHED, actor=actor, at=now, url=url, title=title,
            is_public=False,
            note=_("Đã gỡ phản hồi khỏi cổng thông tin: %(title)s") % {"title": title},
        )  # fmt: skip
