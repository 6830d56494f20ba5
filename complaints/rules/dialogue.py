"""Dialogue (đối thoại) in resolving a complaint: when it is mandatory, the notice it needs.

- Second time: mandatory (Luật KN Điều 39; NĐ 124/2020 Điều 28(2) as replaced by NĐ 155/2026
  Điều 11).
- First time: mandatory where the complainant's request and the verification results differ
  (Luật KN Điều 30(1)); staff record that finding (`mark_verification_differs`).
- The parties are notified in writing at least 05 days before (NĐ 124/2020 Điều 28(1), as
  replaced); the decree says "ngày", the portal counts calendar days.
- Minutes are kept (Mẫu số 14) with who led it (NĐ 124/2020 Điều 28(3)–(4)), and the
  dialogue's result: "biên bản phải ghi rõ ý kiến của những người tham gia, kết quả đối thoại"
  (khoản 4 Điều 30 Luật Khiếu nại), "những nội dung đã được thống nhất, những vấn đề còn có
  ý kiến khác nhau" (khoản 4 Điều 28 NĐ 124/2020 as replaced by NĐ 155/2026 Điều 11; section
  III of Mẫu số 14). A meeting held is not recorded without it (`RESULT_ARTICLE`); the result
  is one of the grounds of the decision (khoản 5 Điều 30 Luật Khiếu nại).
- Second time: the head who resolves it leads the dialogue in person. Điểm a khoản 2 Điều 28
  NĐ 124/2020 (as replaced by NĐ 155/2026 Điều 11): "Người giải quyết khiếu nại lần hai là
  Thủ trưởng cơ quan chuyên môn … thuộc Ủy ban nhân dân cấp tỉnh phải trực tiếp đối thoại
  với người khiếu nại". The portal's second-time complaints are the Giám đốc Sở's (the
  others are forwarded to the Chủ tịch UBND tỉnh, `routing_defaults`); the decree lets a
  deputy or another head be assigned only "đối với các trường hợp khác" of điểm b (a
  Bộ trưởng or a Chủ tịch UBND tỉnh), never under điểm a. Staff confirm it when recording
  a held meeting (`led_by_head`, kept in the event); without it the record is refused.
- A complainant invited who does not attend without good reason: resolution goes on
  (NĐ 124/2020 Điều 28(5), as replaced).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.citations import citation_read_later
from complaints.kinds import CaseKind
from portal.lazy_text import lazy_message

NOTICE_DAYS = 5
# The dialogue is a step of the resolution: it takes place within the time to resolve the
# complaint (Điều 28, 37 Luật Khiếu nại; khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP).
WITHIN_DEADLINE_ARTICLE = "Điều 28, 37 Luật Khiếu nại; khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP"
NOTICE_ARTICLE = (
    "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)"
)


# What the complainant's invitation tells them they may do (`citizen_dialogue_invitation`),
# each from the law copies, never more:
# - take part themselves or authorise a lawful representative to take part in their place;
REPRESENTATIVE_ARTICLE = "điểm c khoản 1 Điều 12 Luật Khiếu nại"
# - have a lawyer (a legal-aid officer where they are entitled to legal aid) take part at
#   their request, who shows their card and the complainant's request or authorisation
#   (điểm a khoản 1, điểm a khoản 2 Điều 16);
LAWYER_ARTICLE = "điểm b khoản 1 Điều 12, Điều 16 Luật Khiếu nại"
# - state their views and add information, documents and evidence at the meeting;
EVIDENCE_ARTICLE = (
    "khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP"
)
# - and that the resolution goes on if they stay away without good reason.
ABSENCE_ARTICLE = (
    "khoản 5 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP"
)


def earliest_meeting_day(notified_on, calendar):
    """The first day the form offers for the meeting: NOTICE_DAYS after the invitation
    (khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP), moved to the first working day on or after it
    on the portal's calendar (`complaints.calendar.WorkingCalendar.roll_forward`), so a
    Saturday, Sunday or holiday is never the day offered. A day off may still be chosen
    (the decree does not forbid it): the step records it with a warning
    (`not_working_day_warning`)."""
    import datetime

    return calendar.roll_forward(notified_on + datetime.timedelta(days=NOTICE_DAYS))


def not_working_day_warning(day: str, next_day: str) -> str:
    """The warning of a meeting set on a day off (the dates as printed, dd/mm/yyyy)."""
    return str(
        _(
            "Ngày đối thoại %(date)s không phải ngày làm việc (thứ Bảy, Chủ nhật hoặc ngày nghỉ "
            "lễ); ngày làm việc gần nhất sau đó là %(next)s. Lịch đối thoại vẫn được ghi nhận: "
            "hãy chắc chắn các bên dự được."
        )
        % {"date": day, "next": next_day}
    )


@dataclass(frozen=True)
class DialogueRule:
    code: str
    text: str
    article: str


SECOND_TIME = DialogueRule(
    "second_time",
    _("khiếu nại lần hai phải tổ chức đối thoại"),
    "Điều 39 Luật Khiếu nại; khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP "
    "(sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
)
REQUEST_DIFFERS = DialogueRule(
    "request_differs",
    _("yêu cầu của người khiếu nại và kết quả xác minh còn khác nhau nên phải đối thoại"),
    "khoản 1 Điều 30 Luật Khiếu nại",
)
DIALOGUE_RULES: tuple[DialogueRule, ...] = (SECOND_TIME, REQUEST_DIFFERS)


class DialogueStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã đối thoại")
    COMPLAINANT_ABSENT = "complainant_absent", _(
        "Người khiếu nại không tham gia, không có lý do chính đáng"
    )
    # Rescheduled: a new invitation replaced this one before it was held (the parties are
    # invited anew, again at least NOTICE_DAYS before).
    REPLACED = "replaced", _("Đã dời lịch")
    # The complaint was withdrawn before the meeting: no longer resolved, so no dialogue
    # (Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP).
    CANCELLED = "cancelled", _("Đã hủy do rút khiếu nại")


@dataclass(frozen=True)
class CancelReason:
    """Why a pending dialogue was called off (`DialogueStatus.CANCELLED`): the words after
    "đã hủy" and the article, as the staff invited are told (`staff_dialogue_cancelled`)."""

    code: str
    text: str
    article: str


# A withdrawn complaint is no longer resolved, so no dialogue (Điều 10 Luật Khiếu nại;
# khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP).
WITHDRAWN = CancelReason(
    "withdrawn",
    _("do người khiếu nại rút khiếu nại"),
    "Điều 10 Luật Khiếu nại; khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP",
)
CANCEL_REASONS = {reason.code: reason for reason in (WITHDRAWN,)}


# What the minutes of a meeting held state as its result (section III of Mẫu số 14).
RESULT_ARTICLE = (
    "khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP (thay thế bởi "
    "Điều 11 Nghị định 155/2026/NĐ-CP), Mẫu số 14"
)


def result_missing():
    """Why a held dialogue is not recorded without its result, read in its reader's
    language (`portal.lazy_text`)."""
    return lazy_message(
        _(
            "Ghi kết quả đối thoại: những nội dung đã thống nhất và những vấn đề còn ý kiến "
            "khác nhau. Biên bản đối thoại phải ghi rõ kết quả đối thoại (%(article)s)."
        ),
        article=citation_read_later(RESULT_ARTICLE),
    )


def meeting_times_errors(*, invited_at, started_at, ended_at, now) -> dict[str, list]:
    """Why the times recorded for a meeting held are refused, by field, read in the
    reader's language (`portal.lazy_text`): Mẫu số 14 opens with when it began and ends with
    "Buổi đối thoại kết thúc hồi … cùng ngày" (khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP,
    thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP). Neither may be still to come; the end
    comes after the start (`started_at`, else `invited_at`, the time invited to) on the same
    day. Instants aware; `started_at`, `ended_at` None when not given."""
    from django.utils import timezone

    def shown(moment) -> str:
        return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")

    errors: dict[str, list] = {}
    for name, moment in (("started_at", started_at), ("ended_at", ended_at)):
        if moment is not None and moment > now:
            errors[name] = [lazy_message(
                _("%(moment)s chưa đến: ghi giờ buổi đối thoại đã diễn ra."),
                moment=shown(moment),
            )]
    start = started_at or invited_at
    if ended_at is None or errors:
        return errors
    if ended_at <= start:
        errors["ended_at"] = [lazy_message(
            _("Giờ kết thúc đối thoại phải sau giờ bắt đầu (%(start)s)."), start=shown(start)
        )]
    elif timezone.localdate(ended_at) != timezone.localdate(start):
        errors["ended_at"] = [lazy_message(
            _(
                "Buổi đối thoại bắt đầu ngày %(day)s: giờ kết thúc phải trong cùng ngày đó "
                "(biên bản đối thoại Mẫu số 14 ghi “kết thúc hồi … giờ … phút cùng ngày”)."
            ),
            day=timezone.localtime(start).strftime("%d/%m/%Y"),
        )]
    return errors


HEAD_LEADS_ARTICLE = (
    "điểm a khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định "
    "155/2026/NĐ-CP)"
)


def head_must_lead(case) -> bool:
    """Whether the head resolving the complaint must lead its dialogue in person: a
    second-time complaint (`HEAD_LEADS_ARTICLE`)."""
    return case.kind == CaseKind.KHIEU_NAI and bool(case.second_time)


def head_leads_refusal():
    """Why a held dialogue of a second-time complaint is not recorded without the head,
    read in its reader's language (`portal.lazy_text`)."""
    return lazy_message(
        _(
            "Khiếu nại lần hai: Giám đốc Sở (người giải quyết khiếu nại lần hai) phải trực tiếp "
            "đối thoại với người khiếu nại, không phân công cấp phó hay cán bộ khác chủ trì "
            "(%(article)s). Hãy xác nhận Giám đốc Sở đã trực tiếp chủ trì buổi đối thoại; nếu "
            "không, buổi đối thoại phải được tổ chức lại."
        ),
        article=citation_read_later(HEAD_LEADS_ARTICLE),
    )


# Outcomes that let the resolution be concluded (NĐ 124/2020 Điều 28(4)–(5), as replaced).
SETTLING = frozenset({DialogueStatus.HELD, DialogueStatus.COMPLAINANT_ABSENT})


def dialogue_rule(case) -> DialogueRule | None:
    """The rule that makes a dialogue mandatory for this case, or None."""
    if case.kind != CaseKind.KHIEU_NAI:
        return None
    if case.second_time:
        return SECOND_TIME
    if case.verification_differs:
        return REQUEST_DIFFERS
    return None


# Who schedules, moves or records the dialogue: "người giải quyết khiếu nại tổ chức đối
# thoại", so the staff of the unit competent for the case (its handling unit,
# complaints/rules/resolver.py), never a unit that merely sees it (a Sở inspector and a
# hospital's first-round complaint). The same people record the meeting held, its minutes
# and result (khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP):
# the resolver's act, one of the grounds of its decision (khoản 5 Điều 30).
ORGANIZER_ARTICLES = {
    False: "khoản 1 Điều 30 Luật Khiếu nại; khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi "
    "bởi Điều 11 Nghị định 155/2026/NĐ-CP)",
    True: "Điều 39 Luật Khiếu nại; khoản 1, khoản 2 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi "
    "bởi Điều 11 Nghị định 155/2026/NĐ-CP)",
}
RECORDER_ARTICLES = {
    False: "khoản 1 Điều 30, khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định "
    "124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)",
    True: "Điều 39, khoản 4 Điều 30 Luật Khiếu nại; khoản 2, khoản 4 Điều 28 Nghị định "
    "124/2020/NĐ-CP (sửa đổi bởi Điều 11 Nghị định 155/2026/NĐ-CP)",
}


def organizer_refusal(*, case, user, recording: bool = False) -> str | None:
    """Why `user` may not schedule or move `case`'s dialogue (`recording`: record the
    meeting's outcome, minutes, result and times): only the people of its competent unit
    (`complaints.selectors.unit_staff.is_unit_staff`, the one rule of who works for a unit,
    read without a query by `works_for_unit`) or a superuser, as for the resolver's
    decisions; None when they may. One rule for both steps; only the words differ."""
    from complaints.citations import citation_read
    from complaints.selectors.identity import works_for_unit

    unit = case.assigned_unit
    if user.is_superuser or (unit is not None and works_for_unit(user=user, unit_id=unit.pk)):
        return None
    articles = RECORDER_ARTICLES if recording else ORGANIZER_ARTICLES
    article = citation_read(articles[bool(case.second_time)])
    if unit is None:
        if recording:
            return str(_(
                "Chưa ghi kết quả đối thoại được: hồ sơ chưa giao đơn vị có thẩm quyền giải "
                "quyết; người giải quyết khiếu nại tổ chức đối thoại và lập biên bản "
                "(%(article)s)."
            ) % {"article": article})
        return str(_(
            "Chưa lên lịch đối thoại được: hồ sơ chưa giao đơn vị có thẩm quyền giải quyết; "
            "người giải quyết khiếu nại tổ chức đối thoại (%(article)s)."
        ) % {"article": article})
    if recording:
        return str(_(
            "Chỉ cán bộ của %(unit)s, đơn vị có thẩm quyền giải quyết khiếu nại này, được ghi "
            "kết quả đối thoại: người giải quyết khiếu nại tổ chức đối thoại và lập biên bản "
            "đối thoại (%(article)s)."
        ) % {"unit": unit.name, "article": article})
    return str(_(
        "Chỉ cán bộ của %(unit)s, đơn vị có thẩm quyền giải quyết khiếu nại này, được lên lịch "
        "hoặc dời lịch đối thoại: người giải quyết khiếu nại tổ chức đối thoại (%(article)s)."
    ) % {"unit": unit.name, "article": article})


def head_named(text: str, head_name: str) -> bool:
    """Whether `text` (the chair recorded, the participants invited) names the head."""
    return head_name.casefold() in (text or "").casefold()


def chair_not_head_refusal(head_name: str):
    """Why a second-time complaint's dialogue is not recorded with another chair than the
    head the portal knows (`HEAD_LEADS_ARTICLE`): an inspector may record the minutes on the
    head's behalf, never name himself chair. Read in its reader's language."""
    return lazy_message(
        _(
            "Khiếu nại lần hai: Giám đốc Sở %(head)s phải trực tiếp chủ trì đối thoại, không "
            "phân công cấp phó hay cán bộ khác chủ trì (%(article)s). Ghi %(head)s là người chủ "
            "trì; nếu Giám đốc Sở không chủ trì, buổi đối thoại phải được tổ chức lại."
        ),
        head=head_name,
        article=citation_read_later(HEAD_LEADS_ARTICLE),
    )


def head_not_named_warning(head_name: str) -> str:
    """The warning of a second-time complaint's meeting scheduled without the head among its
    participants (`HEAD_LEADS_ARTICLE`): recorded, not refused."""
    from complaints.citations import citation_read

    return str(
        _(
            "Thành phần tham gia chưa có Giám đốc Sở %(head)s: khiếu nại lần hai, Giám đốc Sở "
            "phải trực tiếp chủ trì đối thoại (%(article)s)."
        )
        % {"head": head_name, "article": citation_read(HEAD_LEADS_ARTICLE)}
    )


# The dialogue is held on the verification's result: "yêu cầu của người khiếu nại và kết
# quả xác minh còn khác nhau" (khoản 1 Điều 30 Luật Khiếu nại); its chair states "kết quả
# xác minh nội dung khiếu nại" (khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP, sửa đổi bởi Điều 11
# Nghị định 155/2026/NĐ-CP). Its minutes wait for the verification report; a meeting may be
# scheduled before it, with a warning.
VERIFICATION_FIRST_ARTICLE = (
    "khoản 1 Điều 30 Luật Khiếu nại; khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP (sửa đổi bởi "
    "Điều 11 Nghị định 155/2026/NĐ-CP)"
)


def verification_missing_refusal(case) -> str | None:
    """Why the dialogue's outcome is not recorded yet: no verification report (the case's
    `verification_reported_on`); None once there is one."""
    from complaints.citations import citation_read

    if case.verification_reported_on is not None:
        return None
    return str(
        _(
            "Chưa ghi kết quả đối thoại được: chưa có báo cáo kết quả xác minh. Người chủ trì "
            "đối thoại phải nêu rõ kết quả xác minh nội dung khiếu nại (%(article)s); hãy ghi "
            "“Báo cáo kết quả xác minh” trước."
        )
        % {"article": citation_read(VERIFICATION_FIRST_ARTICLE)}
    )


def verification_missing_warning() -> str:
    """The warning of a dialogue scheduled before the verification report."""
    from complaints.citations import citation_read

    return str(
        _(
            "Chưa có báo cáo kết quả xác minh: buổi đối thoại nêu kết quả xác minh (%(article)s). "
            "Hãy có báo cáo trước ngày đối thoại; chưa có báo cáo thì chưa ghi được kết quả "
            "đối thoại."
        )
        % {"article": citation_read(VERIFICATION_FIRST_ARTICLE)}
    )
