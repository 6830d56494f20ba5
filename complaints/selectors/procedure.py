"""What the workspace shows of the procedure (issue 9): what is missing before acceptance,
the signature, the dialogue the law requires and its meetings, the withdrawals, the stop
decision a withdrawal calls for, where a suspended case will resume, a review."""

from __future__ import annotations

from complaints.rules.dialogue import SETTLING, dialogue_rule
from complaints.rules.signature import ONLINE_CHANNELS, SIGNATURE_ARTICLES

# What staff wrote of a dialogue meeting, shown on the case page (`DialogueMeeting`).
DIALOGUE_TEXTS = ("place", "participants", "led_by", "minutes", "result")


def procedure_panel(*, case, reporter_view=None, read=None) -> dict:
    """The panel's data. Who withdrew a denunciation is one of its denouncers (Điều 47
    Luật Tố cáo): named only when the page shows the denouncer's identity, that is when
    `reporter_view` (the case page's `reporter_for`, logged) is visible; otherwise "Đã ẩn".
    The meetings' texts (`DIALOGUE_TEXTS`, each meeting's `shown`) as `read`, the page's
    `confidential_text.text_reader`, reads them: for a tố cáo, without any phone, e-mail or
    ID number to whoever may not see the denouncer, as the API's (khoản 3 Điều 8, Điều 47
    Luật Tố cáo)."""
    from complaints.documents.dialogue_notice import stale_dialogue_notice
    from complaints.rules import dialogue_documents, owed_notices
    from complaints.services.competence import acceptance_blockers
    from complaints.transitions import IN_RESOLUTION

    rule = dialogue_rule(case)
    dialogues = list(case.dialogues.all())
    for meeting in dialogues:
        meeting.shown = {
            name: read(getattr(meeting, name)) if read else getattr(meeting, name)
            for name in DIALOGUE_TEXTS
        }
    return {
        # A refusal may quote where the case is to be forwarded (`forwarded_to`).
        "acceptance_blockers": [read(m) if read else m for m in acceptance_blockers(case)],
        "signature": {
            "applies": case.kind in SIGNATURE_ARTICLES and case.channel in ONLINE_CHANNELS,
            "method": case.get_signature_method_display() if case.signature_method else "",
            "recorded_at": case.signature_recorded_at,
            "article": SIGNATURE_ARTICLES.get(case.kind, ""),
        },
        "dialogue_rule": rule,
        "dialogue_settled": any(d.status in SETTLING for d in dialogues),
        "dialogues": dialogues,
        # The dialogue notice issued before a move, naming the old time (khoản 1 Điều 28
        # Nghị định 124/2020/NĐ-CP): a new one is owed.
        "dialogue_notice_stale": stale_dialogue_notice(case) if dialogues else None,
        # Before the decision: the dialogue's notice or minutes not issued (a warning).
        "dialogue_documents_missing": (
            dialogue_documents.missing_warning(dialogue_documents.missing(case))
            if case.status in IN_RESOLUTION else ""
        ),
        # ... and the notices owed to the parties neither issued nor recorded as sent.
        "notices_missing": (
            owed_notices.missing_warning(owed_notices.missing(case))
            if case.status in IN_RESOLUTION else ""
        ),
        "withdrawals": _withdrawals(case, reporter_view),
        "stop_decision_owed": stop_decision_owed(case),
        "resumes_in": _resumes_in(case),
        "reviewed_by": case.reviewed_by,
    }


def stop_decision_owed(case) -> dict | None:
    """A complaint or denunciation withdrawn in whole (`withdraw`) whose stop decision no
    withdrawal names yet (`stop_decision_ref` empty): the decision owed (`STOP_DECISIONS`),
    with the date of its `stop_notice` step (the one rule of the notices table: the decision
    is sent within it) and whether that step is settled; else None. Recording the notice
    with the decision's number names it on the withdrawal (services/notices.py)."""
    from complaints.kinds import CaseStatus
    from complaints.models import CaseDeadline
    from complaints.rules.withdrawal import STOP_DECISIONS

    decision = STOP_DECISIONS.get(case.kind)
    if decision is None or case.status != CaseStatus.WITHDRAWN:
        return None
    withdrawal = case.withdrawals.filter(continues=False).order_by("-recorded_at", "-id").first()
    if withdrawal is None or withdrawal.stop_decision_ref:
        return None
    step = (
        CaseDeadline.objects.filter(case=case, step="stop_notice", superseded_at__isnull=True)
        .order_by("-id")
        .first()
    )
    return {
        "title": decision.title,
        "article": decision.article,
        "due": step.due if step else None,
        "sent": bool(step and step.settled_at),
    }


def _resumes_in(case) -> dict | None:
    """A suspended case: the step it goes back to when resumed, the one it was suspended
    from (khoản 2 Điều 34 Luật Tố cáo; khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP), so staff
    see that an accepted case still has its verification to assign; else None."""
    from complaints.kinds import CaseStatus
    from complaints.rules.verification import RESUME_ARTICLES
    from complaints.transitions import resumed_status

    if case.status != CaseStatus.SUSPENDED or case.kind not in RESUME_ARTICLES:
        return None
    status = resumed_status(case)
    return {
        "status": CaseStatus(status).label,
        "verification_pending": status == CaseStatus.ACCEPTED,
        "article": RESUME_ARTICLES[case.kind],
    }


def _withdrawals(case, reporter_view) -> list:
    from complaints.kinds import CaseKind
    from complaints.selectors.identity import REDACTED

    hidden = case.kind == CaseKind.TO_CAO and not (reporter_view and reporter_view.visible)
    withdrawals = list(case.withdrawals.all())
    for withdrawal in withdrawals:
        withdrawal.shown_by = (
            str(REDACTED) if hidden and withdrawal.withdrawn_by else withdrawal.withdrawn_by
        )
    return withdrawals
