"""The notices owed to the parties before a denunciation's conclusion or a complaint's
decision: each decision taken on the way (acceptance, extension, suspension, stop,
resumption) is told to the parties the law names — the denouncer and the person denounced
(khoản 3 Điều 29, khoản 4 Điều 30, khoản 4 Điều 34 Luật Tố cáo), the complainant (Điều 27,
khoản 1 Điều 36 Luật Khiếu nại; khoản 1–2 Điều 28b Nghị định 124/2020, sửa đổi bởi Nghị định
155/2026): the rows of the notices table (complaints/rules/notices.py) that a decision opens.

Every decision owes its own notice, read from the case's events: a denunciation extended
twice owes two extension notices, one suspended and resumed twice two of each. A party has
the notice of a decision when, after that decision and before the next one of the same
action, the portal issued a document of that action addressed to it, or a sending to it was
recorded (`record_notice`, which records against the step the latest decision opened). The
events, not the steps, say what is owed, so a decision recorded before its step existed (a
complaint accepted before its acceptance notice was a step) is still owed its notice, given
by an issued document. Paper notices may exist outside the portal, so what is missing is a
warning the leader passes by confirming (`notices_given_outside` of `conclude`, kept in the
event's data with the list of missing notices and their articles), as for the dialogue's
documents (complaints/rules/dialogue_documents.py), not a refusal."""

from __future__ import annotations

import datetime
from bisect import bisect_right

from django.utils.formats import date_format
from django.utils.translation import gettext as _

CONFIRMATION = "notices_given_outside"
DATA_KEY = "notices_missing"

# Which parties a document reaches, by its audience (complaints/rules/documents.py): the
# citizen who filed is the complainant, the denouncer or the reporter of a phản ánh, kiến
# nghị as the notice rows name them (complaints/rules/notices.py).
AUDIENCE_PARTIES = {
    "reporter": {"complainant", "denouncer", "reporter"},
    "accused": {"accused", "respondent"},
    "parties": {"complainant", "respondent", "denouncer", "accused"},
}


def _article(legal_basis: str) -> str:
    """The article of a notice row, as a Vietnamese reader cites it, without the row's
    comments ("Luật TC Art 30(4); NĐ 31/2019 …" → "khoản 4 Điều 30 Luật Tố cáo"); a clause
    in parentheses stays ("Luật TC Art 34(1), (4): …" → "khoản 1 và khoản 4 Điều 34 …")."""
    from complaints.citations import citation_plain

    return citation_plain(legal_basis)


def _in_force(notice, day) -> bool:
    """The notice's rule was in force on the decision's day (none before it existed: e.g. a
    complaint's suspension notice before 1 July 2026), as `notices_open` opens it."""
    from complaints.deadlines import NoApplicableRule, rule_version_on

    try:
        return rule_version_on(day).code in notice.versions
    except NoApplicableRule:
        return False


def _decisions(case) -> list[tuple]:
    """(notice, decision day, moment) for every decision of the case that owes a notice
    before the conclusion, in the order they were recorded."""
    from complaints.kinds import Channel
    from complaints.rules.notices import NOTICES, notices_for
    from complaints.services.notices import decision_day

    triggers = {n.trigger for n in NOTICES if n.kind == case.kind and n.trigger != "conclude"}
    decisions = []
    for event in (
        case.events.filter(action__in=triggers)
        .only("action", "to_status", "data", "at")
        .order_by("at", "id")
    ):
        day = decision_day(event)
        for notice in notices_for(
            kind=case.kind, trigger=event.action, second=case.second_time,
            to_status=event.to_status, from_press=case.channel == Channel.PRESS,
        ):  # fmt: skip
            if _in_force(notice, day):
                decisions.append((notice, day, event.at))
    return decisions


def _reached(moments: list, given: list[tuple]) -> list[set[str]]:
    """The parties each decision's notice reached: ``given`` holds (moment, parties) of the
    sendings or documents of its action; each counts for the latest decision recorded at or
    before it (one before the first counts for the first)."""
    reached = [set() for _moment in moments]
    for moment, parties in given:
        index = bisect_right(moments, moment) - 1 if moment is not None else 0
        reached[max(index, 0)].update(parties)
    return reached


def missing(case) -> list[dict]:
    """The notices owed for the decisions taken before the conclusion that some party the
    law names has neither as an issued document nor as a recorded sending: one
    {"notice", "parties", "article", "decided_on"} per decision, in the order they were
    taken; [] when none."""
    from complaints.documents.models import DocumentStatus
    from complaints.kinds import CaseKind

    if case.kind not in (CaseKind.KHIEU_NAI, CaseKind.TO_CAO):
        return []
    by_step: dict[str, list[tuple]] = {}
    for notice, day, at in _decisions(case):
        by_step.setdefault(notice.step, []).append((notice, day, at))
    if not by_step:
        return []
    documents: dict[str, list[tuple]] = {}
    for action, audience, issued_at in case.documents.filter(
        status=DocumentStatus.ISSUED
    ).values_list("action", "audience", "issued_at"):
        documents.setdefault(action, []).append((issued_at, AUDIENCE_PARTIES.get(audience, set())))
    sendings: dict[str, list[tuple]] = {}
    for step, recipients, recorded_at in case.notices_sent.filter(
        step__in=list(by_step)
    ).values_list("step", "recipients", "recorded_at"):
        sendings.setdefault(step, []).append((recorded_at, set(recipients)))
    missing = []
    for step, decisions in by_step.items():
        moments = [at for _notice, _day, at in decisions]
        trigger = decisions[0][0].trigger
        given = [*sendings.get(step, []), *documents.get(trigger, [])]
        for (notice, day, _at), reached in zip(decisions, _reached(moments, given), strict=True):
            parties = [p for p in notice.must_reach if p not in reached]
            if parties:
                missing.append(
                    {
                        "notice": step,
                        "parties": parties,
                        "article": _article(notice.legal_basis),
                        "decided_on": day.isoformat(),
                    }
                )
    return sorted(missing, key=lambda item: item["decided_on"])


def missing_warning(missing: list[dict]) -> str:
    """The warning of the case page and the conclusion step, "" when nothing is missing.
    Each notice names the day of its decision, from which its time runs (as the deadline
    table's "từ <ngày>"): a step taken twice tells which decision's notice is missing."""
    from complaints.step_labels import party_label, step_label

    if not missing:
        return ""
    lines = "; ".join(
        _("%(notice)s, từ ngày %(date)s, cho %(parties)s (%(article)s)")
        % {
            "notice": step_label(item["notice"]),
            "date": date_format(datetime.date.fromisoformat(item["decided_on"]), "d/m/Y"),
            "parties": ", ".join(party_label(p) for p in item["parties"]),
            "article": item["article"],
        }
        for item in missing
    )
    return _(
        "Chưa có trên cổng văn bản đã ban hành hoặc ghi nhận đã gửi: %(notices)s. Nếu các "
        "thông báo đã được gửi ngoài cổng, hãy xác nhận khi kết luận."
    ) % {"notices": lines}
