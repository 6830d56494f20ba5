"""Review instead of reopening: a decision in force is reviewed by the level above, never
reopened by the unit that made it.

- khiếu nại: a decision found unlawful is reviewed by the higher authority (NĐ 124/2020
  Điều 38, xem xét lại quyết định giải quyết khiếu nại có vi phạm pháp luật; the decision
  is in force per Luật KN Điều 44);
- tố cáo: the head of the body directly above the one who resolved it reviews and, where
  the resolution was unlawful, resolves it again or has it resolved (Luật TC Điều 37).
A petition filed or refused by mistake is still reopened by the unit (no decision in force).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

REVIEW_ARTICLES: dict[str, str] = {
    CaseKind.KHIEU_NAI: "Điều 44 Luật Khiếu nại; Điều 38 Nghị định 124/2020/NĐ-CP",
    CaseKind.TO_CAO: "Điều 37 Luật Tố cáo",
}
REVIEWED_KINDS = frozenset(REVIEW_ARTICLES)

OWN_UNIT_REFUSAL = _(
    "Đơn vị đã ra quyết định, kết luận không tự mở lại: việc xem xét lại do cấp trên trực tiếp "
    "(%(above)s) thực hiện (%(article)s)."
)
