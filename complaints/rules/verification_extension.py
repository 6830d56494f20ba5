"""The extension of a complaint's verification period (gia hạn thời gian xác minh): the step
`extend_verification`, its decision (Mẫu số 04A-KN) and when it may be taken.

The law. Khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP (Điều 7 supplemented by Điều 1 Thông tư
02/2016/TT-TTCP): "Khi thời hạn xác minh nội dung khiếu nại đã hết mà người giải quyết khiếu
nại hoặc cơ quan, tổ chức, đơn vị, cá nhân được giao tiến hành xác minh nội dung khiếu nại
chưa thực hiện xong việc xác minh thì người giải quyết khiếu nại xem xét gia hạn thời gian
xác minh. Việc gia hạn không làm cho thời gian giải quyết vượt quá thời hạn giải quyết khiếu
nại. Quyết định về việc gia hạn thời gian xác minh thực hiện theo Mẫu số 04A-KN". So:

- it is the resolver's written decision (người giải quyết khiếu nại): a leader of the
  competent unit takes it (`complaints.rules.resolver.HEAD_DECISIONS`); a handler proposes
  it for approval (`complaints.approvals.rules`);
- it extends a period that was set (`Case.verification_days`, `Case.verification_until`,
  set by "Bắt đầu xác minh": complaints/rules/verification.py); without one there is
  nothing to extend;
- the new end is not after the case's resolution deadline (`Case.resolve_by`; Điều 28,
  Điều 37 Luật Khiếu nại), and the period is a positive number of days.

When. The text conditions the extension on the period having run out with the verification
unfinished. Read literally, the verifier would work without a mandate from the day after the
end until the decision is signed; a decision signed in the last days of the period, when it
is clear the work will not be done in time, avoids that gap and is what the circular aims
at. The portal's choice, kept here as data: the step opens `OPENS_DAYS_BEFORE_END` days
before the period's last day and stays open after it, as long as the case is being verified
and there is time left before the resolution deadline. The extra days run from the day after
the old end, or from the day after the decision when the period has already run out (an
extension is not backdated): `extension_start`. `Case.verification_days` becomes the days
granted in all (the first period and every extension).

A denunciation (tố cáo). The law copies give no basis: the Luật Tố cáo asks the written
assignment to state the time of the verification (điểm đ khoản 2 Điều 31) and Nghị định
31/2019/NĐ-CP (khoản 2 Điều 10) and its amendment Nghị định 156/2026/NĐ-CP say nothing of
extending it; the only circular on denunciations in the copies is the Bộ Công an's Thông
tư 129/2020/TT-BCA (for the police; its Điều 24 extends the resolution, not the
verification), and the Thanh tra Chính phủ's circular on denunciations is not among them.
The Bộ Quốc phòng's Thông tư 218/2013/TT-BQP (khoản 8 Điều 13: an extension of at most one
third of the first period) governs the army's complaints only. So the step is a complaint's
only (`EXTENSION_KINDS`); a denunciation's verification has more time only through the
extension of its resolution (Điều 30 Luật Tố cáo, the `extend` step).
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from complaints.citations import citation_read
from complaints.kinds import CaseKind

__all__ = [
    "EXTENSION_ARTICLE",
    "EXTENSION_FORM",
    "EXTENSION_KINDS",
    "OPENS_DAYS_BEFORE_END",
    "extension_refusal",
    "extension_start",
]

EXTENSION_ARTICLE = "khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP"
EXTENSION_FORM = "Mẫu số 04A-KN ban hành kèm theo Thông tư 07/2013/TT-TTCP"
# The kinds whose verification period a law copy lets the resolver extend.
EXTENSION_KINDS = frozenset({CaseKind.KHIEU_NAI})
# The step opens this many days before the period's last day (see the module's docstring:
# a decision signed before the end leaves the verifier no day without a mandate).
OPENS_DAYS_BEFORE_END = 5


def _fmt(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def extension_start(case, today: datetime.date) -> datetime.date:
    """The day the extra days are counted from (the next day first, Điều 147 Bộ luật Dân sự
    2015): the old last day, or today when the period has already run out."""
    return max(case.verification_until, today)


def extension_refusal(case, today: datetime.date) -> str | None:
    """Why `case`'s verification period may not be extended now (Vietnamese, with the
    article), or None when it may."""
    values = {"article": citation_read(EXTENSION_ARTICLE)}  # written again in English
    if case.verification_until is None:
        return _(
            "Chưa gia hạn thời gian xác minh được: hồ sơ chưa có thời hạn xác minh (bước “Bắt "
            "đầu xác minh” không ghi số ngày xác minh). Người giải quyết khiếu nại gia hạn "
            "thời gian xác minh khi thời hạn xác minh đã hết mà chưa xác minh xong "
            "(%(article)s)."
        ) % values
    opens = case.verification_until - datetime.timedelta(days=OPENS_DAYS_BEFORE_END)
    if today < opens:
        return _(
            "Chưa gia hạn thời gian xác minh được: thời hạn xác minh đến hết ngày %(until)s. "
            "Người giải quyết khiếu nại xem xét gia hạn khi thời hạn xác minh đã hết mà chưa "
            "xác minh xong (%(article)s); Cổng cho gia hạn từ ngày %(opens)s (%(days)s ngày "
            "trước khi hết thời hạn xác minh)."
        ) % {**values, "until": _fmt(case.verification_until), "opens": _fmt(opens),
             "days": f"{OPENS_DAYS_BEFORE_END:02d}"}
    due = case.resolve_by
    if due is not None and extension_start(case, today) >= due:
        return _(
            "Không gia hạn thời gian xác minh được nữa: thời hạn xác minh đã đến hạn giải quyết "
            "khiếu nại ngày %(due)s. Việc gia hạn không làm cho thời gian giải quyết vượt quá "
            "thời hạn giải quyết khiếu nại (%(article)s)."
        ) % {**values, "due": _fmt(due)}
    return None
