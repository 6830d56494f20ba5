"""The written decision that concludes a complaint or a denunciation.

A complaint is resolved by a decision in writing: "Người giải quyết khiếu nại lần đầu phải ra
quyết định giải quyết khiếu nại" (khoản 1 Điều 31 Luật Khiếu nại), the second time likewise
(khoản 1 Điều 40 Luật Khiếu nại). A denunciation is resolved by a conclusion in writing:
"người giải quyết tố cáo ban hành kết luận nội dung tố cáo" (khoản 1 Điều 35 Luật Tố cáo).
So the step `conclude` of these kinds names its decision: the document of the step issued
with it in the portal (`DECISION_RULES[kind].document_type`, the template of
`complaints.rules.documents`), or one signed on paper, recorded by its number and symbol
(số, ký hiệu: NĐ 30/2020/NĐ-CP Phụ lục I mục II.3) and the day it was issued.

A phản ánh, kiến nghị is answered (Điều 28 Luật Tiếp công dân) and a press report informs
the outlet (Điều 18 Nghị định 237/2026/NĐ-CP): no decision of this kind, no row here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from complaints.kinds import CaseKind

__all__ = [
    "DECISION_FIELDS",
    "DECISION_RULES",
    "SYMBOL_MAX_LENGTH",
    "DecisionRule",
    "decision_rule",
    "symbol_plausible",
]

# The step fields of a decision signed on paper (`complaints.transitions`, row `conclude`).
DECISION_FIELDS = ("decision_symbol", "decision_date")
# As `Document.symbol` keeps the symbol of a document issued in the portal.
SYMBOL_MAX_LENGTH = 64


@dataclass(frozen=True)
class DecisionRule:
    kind: str
    # The decision's name, as the law names it (Vietnamese msgid, read with `gettext`).
    name: str
    # The article requiring it: first time, and second time where it differs.
    article: str
    second_article: str
    # `DocumentTemplate.document_type` of the decision issued in the portal.
    document_type: str

    def name_read(self) -> str:
        return gettext(self.name)

    def article_for(self, case) -> str:
        """The article in the reader's language (a second-time complaint: its own)."""
        article = self.second_article if getattr(case, "second_time", False) else self.article
        return gettext(article)


DECISION_RULES: dict[str, DecisionRule] = {
    CaseKind.KHIEU_NAI: DecisionRule(
        kind=CaseKind.KHIEU_NAI,
        name=gettext_noop("quyết định giải quyết khiếu nại"),
        article=gettext_noop("khoản 1 Điều 31 Luật Khiếu nại"),
        second_article=gettext_noop("khoản 1 Điều 40 Luật Khiếu nại"),
        document_type="quyet_dinh",
    ),
    CaseKind.TO_CAO: DecisionRule(
        kind=CaseKind.TO_CAO,
        name=gettext_noop("kết luận nội dung tố cáo"),
        article=gettext_noop("khoản 1 Điều 35 Luật Tố cáo"),
        second_article=gettext_noop("khoản 1 Điều 35 Luật Tố cáo"),
        document_type="ket_luan",
    ),
}


def decision_rule(case) -> DecisionRule | None:
    """The written decision that concludes `case`, or None for a kind without one."""
    return DECISION_RULES.get(case.kind)


# Số, ký hiệu (NĐ 30/2020/NĐ-CP Phụ lục I mục II.3): the number, an optional year (a legal
# normative document's), then the abbreviations of the type and of the issuer joined by
# hyphens: "12/QĐ-SYT", "05/KL-TTr", "123/2026/QĐ-UBND", "07/QĐ-BVĐK".
_SYMBOL = re.compile(r"^(?P<number>\d{1,6})(?:/\d{4})?/[^\W\d_][\w.&]*(?:-[\w.&]+)*$")


def symbol_plausible(symbol: str) -> int | None:
    """The number of a plausible số, ký hiệu, or None when it does not read as one."""
    match = _SYMBOL.match(symbol)
    if match is None or int(match["number"]) == 0:
        return None
    return int(match["number"])
