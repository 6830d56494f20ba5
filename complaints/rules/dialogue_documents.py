"""The written dialogue record before a complaint's decision: the notice of the dialogue
(khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP) and, for a meeting held, its minutes (khoản 4,
Mẫu số 14), both as replaced by Nghị định 155/2026/NĐ-CP.

A complaint whose dialogue is mandatory (second time, Điều 39 Luật Khiếu nại; first time
when the request and the verification differ, khoản 1 Điều 30) or was held is decided with
both issued. Paper documents may exist outside the portal, so their absence is a warning the
leader passes by confirming (`without_dialogue_documents` of `conclude`, kept in the event's
data), not a refusal."""

from __future__ import annotations

from django.utils.translation import gettext as _

ARTICLE = "khoản 1, 4 Điều 28 Nghị định 124/2020, sửa đổi bởi Nghị định 155/2026"
CONFIRMATION = "without_dialogue_documents"
DATA_KEY = "dialogue_documents_missing"


def missing(case) -> list[str]:
    """The codes of the dialogue documents the case lacks ("notice", "minutes"); [] when
    no dialogue is due or held, or when each is issued."""
    from complaints.documents.models import DocumentStatus
    from complaints.kinds import CaseKind
    from complaints.rules.dialogue import DialogueStatus, dialogue_rule

    if case.kind != CaseKind.KHIEU_NAI:
        return []
    held = case.dialogues.filter(status=DialogueStatus.HELD).exists()
    if dialogue_rule(case) is None and not held:
        return []
    issued = set(
        case.documents.filter(status=DocumentStatus.ISSUED).values_list("action", flat=True)
    )
    missing = []
    if "schedule_dialogue" not in issued:
        missing.append("notice")
    if held and "dialogue_minutes" not in issued:
        missing.append("minutes")
    return missing


def missing_warning(missing: list[str]) -> str:
    """The warning of the case page and the decision step, "" when nothing is missing."""
    if not missing:
        return ""
    names = {
        "notice": _("thông báo tổ chức đối thoại"),
        "minutes": _("biên bản đối thoại"),
    }
    return _(
        "Chưa có %(documents)s đã ban hành (%(article)s). Nếu văn bản giấy đã có ngoài cổng, "
        "hãy xác nhận khi kết luận."
    ) % {"documents": " / ".join(str(names[code]) for code in missing), "article": ARTICLE}
