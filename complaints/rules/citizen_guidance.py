"""What the citizen is told they may still do, on the tracking page and in the notice of a
conclusion: the rights the law gives them, each text citing its article.

- After a first-time complaint is resolved: a second complaint to whoever resolves it the
  second time, within 30 days of receiving the first decision (45 in remote areas), or a suit
  at the administrative court (Điều 7, khoản 1 Điều 33 Luật Khiếu nại).
- Once a second-time complaint about a first one is received (linked to it:
  `complaints/services/second_round.py`), the first case's page and mail name it by its
  code and day of receipt instead of offering the form again.
- After a second-time complaint is resolved: a suit at the administrative court (khoản 1
  Điều 7, Điều 42 Luật Khiếu nại; khoản 2 Điều 7 is about a Bộ trưởng's decisions).
- The same rights once the time limit for resolving passes without a decision ("hết thời
  hạn giải quyết mà khiếu nại không được giải quyết"): a first-time complaint may go to the
  second level within 30 days (45 in remote areas, calendar days: the rule
  ``second_filing_period_no_decision`` of `complaints.deadlines.RULES`, as intake counts it)
  from the day the first time limit expired, or to court (khoản 1 Điều 7, khoản 1–2 Điều 33);
  a second-time one to court (khoản 1 Điều 7, Điều 42). The time limit is the case's
  `resolve_by`: the stored deadline of the current rules, moved by a complex or remote
  marking, an extension and a resumption (`services/workflow.py` `_resolution_recompute`).
  Only an accepted case still being handled has run out of it: a suspended case's clock is
  paused (khoản 2 Điều 28b Nghị định 124/2020, Nghị định 155/2026), a decided one has its
  own text above.
- While a complaint is handled it may be withdrawn at any time, by a signed request or a
  statement recorded in minutes (Điều 10 Luật Khiếu nại); a denunciation, in whole or in part,
  before its conclusion, in writing or by signed minutes, and it is still resolved where the
  act shows signs of violation or the withdrawal was coerced (Điều 33 Luật Tố cáo).
  The staff side of withdrawal is `complaints/rules/withdrawal.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from complaints.citations import citation_read
from complaints.kinds import CaseKind, CaseStatus

# The articles as Vietnamese cites them; a reader reads them in their language
# (`citation_read`: "Article 7 of the Law on Complaints" in English).
NEXT_STEP_ARTICLES = {
    "first": "Điều 7, khoản 1 Điều 33 Luật Khiếu nại",
    "second": "khoản 1 Điều 7, Điều 42 Luật Khiếu nại",
    # The time limit passed without a decision.
    "first_overdue": "khoản 1 Điều 7, khoản 1 và khoản 2 Điều 33 Luật Khiếu nại",
    "second_overdue": "khoản 1 Điều 7, Điều 42 Luật Khiếu nại",
}
# Still being resolved: accepted, verification included. Suspended is not among them (its
# time limit is paused, it has not run out); received or needing information is not
# accepted yet, so no resolution time limit runs.
BEING_RESOLVED = frozenset({CaseStatus.ACCEPTED, CaseStatus.VERIFYING})
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
    # The section's heading; "" for the usual one (the complaint was decided).
    title: str = ""
    # The last day of the second complaint's period, when the portal knows it.
    second_complaint_until: datetime.date | None = None


def second_complaint_url(tracking_code: str, *, no_decision: bool = False) -> str:
    """The form for a second-time complaint about the case `tracking_code`; `no_decision`:
    the first time limit passed without a decision (the form ticks that box)."""
    params = {"loai": CaseKind.KHIEU_NAI, "lan": "2", "ho_so": tracking_code}
    if no_decision:
        params["het_han"] = "1"
    return f"{reverse('complaints:submit')}?{urlencode(params)}"


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def resolution_overdue(case, *, today: datetime.date | None = None) -> bool:
    """An accepted khiếu nại still being resolved whose time limit (`resolve_by`, extended
    if it was) ended before `today` (Vietnam's day) without a decision."""
    today = today or timezone.localdate()
    return (
        case.kind == CaseKind.KHIEU_NAI
        and case.status in BEING_RESOLVED
        and case.concluded_at is None
        and case.resolve_by is not None
        and case.resolve_by < today
    )


def _second_period_end(case, *, remote: bool) -> datetime.date | None:
    """The last day for a second complaint, counted from the day the first time limit
    expired (khoản 1 Điều 33 Luật Khiếu nại) by the rule intake applies."""
    from complaints import deadlines as engine
    from complaints.services.calendar import working_calendar

    try:
        return engine.step_due(
            kind=CaseKind.KHIEU_NAI, step="second_filing_period_no_decision",
            start=case.resolve_by, calendar=working_calendar(), second=True, remote=remote,
        ).due_date
    except engine.DeadlineError:
        return None


def _overdue_steps(case) -> NextStep | None:
    title = _("Khiếu nại chưa được giải quyết trong thời hạn")
    deadline = _fmt(case.resolve_by)
    if case.second_time:
        return NextStep(
            _(
                "Đã hết thời hạn giải quyết khiếu nại lần hai (hết ngày %(deadline)s) mà khiếu "
                "nại chưa được giải quyết: bạn có quyền khởi kiện vụ án hành chính tại Tòa án "
                "theo quy định của Luật Tố tụng hành chính (%(article)s)."
            ) % {
                "deadline": deadline,
                "article": citation_read(NEXT_STEP_ARTICLES["second_overdue"]),
            },
            title=title,
        )
    until = _second_period_end(case, remote=case.is_remote)
    if until is None:
        return None
    where = _(
        "đến người có thẩm quyền giải quyết lần hai (thủ trưởng cấp trên trực tiếp của người "
        "có thẩm quyền giải quyết lần đầu; với cơ sở y tế trực thuộc Sở là Giám đốc Sở Y tế)"
    )
    values = {
        "deadline": deadline, "where": where, "until": _fmt(until),
        "article": citation_read(NEXT_STEP_ARTICLES["first_overdue"]),
    }
    if case.is_remote:
        text = _(
            "Đã hết thời hạn giải quyết khiếu nại lần đầu (hết ngày %(deadline)s) mà khiếu nại "
            "chưa được giải quyết. Bạn có quyền khiếu nại lần hai %(where)s trong thời hạn 45 "
            "ngày (vùng sâu, vùng xa đi lại khó khăn) kể từ ngày hết thời hạn giải quyết, tức "
            "đến hết ngày %(until)s, hoặc khởi kiện vụ án hành chính tại Tòa án (%(article)s)."
        ) % values
    else:
        remote_until = _second_period_end(case, remote=True)
        text = _(
            "Đã hết thời hạn giải quyết khiếu nại lần đầu (hết ngày %(deadline)s) mà khiếu nại "
            "chưa được giải quyết. Bạn có quyền khiếu nại lần hai %(where)s trong thời hạn 30 "
            "ngày kể từ ngày hết thời hạn giải quyết, tức đến hết ngày %(until)s (45 ngày, đến "
            "hết ngày %(remote_until)s, nếu bạn ở vùng sâu, vùng xa đi lại khó khăn), hoặc khởi "
            "kiện vụ án hành chính tại Tòa án (%(article)s)."
        ) % {**values, "remote_until": _fmt(remote_until) if remote_until else _fmt(until)}
    return NextStep(
        text, second_complaint_url(case.tracking_code, no_decision=True), title=title,
        second_complaint_until=until,
    )


def next_steps_for_citizen(case, *, today: datetime.date | None = None) -> NextStep | None:
    """What a complainant may do once their complaint is resolved, or once its time limit
    for resolving passed without a decision; None for anything else. Once the second-time
    complaint is received, that instead of the form (`_second_round_received`)."""
    step = _next_steps(case, today=today)
    if step is not None and step.second_complaint_url:
        return second_round_received_step(case) or step
    return step


def second_round_received_step(case) -> NextStep | None:
    """The second-time complaint already received about `case`, by its code and day only:
    never its PIN nor its content (whoever holds the first case's PIN may not be who filed
    the second). One query, only where the form would be offered; a second complaint that
    ended undecided (refused, withdrawn) leaves the form (`SECOND_ROUND_ENDED_UNDECIDED`)."""
    from complaints.services.second_round import second_round_received

    second = second_round_received(case)
    if second is None:
        return None
    return NextStep(
        _(
            "Khiếu nại lần hai của bạn đã được tiếp nhận ngày %(date)s: hồ sơ %(code)s. Tra "
            "cứu hồ sơ đó bằng mã PIN đã gửi khi nộp."
        ) % {
            "date": _fmt(timezone.localtime(second.received_at).date()),
            "code": second.tracking_code,
        },
        title=_("Khiếu nại lần hai"),
    )


def _next_steps(case, *, today: datetime.date | None = None) -> NextStep | None:
    if case.kind != CaseKind.KHIEU_NAI:
        return None
    if resolution_overdue(case, today=today):
        return _overdue_steps(case)
    if case.status not in (CaseStatus.CONCLUDED, CaseStatus.CLOSED) or case.concluded_at is None:
        return None
    if case.second_time:
        return NextStep(
            _(
                "Nếu không đồng ý với quyết định giải quyết khiếu nại lần hai, bạn có quyền khởi "
                "kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính "
                "(%(article)s)."
            ) % {"article": citation_read(NEXT_STEP_ARTICLES["second"])}
        )
    return NextStep(
        _(
            "Nếu không đồng ý với quyết định giải quyết khiếu nại lần đầu, bạn có quyền khiếu nại "
            "lần hai đến người có thẩm quyền giải quyết lần hai (thủ trưởng cấp trên trực tiếp "
            "của người đã giải quyết lần đầu; với cơ sở y tế trực thuộc Sở là Giám đốc Sở Y tế) "
            "trong thời hạn 30 ngày kể từ ngày nhận được quyết định giải quyết lần đầu (45 ngày "
            "nếu bạn ở vùng sâu, vùng xa đi lại khó khăn), hoặc khởi kiện vụ án hành chính tại "
            "Tòa án (%(article)s)."
        ) % {"article": citation_read(NEXT_STEP_ARTICLES["first"])},
        second_complaint_url(case.tracking_code),
    )


def withdrawal_for_citizen(case) -> str:
    """How the citizen withdraws a complaint or denunciation still being handled, or ""."""
    if case.kind not in WITHDRAWAL_ARTICLES or case.status not in WITHDRAWABLE:
        return ""
    # To the person resolving the case (Điều 10 Luật Khiếu nại; khoản 1 Điều 33 Luật Tố cáo):
    # the unit handling it, the Sở only for its own cases, a unit without an address, or a
    # denunciation handled within the facility denounced (the Sở keeps the denouncer's letter).
    from complaints.selectors.contact import case_contact

    contact = case_contact(case)
    where = {"code": case.tracking_code, **contact.as_dict()}
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
    text = f"{text} ({citation_read(WITHDRAWAL_ARTICLES[case.kind])})"
    note = contact.relay_note()
    if note:
        text += " " + note
    return text
