"""What the citizen is told they may still do, on the tracking page and in the notice of a
conclusion: the rights the law gives them, each text citing its article.

- After a first-time complaint is resolved: a second complaint to whoever resolves it the
  second time, within 30 days of receiving the first decision (45 in remote areas), or a suit
  at the administrative court (Điều 7, khoản 1 Điều 33 Luật Khiếu nại).
- After a second-time complaint is resolved: a suit at the administrative court (khoản 2
  Điều 7 Luật Khiếu nại).
- While a complaint is handled it may be withdrawn at any time, by a signed request or a
  statement recorded in minutes (Điều 10 Luật Khiếu nại); a denunciation, in whole or in part,
  before its conclusion, in writing or by signed minutes, and it is still resolved where the
  act shows signs of violation or the withdrawal was coerced (Điều 33 Luật Tố cáo).
  The staff side of withdrawal is `complaints/rules/withdrawal.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind, CaseStatus

NEXT_STEP_ARTICLES = {
    "first": "Điều 7, khoản 1 Điều 33 Luật Khiếu nại",
    "second": "khoản 2 Điều 7 Luật Khiếu nại",
}
WITHDRAWAL_ARTICLES = {
    CaseKind.KHIEU_NAI: "Điều 10 Luật Khiếu nại",
    CaseKind.TO_CAO: "khoản 1, khoản 2, khoản 3 Điều 33 Luật Tố cáo",
}
# While the case may still be withdrawn: before the decision or the conclusion.
WITHDRAWABLE = frozenset({
    CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO, CaseStatus.ACCEPTED, CaseStatus.VERIFYING,
    CaseStatus.SUSPENDED,
})


@dataclass(frozen=True)
class NextStep:
    text: str
    # The form with "Lần hai" chosen and the first case named, or "" (no second complaint).
    second_complaint_url: str = ""


def second_complaint_url(tracking_code: str) -> str:
    """The form for a second-time complaint about the case `tracking_code`."""
    query = urlencode({"loai": CaseKind.KHIEU_NAI, "lan": "2", "ho_so": tracking_code})
    return f"{reverse('complaints:submit')}?{query}"


def next_steps_for_citizen(case) -> NextStep | None:
    """What a complainant may do once their complaint is resolved; None for anything else."""
    if case.kind != CaseKind.KHIEU_NAI or case.status not in (
        CaseStatus.CONCLUDED, CaseStatus.CLOSED
    ) or case.concluded_at is None:
        return None
    if case.second_time:
        return NextStep(
            _(
                "Nếu không đồng ý với quyết định giải quyết khiếu nại lần hai, bạn có quyền khởi "
                "kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính "
                "(%(article)s)."
            ) % {"article": NEXT_STEP_ARTICLES["second"]}
        )
    return NextStep(
        _(
            "Nếu không đồng ý với quyết định giải quyết khiếu nại lần đầu, bạn có quyền khiếu nại "
            "lần hai đến người có thẩm quyền giải quyết lần hai (thủ trưởng cấp trên trực tiếp "
            "của người đã giải quyết lần đầu; với cơ sở y tế trực thuộc Sở là Giám đốc Sở Y tế) "
            "trong thời hạn 30 ngày kể từ ngày nhận được quyết định giải quyết lần đầu (45 ngày "
            "nếu bạn ở vùng sâu, vùng xa đi lại khó khăn), hoặc khởi kiện vụ án hành chính tại "
            "Tòa án (%(article)s)."
        ) % {"article": NEXT_STEP_ARTICLES["first"]},
        second_complaint_url(case.tracking_code),
    )


def withdrawal_for_citizen(case) -> str:
    """How the citizen withdraws a complaint or denunciation still being handled, or ""."""
    if case.kind not in WITHDRAWAL_ARTICLES or case.status not in WITHDRAWABLE:
        return ""
    from complaints.selectors.contact import department_contact

    where = {"code": case.tracking_code, **department_contact()}
    if case.kind == CaseKind.KHIEU_NAI:
        text = _(
            "Bạn có thể rút khiếu nại vào bất cứ lúc nào trong quá trình giải quyết: gửi đơn rút "
            "khiếu nại có chữ ký hoặc điểm chỉ của bạn, ghi mã hồ sơ %(code)s, đến %(name)s, "
            "%(address)s (qua bưu điện, hoặc nộp trực tiếp %(hours)s); hoặc đến đó trình bày để "
            "cán bộ lập biên bản ghi nhận việc rút khiếu nại, có chữ ký của bạn."
        ) % where
    else:
        text = _(
            "Trước khi có kết luận nội dung tố cáo, bạn có thể rút toàn bộ hoặc một phần nội "
            "dung tố cáo: gửi đơn rút tố cáo có chữ ký hoặc điểm chỉ của bạn, ghi mã hồ sơ "
            "%(code)s, đến %(name)s, %(address)s (qua bưu điện, hoặc nộp trực tiếp %(hours)s); "
            "hoặc đến đó trình bày để cán bộ lập biên bản có chữ ký của bạn. Tố cáo vẫn được "
            "giải quyết nếu hành vi bị tố cáo có dấu hiệu vi phạm pháp luật, hoặc việc rút tố "
            "cáo là do bị đe dọa, ép buộc, mua chuộc."
        ) % where
    return f"{text} ({WITHDRAWAL_ARTICLES[case.kind]})"
