"""The written decision that concludes a complaint or a denunciation.

A complaint is resolved by a decision in writing: "Người giải quyết khiếu nại lần đầu phải ra
quyết định giải quyết khiếu nại" (khoản 1 Điều 31 Luật Khiếu nại), the second time likewise
(khoản 1 Điều 40 Luật Khiếu nại). A denunciation is resolved by a conclusion in writing:
"người giải quyết tố cáo ban hành kết luận nội dung tố cáo" (khoản 1 Điều 35 Luật Tố cáo).
So the step `conclude` of these kinds names its decision: the document of the step issued
with it in the portal (`DECISION_RULES[kind].document_type`, the template of
`complaints.rules.documents`), or one signed on paper, recorded by its number and symbol
(số, ký hiệu: NĐ 30/2020/NĐ-CP Phụ lục I mục II.3) and the day it was issued.

The decision states its finding on the content: a complaint "đúng, đúng một phần hoặc sai toàn
bộ" (điểm g khoản 2 Điều 31 Luật Khiếu nại, Điều 22 Thông tư 07/2013/TT-TTCP; the second time
điểm h khoản 2 Điều 40 Luật Khiếu nại), a denunciation "đúng, đúng một phần hoặc tố cáo sai sự
thật" (điểm c khoản 2 Điều 35 Luật Tố cáo): the step's field `finding`
(`complaints.kinds.ConclusionFinding`), each kind naming it in its own words
(`DecisionRule.finding_labels`), stored on the case and counted in the periodic report.

A phản ánh, kiến nghị is answered (Điều 28 Luật Tiếp công dân) and a press report informs
the outlet (Điều 18 Nghị định 237/2026/NĐ-CP): no decision of this kind, no row here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from complaints.kinds import CaseKind, ConclusionFinding

__all__ = [
    "DECISION_FIELDS",
    "DECISION_RULES",
    "SYMBOL_MAX_LENGTH",
    "DecisionRule",
    "decision_rule",
    "conclusion_after_finding",
    "finding_label",
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
    # The finding the decision states (`ConclusionFinding` code → the law's words, msgid)
    # and the article requiring it: first time, second time.
    finding_labels: dict[str, str]
    finding_article: str
    second_finding_article: str

    def name_read(self) -> str:
        return gettext(self.name)

    def article_for(self, case) -> str:
        """The article in the reader's language (a second-time complaint: its own)."""
        article = self.second_article if getattr(case, "second_time", False) else self.article
        return gettext(article)

    def finding_article_for(self, case) -> str:
        """The article requiring the finding, in the reader's language."""
        second = getattr(case, "second_time", False)
        return gettext(self.second_finding_article if second else self.finding_article)

    def finding_choices(self) -> list[tuple[str, str]]:
        """(code, label) of the findings, in the reader's language."""
        return [(code, gettext(label)) for code, label in self.finding_labels.items()]


DECISION_RULES: dict[str, DecisionRule] = {
    CaseKind.KHIEU_NAI: DecisionRule(
        kind=CaseKind.KHIEU_NAI,
        name=gettext_noop("quyết định giải quyết khiếu nại"),
        article=gettext_noop("khoản 1 Điều 31 Luật Khiếu nại"),
        second_article=gettext_noop("khoản 1 Điều 40 Luật Khiếu nại"),
        document_type="quyet_dinh",
        finding_labels={
            ConclusionFinding.CORRECT: gettext_noop("Khiếu nại đúng"),
            ConclusionFinding.PARTLY_CORRECT: gettext_noop("Khiếu nại đúng một phần"),
            ConclusionFinding.WRONG: gettext_noop("Khiếu nại sai toàn bộ"),
        },
        finding_article=gettext_noop(
            "điểm g khoản 2 Điều 31 Luật Khiếu nại; Điều 22 Thông tư 07/2013/TT-TTCP"
        ),
        second_finding_article=gettext_noop("điểm h khoản 2 Điều 40 Luật Khiếu nại"),
    ),
    CaseKind.TO_CAO: DecisionRule(
        kind=CaseKind.TO_CAO,
        name=gettext_noop("kết luận nội dung tố cáo"),
        article=gettext_noop("khoản 1 Điều 35 Luật Tố cáo"),
        second_article=gettext_noop("khoản 1 Điều 35 Luật Tố cáo"),
        document_type="ket_luan",
        finding_labels={
            ConclusionFinding.CORRECT: gettext_noop("Tố cáo đúng"),
            ConclusionFinding.PARTLY_CORRECT: gettext_noop("Tố cáo đúng một phần"),
            ConclusionFinding.WRONG: gettext_noop("Tố cáo sai sự thật"),
        },
        finding_article=gettext_noop("điểm c khoản 2 Điều 35 Luật Tố cáo"),
        second_finding_article=gettext_noop("điểm c khoản 2 Điều 35 Luật Tố cáo"),
    ),
}


def decision_rule(case) -> DecisionRule | None:
    """The written decision that concludes `case`, or None for a kind without one."""
    return DECISION_RULES.get(case.kind)


def finding_label(kind: str, code: str) -> str:
    """The finding `code` in the words of `kind`'s law ("Tố cáo sai sự thật"), "" if none."""
    rule = DECISION_RULES.get(kind)
    if rule is None or code not in rule.finding_labels:
        return ""
    return gettext(rule.finding_labels[code])


# The first sentence of a conclusion (up to its full stop, semicolon, colon or line end).
_FIRST_SENTENCE = re.compile(r"\s*([^.;:\n]*)[.;:]?\s*")


def _words(text: str) -> list[str]:
    return text.casefold().split()


def conclusion_after_finding(kind: str, code: str, text: str) -> str:
    """The officer's conclusion as a decision prints it after its finding ("Khiếu nại đúng
    một phần. …": điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c
    khoản 2 Điều 35 Luật Tố cáo): without a first sentence that only states the same
    finding again ("Khiếu nại đúng một phần.", or its short form "Khiếu nại sai." of "Khiếu
    nại sai toàn bộ"), so the decision says it once. A first sentence stating another finding
    ("Khiếu nại đúng." under "đúng một phần") stays: the officer sees the contradiction in
    the draft. Unchanged for a kind without findings or no finding."""
    rule = DECISION_RULES.get(kind)
    text = text or ""
    if rule is None or code not in rule.finding_labels:
        return text
    match = _FIRST_SENTENCE.match(text)
    said = _words(match.group(1)) if match else []
    if not said:
        return text
    labels = {c: _words(gettext(label)) for c, label in rule.finding_labels.items()}
    exact = [c for c, words in labels.items() if words == said]
    stated = exact or [c for c, words in labels.items() if words[: len(said)] == said]
    if len(stated) != 1 or stated[0] != code:
        return text
    return text[match.end():]


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
