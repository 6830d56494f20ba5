"""Withdrawal (rút đơn) as each law has it.

- khiếu nại: withdrawn by a signed request or a statement recorded in minutes (Luật KN
  Điều 10); the resolver stops it by decision (NĐ 124/2020 Điều 28b(1), added by NĐ 155/2026),
  notified within 03 working days; where several complained together, it goes on for those
  who did not withdraw, and is stopped only when all have (NĐ 124/2020 Điều 7a).
- tố cáo: in whole or in part, in writing or by minutes signed by the denouncer (Luật TC
  Điều 33(1)–(2); NĐ 31/2019 Điều 4(1)–(3) as replaced by NĐ 156/2026); it is still resolved
  where the act shows signs of violation, the withdrawal was coerced, or the denunciation
  was abused to slander (Điều 33(3); NĐ 31/2019 Điều 4(4)); the stop is notified within 05
  working days (Điều 34(3)(a), (4)).
- phản ánh, kiến nghị: no statute; the citizen's request ends the handling (portal policy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind


class WithdrawalForm(models.TextChoices):
    WRITTEN = "written", _("Đơn rút có chữ ký hoặc điểm chỉ")
    STATEMENT = "statement", _("Biên bản ghi nhận ý kiến rút đơn, có chữ ký người rút")


class WithdrawalScope(models.TextChoices):
    WHOLE = "whole", _("Rút toàn bộ")
    PART = "part", _("Rút một phần nội dung")
    ONE_OF_SEVERAL = "one_of_several", _("Một hoặc một số người cùng khiếu nại, tố cáo rút")


class ContinueGround(models.TextChoices):
    """Why a withdrawn denunciation is still resolved (Luật TC Điều 33(3))."""

    SIGNS_OF_VIOLATION = "signs_of_violation", _("Hành vi bị tố cáo có dấu hiệu vi phạm pháp luật")
    COERCED = "coerced", _("Việc rút đơn do bị đe dọa, ép buộc, mua chuộc")
    SLANDER = "slander", _("Người tố cáo lợi dụng việc tố cáo để vu khống, xúc phạm")


@dataclass(frozen=True)
class WithdrawalRule:
    kind: str
    forms: frozenset[str]
    scopes_going_on: frozenset[str]  # withdrawals after which the case is still resolved
    # The stop decision's notice (3 / 5 working days) is a row of complaints/rules/notices.py.
    article: str
    continue_article: str = ""


WITHDRAWAL_RULES: dict[str, WithdrawalRule] = {
    CaseKind.KHIEU_NAI: WithdrawalRule(
        CaseKind.KHIEU_NAI,
        frozenset(WithdrawalForm.values),
        frozenset({WithdrawalScope.ONE_OF_SEVERAL}),
        "Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP "
        "(bổ sung bởi Nghị định 155/2026/NĐ-CP)",
        "Điều 7a Nghị định 124/2020/NĐ-CP (bổ sung bởi Nghị định 155/2026/NĐ-CP)",
    ),
    CaseKind.TO_CAO: WithdrawalRule(
        CaseKind.TO_CAO,
        frozenset(WithdrawalForm.values),
        frozenset({WithdrawalScope.PART, WithdrawalScope.ONE_OF_SEVERAL}),
        "Điều 33, điểm a khoản 3 và khoản 4 Điều 34 Luật Tố cáo; Điều 4 Nghị định 31/2019/NĐ-CP "
        "(sửa đổi bởi Nghị định 156/2026/NĐ-CP)",
        "khoản 2, khoản 3 Điều 33 Luật Tố cáo; khoản 4 Điều 4 Nghị định 31/2019/NĐ-CP",
    ),
    CaseKind.PHAN_ANH: WithdrawalRule(
        CaseKind.PHAN_ANH, frozenset(WithdrawalForm.values), frozenset(),
        "Quy định của cổng: người gửi rút phản ánh thì dừng xử lý",
    ),
    CaseKind.KIEN_NGHI: WithdrawalRule(
        CaseKind.KIEN_NGHI, frozenset(WithdrawalForm.values), frozenset(),
        "Quy định của cổng: người gửi rút kiến nghị thì dừng xử lý",
    ),
}


@dataclass(frozen=True)
class StopDecision:
    """The decision that stops the resolution of a petition withdrawn in whole: what it is,
    its form and its article; sent to the parties within the `stop_notice` step of
    complaints/rules/notices.py (03 / 05 working days)."""

    title: str
    article: str


STOP_DECISIONS: dict[str, StopDecision] = {
    CaseKind.KHIEU_NAI: StopDecision(
        _("Quyết định đình chỉ giải quyết khiếu nại (Mẫu số 14a)"),
        "Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP (bổ sung bởi Nghị "
        "định 155/2026/NĐ-CP)",
    ),
    CaseKind.TO_CAO: StopDecision(
        _("Quyết định đình chỉ việc giải quyết tố cáo"),
        "khoản 2 Điều 33, điểm a khoản 3 và khoản 4 Điều 34 Luật Tố cáo",
    ),
}
