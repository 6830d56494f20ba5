"""The complainant's invitation to a dialogue ("Giấy mời đối thoại"; Điều 30, Điều 39 Luật
Khiếu nại; the parties are told the time, the place and the content at least 05 days ahead,
khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP as replaced by Điều 11 Nghị định 155/2026/NĐ-CP).

The notice of a `schedule_dialogue` event is this invitation instead of the plain notice of
a step (`citizen.CITIZEN_TEMPLATES`): sent like every notice of the case's steps, by the
channels and for the purpose the citizen chose (`notifier.channels_for`), in their language,
after the commit. It says who invites (the unit handling the case as the event left it),
the time and day in Vietnam time whatever zone the worker runs in, the place, what the law
lets the complainant do (`rules.dialogue`: a representative, a lawyer, documents and
evidence, the absence without good reason) with the articles, and, for a new time or place,
the invitation it replaces. Only what the event recorded: never the participants typed by
staff, never an internal note. The formal notice (`kn_thong_bao_doi_thoai`), once issued,
is sent on its own with its PDF (complaints.documents.tasks)."""

from __future__ import annotations

import datetime

from django.utils import timezone

TEMPLATE = "citizen_dialogue_invitation"


def meeting_moment(value) -> tuple[str, str] | None:
    """("HH:MM", "dd/mm/yyyy") of a meeting's time (a datetime or its ISO text), in
    Vietnam time (`TIME_ZONE`), not the zone a worker happens to have active."""
    try:
        moment = (
            value if isinstance(value, datetime.datetime)
            else datetime.datetime.fromisoformat(str(value))
        )
    except (TypeError, ValueError):
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return moment.strftime("%H:%M"), moment.strftime("%d/%m/%Y")


def inviting_unit(case) -> str:
    """Who invites: the unit handling the case (the Sở when none is recorded)."""
    from portal.province import department_name

    unit = case.assigned_unit if case.assigned_unit_id else None
    return unit.name if unit is not None else department_name()


def invitation_context(case, event) -> dict:
    """What the invitation adds to the notice of `event` (`citizen.event_context`), in the
    active language; `case` is the case as the event left it."""
    from complaints.citations import citation_read
    from complaints.rules.dialogue import (
        ABSENCE_ARTICLE,
        EVIDENCE_ARTICLE,
        LAWYER_ARTICLE,
        REPRESENTATIVE_ARTICLE,
    )

    data = event.data or {}
    time, date = meeting_moment(data.get("scheduled_at")) or ("", "")
    replaced = data.get("replaces") or {}
    before_time, before_date = meeting_moment(replaced.get("scheduled_at")) or ("", "")
    notified = data.get("notified_on") or ""
    try:
        notified = datetime.date.fromisoformat(notified).strftime("%d/%m/%Y")
    except ValueError:
        notified = ""
    return {
        "inviter": inviting_unit(case),
        "time": time,
        "date": date,
        "place": data.get("place") or "",
        "notified": notified,
        "replaces_time": before_time,
        "replaces_date": before_date,
        "replaces_place": replaced.get("place") or "",
        "representative_article": citation_read(REPRESENTATIVE_ARTICLE),
        "lawyer_article": citation_read(LAWYER_ARTICLE),
        "evidence_article": citation_read(EVIDENCE_ARTICLE),
        "absence_article": citation_read(ABSENCE_ARTICLE),
    }
