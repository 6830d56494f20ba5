"""What the workspace shows of the procedure (issue 9): what is missing before acceptance,
the signature, the dialogue the law requires and its meetings, the withdrawals, a review."""

from __future__ import annotations

from complaints.rules.dialogue import SETTLING, dialogue_rule
from complaints.rules.signature import ONLINE_CHANNELS, SIGNATURE_ARTICLES


def procedure_panel(*, case) -> dict:
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
        "withdrawals": list(case.withdrawals.all()),
        "reviewed_by": case.reviewed_by,
    }
