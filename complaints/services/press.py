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
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.kind != CaseKind.BAO_CHI:
            raise NotAPressCase(case.tracking_code)
        existing = (
            CaseEvent.objects.filter(
                case=case, action=PRESS_RESPONSE_PUBLISHED, data__url=url, is_public=True
            )
            .order_by("at", "pk")
            .first()
        )
        if existing is not None:
            return existing

        case._history_user = actor
        case._change_reason = f"origin=cms action=case_{PRESS_RESPONSE_PUBLISHED}"
        case.save(update_fields=["updated_at"])
        event = CaseEvent.objects.create(
            case=case,
            action=PRESS_RESPONSE_PUBLISHED,
            from_status=case.status,
            to_status=case.status,
            actor=actor if actor is not None and actor.is_authenticated else None,
            at=timezone.now(),
            is_public=True,
            public_message=_("Sở Y tế đã đăng phản hồi: %(title)s") % {"title": title},
            data={"origin": "cms", "url": url, "title": title},
        )
        transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
    return event


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
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.kind != CaseKind.BAO_CHI:
            raise NotAPressCase(case.tracking_code)
        shown = list(
            CaseEvent.objects.filter(
                case=case, action=PRESS_RESPONSE_PUBLISHED, data__url=url, is_public=True
            )
        )
        if not shown:
            return None
        now = timezone.now()
        for published in shown:
            published.is_public = False
            published.data = {**(published.data or {}), "withdrawn_at": now.isoformat()}
            published.save(update_fields=["is_public", "data"])
        case._history_user = actor
        case._change_reason = f"origin=cms action=case_{PRESS_RESPONSE_UNPUBLISHED}"
        case.save(update_fields=["updated_at"])
        event = CaseEvent.objects.create(
            case=case,
            action=PRESS_RESPONSE_UNPUBLISHED,
            from_status=case.status,
            to_status=case.status,
            actor=actor if actor is not None and actor.is_authenticated else None,
            at=now,
            is_public=False,
            note=_("Đã gỡ phản hồi khỏi cổng thông tin: %(title)s") % {"title": title},
            data={"origin": "cms", "url": url, "title": title},
        )
        transaction.on_commit(lambda: case_event_recorded.send(sender=Case, case=case, event=event))
    return event
