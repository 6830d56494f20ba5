"""The report on the verification's result (báo cáo kết quả xác minh): the step
`report_verification`, taken while the case is being verified, and its document.

- A complaint: "Kết thúc việc xác minh nội dung khiếu nại, người được giao nhiệm vụ xác minh
  phải có báo cáo bằng văn bản về kết quả xác minh và kiến nghị nội dung giải quyết khiếu
  nại" (khoản 4 Điều 29 Luật Khiếu nại); the report states, for each content verified, its
  result, whether the complaint is right, partly right or wrong, and recommends keeping,
  cancelling or amending the decision or act complained of; team members who disagree keep
  their opinion, written in the report (khoản 1, khoản 2 Điều 18 Thông tư 07/2013/TT-TTCP,
  as amended by Điều 1 Thông tư 02/2016/TT-TTCP; Mẫu số 11-KN).
- A denunciation: "Kết thúc việc xác minh nội dung tố cáo, người được giao xác minh phải có
  văn bản báo cáo người giải quyết tố cáo về kết quả xác minh nội dung tố cáo và kiến nghị
  biện pháp xử lý" (khoản 6 Điều 31 Luật Tố cáo); the team's report has a summary of the
  denunciation, the result for each content, the denounced person's explanation (if any), a
  proposed assessment (right, partly right or untrue) and the responsibility of each person,
  and the handling recommended; the members discuss it (khoản 1, khoản 2 Điều 16 Nghị định
  31/2019/NĐ-CP; Mẫu số 10).

The proposed assessment takes the words of the finding the decision will state
(complaints/rules/decision.py: "Khiếu nại đúng một phần", "Tố cáo sai sự thật"); the resolver
is not bound by it, and the conclusion's form shows it beside the finding. The report is the
verifier's: any officer acting on the case records it (a leader issues its document into the
file); the verification stays internal, so the citizen never sees it. A report recorded again
(a verification resumed or corrected) takes the earlier one's place in the documents and on
the conclusion's form; the history keeps both.
"""

from __future__ import annotations

from complaints.kinds import CaseKind
from complaints.rules.press_verification import PRESS_REPORT_ARTICLES

__all__ = [
    "DISSENT_ARTICLE",
    "REPORT_ARTICLES",
    "REPORT_KINDS",
    "STEP",
    "report_article",
    "report_signer_title",
]

STEP = "report_verification"

# The kinds whose verification ends in a report, and the articles asking for it: a press
# case's is the facility's report to the press office, its own step
# (complaints/rules/press_verification.py), read here so that a late verification without
# one says the report is owed, as a complaint's or a denunciation's.
REPORT_ARTICLES = {
    CaseKind.KHIEU_NAI: "khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông tư 07/2013/TT-TTCP",
    CaseKind.TO_CAO: "khoản 6 Điều 31 Luật Tố cáo; Điều 16 Nghị định 31/2019/NĐ-CP",
    CaseKind.BAO_CHI: PRESS_REPORT_ARTICLES,
}
REPORT_KINDS = frozenset(REPORT_ARTICLES)

# Where a team member's different opinion goes into the report: a complaint's member keeps it
# and it is written in the report (khoản 1 Điều 18 Thông tư 07/2013/TT-TTCP); a
# denunciation's members discuss the report and give their opinions (khoản 1 Điều 16 Nghị
# định 31/2019/NĐ-CP).
DISSENT_ARTICLE = {
    CaseKind.KHIEU_NAI: "khoản 1 Điều 18 Thông tư 07/2013/TT-TTCP",
    CaseKind.TO_CAO: "khoản 1 Điều 16 Nghị định 31/2019/NĐ-CP",
}


def report_article(kind: str) -> str:
    """The articles requiring the report of a case of `kind`; "" for another kind."""
    return REPORT_ARTICLES.get(kind, "")


def report_signer_title(*, team: bool) -> str:
    """Who signs the report: the team's leader ("Người có trách nhiệm xác minh hoặc Tổ trưởng
    Tổ xác minh phải báo cáo kết quả xác minh … bằng văn bản": khoản 1 Điều 18 Thông tư
    07/2013/TT-TTCP; khoản 1 Điều 16 Nghị định 31/2019/NĐ-CP), else the officer who verified,
    never the unit's head, to whom it is addressed."""
    return "TỔ TRƯỞNG TỔ XÁC MINH" if team else "NGƯỜI XÁC MINH"
