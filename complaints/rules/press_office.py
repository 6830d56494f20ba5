"""Who answers the press for the Sở: the steps of a press case (`bao_chi`) that only the Sở's
press office and spokesperson take, never the facility the article is about (DOMAIN.md §3a
rule 5, §6).

A press case is owned by the Văn phòng Sở (the press office, where the spokesperson sits);
its verification is given to the facility named in the article (`assign`), which verifies
and reports (`start_verification`, its verification report, notes). The finding on the
article and the Sở's answer are the spokesperson's: the spokesperson gives the press the
information (the provincial People's Committee names them: khoản 3 Điều 3 Nghị định
244/2026/NĐ-CP) and, where the article was false, replies in writing with the grounds and
asks for the correction (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP). The facility criticised
in the article therefore does not conclude on it, reopen or close that finding, nor record
the correction asked for and its publication. Nor does it take the case's own steps, which
are the press office's as the holder of the case: recording the notices and the statement
given to the press (`record_notice`) or the outlet head's written request that starts the
answer's 30 days (`record_press_request`, khoản 1 Điều 18 Nghị định 237/2026/NĐ-CP), giving
the case to a unit or a handler (`assign`: the facility would choose who verifies the
article about itself, or hand the case on), and splitting the article into cases (`split`).

Every one of these steps is a row of `complaints.transitions` whose `actor_guard` calls
`press_office_refusal`, so the case page, the staff API, the bulk assignment and
`case_action` (all through `case_transition`) refuse them alike; `complaints.approvals`
asks the same function before a draft is proposed or offered.

Who is the press office is `complaints.services.press_intake.may_log_press`: whoever logs an
article (the press office, or the Sở's province-wide staff), as for the 24-hour statement
(`complaints.services.press_statement.statement_mark_actor_refusal`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind

__all__ = ["PRESS_OFFICE_ACTIONS", "press_office_refusal"]

# action -> what the press office does by it (a phrase for the refusal), on a press case.
PRESS_OFFICE_ACTIONS = {
    "conclude": gettext_lazy("kết luận về thông tin bài báo"),
    "reopen": gettext_lazy("mở lại kết luận về thông tin bài báo"),
    "close": gettext_lazy("đóng hồ sơ thông tin báo chí"),
    "request_correction": gettext_lazy("ghi nhận văn bản đề nghị cải chính"),
    "record_correction_published": gettext_lazy("ghi nhận báo đã đăng cải chính"),
    "record_notice": gettext_lazy("ghi nhận thông báo, phát ngôn đã gửi cho cơ quan báo chí"),
    "record_press_request": gettext_lazy("ghi nhận văn bản yêu cầu trả lời của cơ quan báo chí"),
    "assign": gettext_lazy("giao xử lý, giao xác minh hồ sơ thông tin báo chí"),
    "split": gettext_lazy("tách hồ sơ thông tin báo chí"),
}

ARTICLES = "khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP"


def press_office_refusal(*, case, user, action: str) -> str | None:
    """Why `user` may not take `action` on `case`: a press case's finding, its answer and
    the correction are the press office's (the table above); None when they may, or when
    the step is not one of those on a press case."""
    from complaints.citations import citation_read
    from complaints.services.press_intake import may_log_press

    if case.kind != CaseKind.BAO_CHI or action not in PRESS_OFFICE_ACTIONS:
        return None
    if may_log_press(user):
        return None
    return _(
        "Chỉ bộ phận báo chí, người phát ngôn của Sở Y tế được %(step)s (%(article)s); cơ sở "
        "được giao xác minh báo cáo kết quả xác minh để Sở kết luận."
    ) % {"step": PRESS_OFFICE_ACTIONS[action], "article": citation_read(ARTICLES)}
