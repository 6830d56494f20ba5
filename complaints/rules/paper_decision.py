"""A step's written decision signed on paper, not issued in the portal, that later documents
cite by its number and day.

The verification is given in writing: a complaint's by the resolver's decision giving the task
of verification (điểm b khoản 1 Điều 29 Luật Khiếu nại; the second time Điều 38), a
denunciation's by a written assignment ("Việc giao xác minh nội dung tố cáo phải thực hiện bằng
văn bản", khoản 1 Điều 31 Luật Tố cáo; its content khoản 2). The extension of the verification
period (Mẫu số 04A-KN, khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP) cites that decision: "Căn cứ
Quyết định số 12/QĐ-SYT ngày 05/12/2026". Issued in the portal, the document's symbol and day
say it; signed on paper, the step records its số, ký hiệu (the form of Phụ lục I Nghị định
30/2020/NĐ-CP, as `complaints.rules.decision.symbol_plausible` reads it) and ngày ban hành
(`PAPER_DECISION_FIELDS`, both optional, given together), so the documents cite it instead of
leaving "số … ngày …" for the officer to fill by hand.

A conclusion's decision has its own, required, fields (`complaints.rules.decision`): a
second-time complaint cites the first decision from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from complaints.kinds import CaseKind

__all__ = ["PAPER_DECISION_FIELDS", "PAPER_DECISION_RULES", "PaperDecisionRule",
           "paper_decision_rule"]

# The step fields (`complaints.transitions`), and the names the step's event keeps them under.
PAPER_DECISION_FIELDS = ("paper_decision_symbol", "paper_decision_date")


@dataclass(frozen=True)
class PaperDecisionRule:
    # The decision's name as the law names it (Vietnamese msgid, read with `gettext`).
    name: str
    # The article requiring it in writing: first time, and second time where it differs.
    article: str
    second_article: str = ""

    def name_read(self) -> str:
        return gettext(self.name)

    def article_for(self, case) -> str:
        """The article in the reader's language (a second-time complaint: its own)."""
        second = getattr(case, "second_time", False) and self.second_article
        return gettext(self.second_article if second else self.article)


# (step, kind) → its decision. A row of `complaints.transitions` offering the fields has one
# for each of its kinds (tests/complaints/workflow/test_paper_verification_decision.py).
PAPER_DECISION_RULES: dict[tuple[str, str], PaperDecisionRule] = {
    ("start_verification", CaseKind.KHIEU_NAI): PaperDecisionRule(
        name=gettext_noop("quyết định giao nhiệm vụ xác minh"),
        article=gettext_noop("điểm b khoản 1 Điều 29 Luật Khiếu nại"),
        second_article=gettext_noop("Điều 38 Luật Khiếu nại"),
    ),
    ("start_verification", CaseKind.TO_CAO): PaperDecisionRule(
        name=gettext_noop("văn bản giao xác minh"),
        article=gettext_noop("khoản 1, khoản 2 Điều 31 Luật Tố cáo"),
    ),
}


def paper_decision_rule(*, case, action: str) -> PaperDecisionRule | None:
    """The written decision of the step `action` on `case`, or None for a step without one."""
    return PAPER_DECISION_RULES.get((action, case.kind))
