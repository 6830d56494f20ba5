"""Messages to the citizen on each public event of their case, by e-mail and/or SMS.

Sent only by the channels the citizen agreed to (`Reporter.consent_contact` for
e-mail, `consent_sms` for SMS) and for the purposes they chose (Luật BVDLCN 91/2025
Art 9: see `complaints.notifications.notifier`), with the public timeline's words:
never the reporter's identity (a denouncer's is secret, Luật TC Art 47), never
internal notes. Queued after the commit as a background task, retried on failure;
a failure never undoes the case."""

from __future__ import annotations

import copy

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from complaints import emails
from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.signals import case_created, case_event_recorded

# A subject longer than this is cut by mail readers on a phone.
SUBJECT_LABEL_CHARS = 90


def _subject_label(message: str, status_text: str) -> str:
    """The event's words for the mail's subject: the status instead when they are a long
    text (a decision's public answer), never a paragraph in a subject line."""
    label = message.strip().rstrip(".")
    if len(label) <= SUBJECT_LABEL_CHARS:
        return label
    return status_text or Truncator(label).chars(SUBJECT_LABEL_CHARS)


# When the event's words are an officer's text (a request, an answer: the Vietnamese record,
# shown as written in any language), the subject says what happened in the reader's words
# and the body frames the text; never the officer's paragraph as a subject. {(kind or None,
# action): subject}; any other officer's text: the timeline's label of its action.
RECORDED_SUBJECTS = {
    (None, "request_info"): gettext_lazy("Cần ông/bà bổ sung thông tin về hồ sơ"),
    (CaseKind.KHIEU_NAI, "conclude"): gettext_lazy("Quyết định giải quyết khiếu nại của ông/bà"),
    (CaseKind.TO_CAO, "conclude"): gettext_lazy("Kết luận nội dung tố cáo của ông/bà"),
    (CaseKind.PHAN_ANH, "conclude"): gettext_lazy("Trả lời phản ánh của ông/bà"),
    (CaseKind.KIEN_NGHI, "conclude"): gettext_lazy("Trả lời kiến nghị của ông/bà"),
}
# The line before an officer's text in the body ("(in Vietnamese)" in another language).
RECORDED_INTROS = {
    "request_info": gettext_lazy("Cơ quan giải quyết đề nghị ông/bà bổ sung thông tin như sau:"),
}
RECORDED_INTRO = gettext_lazy("%(what)s. Nội dung cơ quan giải quyết ghi:")


def _recorded_subject(kind: str, action: str, label: str) -> str:
    subject = RECORDED_SUBJECTS.get((kind, action)) or RECORDED_SUBJECTS.get((None, action))
    return str(subject) if subject is not None else label


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


# What a receipt promises next: only the purposes the citizen chose besides the receipt (each
# purpose is a consent of its own, Điều 9 Luật Bảo vệ dữ liệu cá nhân;
# complaints.notifications.notifier), in the order they come.
LATER_NOTICES = (
    ("notify_info_request", gettext_lazy("khi cần ông/bà bổ sung thông tin")),
    ("notify_decision",
     gettext_lazy("khi hồ sơ chuyển sang bước giải quyết mới và khi có kết quả")),
    ("notify_reminders", gettext_lazy("khi sắp hết hạn ông/bà cần trả lời cơ quan giải quyết")),
)


def receipt_context(case, reporter) -> dict:
    """What only the receipt says: the notices still to come, as chosen, in the active
    language. (The signed letter an online complaint or denunciation still owes, and where it
    goes, is in every notice while it is owed: `event_context`.)"""
    from complaints.citations import citation_read
    from complaints.rules.resolver import RESOLVER_KINDS, article_for

    # Who resolves a complaint or a denunciation: the head of its competent unit, which may
    # not be the Sở receiving it (a hospital's complaint: khoản 2 Điều 3 Nghị định
    # 124/2020/NĐ-CP; complaints/rules/resolver.py).
    unit = case.assigned_unit if case.kind in RESOLVER_KINDS else None
    return {
        "later_notices": [
            str(words) for flag, words in LATER_NOTICES
            if reporter is not None and getattr(reporter, flag, False)
        ],
        "resolver": unit.name if unit is not None else "",
        "resolver_article": citation_read(str(article_for(case))) if unit is not None else "",
    }


# A notice states the case as its event left it, whenever the background worker sends it: a
# complaint accepted and decided minutes later gets an acceptance notice without the decision,
# and the decision's notice with it and the second complaint's 30 days, counted from that
# notice (khoản 1 Điều 33 Luật Khiếu nại). These fields of the case are read when the event is
# recorded and travel with the task (`case_state`, codes and dates only: no text a citizen or
# an officer wrote); the rest is the event's own (its message, the decision and the reply date
# in its data) or the events before it (the conclusion in force).
CASE_STATE_FIELDS = (
    "status", "accept_by", "resolve_by", "concluded_at", "second_time", "is_remote",
    "signature_method", "assigned_unit",
)
# Still being resolved: a resolution time limit runs (not before acceptance, when the tracking
# page calls its date an estimate; not while suspended, when the clock is paused: khoản 2 Điều
# 28b Nghị định 124/2020/NĐ-CP; not once decided).
RESOLUTION_RUNNING = frozenset({CaseStatus.ACCEPTED, CaseStatus.VERIFYING})
DECIDED = frozenset({CaseStatus.CONCLUDED, CaseStatus.CLOSED})


def _state_fields():
    from complaints.models import Case

    return [Case._meta.get_field(name) for name in CASE_STATE_FIELDS]


def case_state(case) -> dict:
    """The case as the event just recorded left it, as JSON (`CASE_STATE_FIELDS`); read from
    the instance the event was recorded with (no query)."""
    state = {}
    for field in _state_fields():
        value = field.value_from_object(case)
        state[field.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    return state


def case_as_of(case, state: dict | None):
    """A copy of `case` with the fields of `state` (`case_state`): the case as of its event.
    Without a state (a task queued before it was carried), the case as it is now."""
    if not state:
        return case
    then = copy.copy(case)
    for field in _state_fields():
        if field.attname in state:
            setattr(then, field.attname, field.to_python(state[field.attname]))
    return then


def _conclusion_at(case, event):
    """The conclusion in force when `event` happened: the event itself, or the last one before
    it (a reopening after it is later still)."""
    if event.action == "conclude":
        return event
    return (
        case.events.filter(action="conclude")
        .filter(Q(at__lt=event.at) | Q(at=event.at, pk__lt=event.pk))
        .order_by("-at", "-pk")
        .first()
    )


def event_context(case, event) -> dict:
    """What the notice of `event` says, in the active language, its links opening the portal
    in it (`emails.citizen_url`); `case` is the case as the event left it (`case_as_of`)."""
    from complaints.rules.citizen_guidance import next_steps_for_citizen
    from complaints.rules.signature import signature_notice_for_citizen
    from complaints.selectors.tracking import public_event, status_label
    from complaints.services.decision import decision_from_event

    shown = public_event(event, kind=case.kind)  # the citizen's own acts addressed to them
    message = shown.message
    status = public_status(case.status)
    reply_by = ""
    if event.action == "request_info":
        from complaints.services.citizen_reply import info_request_reply_by

        reply_by = info_request_reply_by(event).strftime("%d/%m/%Y")
    answer, decision = "", ""
    # A closing after the answer was sent says only that the case is closed: the answer and
    # the decision went in the conclusion's own notice, seconds before for a report.
    if case.status in DECIDED and event.action != "close":
        conclusion = _conclusion_at(case, event)
        answer = (conclusion.public_message if conclusion is not None else "") or (
            case.public_answer
        )
        recorded = decision_from_event(case, conclusion) if conclusion is not None else None
        decision = recorded.text() if recorded is not None else ""
    language = translation.get_language()
    # What a complainant may do once the complaint is resolved (Điều 7, Điều 33 Luật Khiếu
    # nại), or once its time limit passed: as on the day of the event.
    next_step = next_steps_for_citizen(case, today=timezone.localtime(event.at).date())
    status_text = shown.status_label or status_label(status, case.kind)
    if shown.recorded:  # an officer's text: what happened, then the text framed
        subject = _recorded_subject(case.kind, event.action, shown.label or status_text)
        # The conclusion's text is the answer, given once under its heading.
        answer_is_news = bool(answer) and message.strip() == answer.strip()
        intro = RECORDED_INTROS.get(event.action)
        event_intro = (
            _sentence(subject) if answer_is_news
            else str(intro) if intro is not None
            else str(RECORDED_INTRO) % {"what": subject.rstrip(".")}
        )
    else:
        subject = _subject_label(message, status_text)
        answer_is_news, event_intro = False, ""
    return {
        "tracking_code": case.tracking_code,
        "kind_label": CaseKind(case.kind).label,
        "title": case.title,
        # The timeline's words: without their stop in a subject, as a sentence in a text; an
        # officer's text (`shown.recorded`) named by what happened, framed by `event_intro`.
        "event_label": subject,
        "event_sentence": _sentence(message),
        "event_intro": event_intro,
        "answer_is_news": answer_is_news,
        "reply_by": reply_by,
        "status_label": status_text,
        "at": timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
        "accept_by": case.accept_by.strftime("%d/%m/%Y") if case.accept_by else "",
        "resolve_by": (
            case.resolve_by.strftime("%d/%m/%Y")
            if case.resolve_by and case.status in RESOLUTION_RUNNING
            else ""
        ),
        "forwarded_to": case.forwarded_to if case.status == CaseStatus.FORWARDED else "",
        "public_answer": answer,
        # The decision by its number and day: the second complaint's form asks for them.
        "decision": decision,
        "tracking_url": emails.tracking_url(case.tracking_code, language),
        "next_step": next_step.text if next_step else "",
        "second_complaint_url": (
            emails.citizen_url(next_step.second_complaint_url, language)
            if next_step and next_step.second_complaint_url else ""
        ),
        # The signed letter still owed and where it goes (the unit handling the case).
        "signature_notice": signature_notice_for_citizen(case) or "",
    }


def notify_citizen(*, case, event, template: str) -> None:
    """Queue `template` about `event` for the citizen (sent only with their consent), with
    the case as the event left it (`case_state`)."""
    if event is None or not event.is_public:
        return
    from complaints.notifications.notifier import deliver_citizen_notice
    from portal.tasks import enqueue_on_commit

    enqueue_on_commit(
        deliver_citizen_notice, case.pk, event.pk, template, state=case_state(case)
    )


@receiver(case_created, dispatch_uid="complaints.notifications.citizen.case_created")
def on_case_created(sender, case, event=None, **kwargs) -> None:
    notify_citizen(case=case, event=event, template="citizen_received")


# The steps whose notice is a message of its own instead of `citizen_event` (one message a
# step, never both): {action: e-mail and SMS code}; its words, `notifier.NOTICE_CONTEXTS`.
CITIZEN_TEMPLATES = {
    # the invitation to a dialogue (complaints.notifications.dialogue_invitation)
    "schedule_dialogue": "citizen_dialogue_invitation",
}


@receiver(case_event_recorded, dispatch_uid="complaints.notifications.citizen.case_event")
def on_case_event_recorded(sender, case, event, **kwargs) -> None:
    if event.action == "document_issued":  # sent with its PDF by complaints.documents.tasks
        return
    template = CITIZEN_TEMPLATES.get(event.action, "citizen_event")
    notify_citizen(case=case, event=event, template=template)
