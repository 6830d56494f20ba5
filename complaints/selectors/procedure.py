"""What the workspace shows of the procedure (issue 9): what is missing before acceptance,
the signature, the dialogue the law requires and its meetings, the withdrawals, a review."""

from __future__ import annotations

from complaints.rules.dialogue import SETTLING, dialogue_rule
from complaints.rules.signature import ONLINE_CHANNELS, SIGNATURE_ARTICLES


def procedure_panel(*, case, reporter_view=None) -> dict:
    """The panel's data. Who withdrew a denunciation is one of its denouncers (Điều 47
    Luật Tố cáo): named only when the page shows the denouncer's identity, that is when
    `reporter_view` (the case page's `reporter_for`, logged) is visible; otherwise "Đã ẩn"."""
    from complaints.services.competence import acceptance_blockers

    rule = dialogue_rule(case)
    dialogues = list(case.dialogues.all())
    return {
        "acceptance_blockers": acceptance_blockers(case),
        "signature": {
            "applies": case.kind in SIGNATURE_ARTICLES and case.channel in ONLINE_CHANNELS,
            "method": case.get_signature_method_display() if case.signature_method else "",
            "recorded_at": case.signature_recorded_at,
            "article": SIGNATURE_ARTICLES.get(case.kind, ""),
        },
        "dialogue_rule": rule,
        "dialogue_settled": any(d.status in SETTLING for d in dialogues),
        "dialogues": dialogues,
        "withdrawals": _withdrawals(case, reporter_view),
        "reviewed_by": case.reviewed_by,
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
