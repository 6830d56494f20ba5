"""The one write path of drafts: propose, edit, return, withdraw, approve.

Every service runs in one transaction, locks the draft (and, to propose, the case)
before reading it, and records what happened twice: on the draft (its history, with
the acting user and the change reason `origin=… action=draft_…`) and as a private
`CaseEvent` on the case, so the case's timeline shows drafts and their fate. After the
commit, a proposal (or a proposal again after a return) is e-mailed to the leaders who may
approve it, a return (with its reason) or an approval to the draft's author
(complaints/approvals/alerts.py), and the figures "chờ phê duyệt" shown on every admin page
are counted again (complaints/approvals/counts.py). Errors are
the workflow's: `Case.DoesNotExist` / `Draft.DoesNotExist` outside the actor's scope,
PermissionDenied, TransitionNotAllowed (409), TransitionInvalid (400).

Each service takes an optional `idempotency_key` (the staff API's `Idempotency-Key`) with
the meaning it has for a case action (`complaints.services.idempotency`): the step's
`CaseEvent` keeps it; a retry by the same actor with the same key and request answers
what the first call did (the same draft; for an approval, the same transition event) and
acts on nothing again; the same key with another request raises `IdempotencyConflict`.
The key is looked up once the draft (to propose: the case) is locked, so of two identical
requests at once the second waits and answers the first's result."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.approvals.counts import drafts_changed
from complaints.approvals.deciders import approving_unit, decide_refusal, reads_drafts_of
from complaints.approvals.models import OPEN_DRAFT_STATUSES, Draft, DraftComment, DraftStatus
from complaints.approvals.rules import is_proposable
from complaints.models import Case, CaseEvent
from complaints.rules.press_office import press_office_refusal
from complaints.rules.resolver import outside_unit_refusal
from complaints.services.idempotency import staff_replay, staff_request
from complaints.services.workflow import (
    TransitionInvalid,
    TransitionNotAllowed,
    UnknownAction,
    case_transition,
)
from complaints.transitions import ACTIONS, TRANSITIONS, transition_for
from portal.lazy_text import lazy_message, read_later

__all__ = [
    "APPROVE_PERMISSION",
    "PROPOSE_PERMISSION",
    "draft_approve",
    "draft_edit",
    "draft_propose",
    "draft_return",
    "draft_withdraw",
]

PROPOSE_PERMISSION = "complaints.act_on_case"
# What the leader confirms when deciding though the portal lacks something the law expects
# on record (the dialogue's documents, the notices owed to the parties: complaints/rules/
# dialogue_documents.py, owed_notices.py): asked where the leader approves, never taken
# from the proposer's draft.
LEADER_CONFIRMATIONS = ("without_dialogue_documents", "notices_given_outside")
APPROVE_PERMISSION = "complaints.approve_case"
COMMENT_MAX = 4000


def _label(action: str):
    """The step's name, lazy: read in the reader's language."""
    row = next((t for t in TRANSITIONS if t.action == action), None)
    return row.label if row else action


def _state_refusal(case: Case, action: str):
    return lazy_message(
        gettext_lazy("Không thể đề xuất “%(label)s” khi hồ sơ đang ở trạng thái “%(status)s”."),
        label=_label(action), status=read_later(case.get_status_display),
    )


def propose_refusal(*, case: Case, action: str, actor) -> str | None:
    """Why `actor` may not propose `action` on `case` now (the checks of `draft_propose`
    before the fields: the press office's own steps, the state, the law's guards), for a
    screen to say so before the form is filled in; None when it may."""
    refusal = press_office_refusal(case=case, user=actor, action=action) or (
        outside_unit_refusal(case=case, user=actor, action=action)
    )
    if refusal:
        return refusal
    transition = transition_for(case=case, action=action)
    if transition is None:
        return str(_state_refusal(case, action))
    return transition.refusal(case)


def _validated(*, case: Case, action: str, data: dict, actor, now) -> dict:
    """The draft's fields as the action will take them: only the action's own fields,
    checked now by the workflow's own field rules (every error at once), stored as
    given (JSON), so that approving performs exactly what was proposed."""
    from complaints.services.workflow import _clean  # the workflow's field rules, reused

    transition = transition_for(case=case, action=action)
    if transition is None:
        raise TransitionNotAllowed(_state_refusal(case, action))
    refusal = transition.refusal(case)
    if refusal:
        raise TransitionNotAllowed(refusal, written_again=lambda: transition.refusal(case))
    if not isinstance(data, dict):
        raise TransitionInvalid({"data": [gettext_lazy("Dữ liệu phải là một đối tượng.")]})
    _clean(transition=transition, case=case, data=data, now=now, actor=actor)
    return {
        name: data[name] for name in transition.fields
        if data.get(name) not in (None, "", []) and name not in LEADER_CONFIRMATIONS
    }


def _comment_text(value, *, case, writer) -> str:
    """The comment or note, checked as every text on a case: never a denouncer's identity
    (complaints/services/confidential_text.py; it is on the case's timeline)."""
    from complaints.services.confidential_text import identity_refusal

    if value is None:
        return ""
    if not isinstance(value, str):
        raise TransitionInvalid({"comment": [gettext_lazy("Giá trị phải là văn bản.")]})
    value = value.strip()
    if len(value) > COMMENT_MAX:
        raise TransitionInvalid(
            {"comment": [
                lazy_message(gettext_lazy("Tối đa %(count)s ký tự."), count=COMMENT_MAX)
            ]}
        )
    refusal = identity_refusal(value, case=case, writer=writer)
    if refusal:
        raise TransitionInvalid({"comment": [refusal]})
    return value


def _record(
    *, draft: Draft, code: str, actor, now, origin: str, note: str = "", retry=(None, "")
) -> CaseEvent:
    """The draft's step on the case's timeline (staff only), keeping the request's
    idempotency key and fingerprint (`retry`, from `staff_request`) when it has one. The
    case is no longer new for the actor (`alerts_mark_seen`)."""
    from complaints.notifications.staff import alerts_mark_seen

    key, fingerprint = retry
    case = draft.case
    alerts_mark_seen(case=case, user=actor)  # who proposes, returns, approves has seen it
    return CaseEvent.objects.create(
        case=case,
        action=code,
        from_status=case.status,
        to_status=case.status,
        actor=actor,
        at=now,
        is_public=False,
        note=note,
        data={"origin": origin, "draft": draft.pk, "proposed_action": draft.action},
        idempotency_key=key,
        request_fingerprint=fingerprint,
    )


def _save(draft: Draft, *, actor, origin: str, code: str) -> None:
    draft._history_user = actor
    draft._change_reason = f"origin={origin} action={code}"
    draft.save()
    drafts_changed()  # the figures "chờ phê duyệt" are counted again after the commit


def _alert(draft: Draft, event: CaseEvent) -> None:
    """The step's e-mail (complaints/approvals/alerts.py), queued for after the commit: to
    the leaders who may approve a draft proposed (again), to its author when it is returned
    or approved."""
    from complaints.approvals.alerts import draft_alert

    draft_alert(draft=draft, event=event)


def _locked_draft(*, draft_id: int, actor, retry=(None, "")) -> tuple[Draft, CaseEvent | None]:
    """The draft, locked, if its case is in the actor's scope and they may read its drafts
    (`deciders.reads_drafts_of`; else Draft.DoesNotExist),
    and the event of the step a first call with this request's key recorded (a retry:
    found before the scope is checked, as a case action's; None otherwise)."""
    draft = Draft.objects.select_for_update().get(pk=draft_id)
    replay = staff_replay(key=retry[0], fingerprint=retry[1])
    if replay is not None:
        return draft, replay
    case = Case.objects.in_scope_of(actor).filter(pk=draft.case_id).first()
    if case is None or not (
        draft.author_id == actor.pk or reads_drafts_of(case=case, user=actor)
    ):
        raise Draft.DoesNotExist
    draft.case = case
    return draft, None


def _check_approver(draft: Draft, actor) -> None:
    """The one rule of who decides a draft (complaints/approvals/deciders.py)."""
    refusal = decide_refusal(draft=draft, user=actor)
    if refusal:
        raise PermissionDenied(refusal)


def _check_open(draft: Draft, *, statuses=(DraftStatus.PENDING,)) -> None:
    if draft.status not in statuses:
        raise TransitionNotAllowed(lazy_message(
            gettext_lazy("Dự thảo này đã ở trạng thái “%(status)s”; hãy tải lại trang."),
            status=read_later(draft.get_status_display),
        ))


def draft_propose(
    *,
    case_id: int,
    action: str,
    data: dict,
    actor,
    origin: str,
    note: str = "",
    idempotency_key: str | None = None,
) -> Draft:
    """Store a draft of `action` on the case for the competent unit's leaders.

    Guarantees: the case is locked and must be in the actor's scope; the actor may act
    on cases (`act_on_case`); the action is one a leader decides (`approvals.rules`), open
    for the case now (state, kind, the law's guards) and its fields pass the workflow's
    checks. One open draft per case and action (a constraint: a double click proposes
    once, the second answers 409). Records the proposal on the case's timeline. A retry
    with the same `idempotency_key` returns the draft the first call proposed."""
    if action not in ACTIONS:
        raise UnknownAction(_("Không có thao tác “%(action)s”.") % {"action": action})
    retry = staff_request(
        idempotency_key, actor=actor, request=["draft_propose", case_id, action, data, note]
    )
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        case = Case.objects.in_scope_of(actor).select_for_update().get(pk=case_id)
        replay = staff_replay(key=retry[0], fingerprint=retry[1])
        if replay is not None:
            return Draft.objects.get(pk=replay.data["draft"])
        if not actor.has_perm(PROPOSE_PERMISSION):
            raise PermissionDenied(gettext_lazy("Bạn không có quyền đề xuất thao tác trên hồ sơ."))
        if not is_proposable(action, case.kind):
            raise TransitionNotAllowed(lazy_message(
                gettext_lazy(
                    "Thao tác “%(label)s” không trình phê duyệt; hãy thực hiện trực tiếp."
                ),
                label=_label(action),
            ))
        # A press case's finding is the press office's: the facility verifying the article
        # reports, it does not draft the Sở's conclusion (complaints/rules/press_office.py).
        refusal = press_office_refusal(case=case, user=actor, action=action)
        if refusal:
            raise TransitionNotAllowed(refusal, written_again=lambda: press_office_refusal(
                case=case, user=actor, action=action
            ))
        # A first complaint's acceptance, decision and findings are proposed by the people
        # of the unit resolving it, never by a unit above (complaints/rules/resolver.py).
        refusal = outside_unit_refusal(case=case, user=actor, action=action)
        if refusal:
            raise TransitionNotAllowed(refusal, written_again=lambda: outside_unit_refusal(
                case=case, user=actor, action=action
            ))
        stored = _validated(case=case, action=action, data=dict(data or {}), actor=actor, now=now)
        note = _comment_text(note, case=case, writer=actor)
        if Draft.objects.filter(case=case, action=action, status__in=OPEN_DRAFT_STATUSES).exists():
            raise TransitionNotAllowed(_duplicate_message(action))
        draft = Draft(
            case=case,
            action=action,
            data=stored,
            author=actor,
            unit=approving_unit(case),
            proposed_at=now,
        )
        try:
            with transaction.atomic():
                _save(draft, actor=actor, origin=origin, code="draft_propose")
        except IntegrityError as error:  # another request proposed it meanwhile
            raise TransitionNotAllowed(_duplicate_message(action)) from error
        if note:
            DraftComment.objects.create(draft=draft, author=actor, text=note, at=now)
        event = _record(
            draft=draft,
            code="draft_propose",
            actor=actor,
            now=now,
            origin=origin,
            note=note,
            retry=retry,
        )
        _alert(draft, event)
    return draft


def _duplicate_message(action: str):
    return lazy_message(
        gettext_lazy("Hồ sơ đã có một dự thảo “%(label)s” đang chờ xử lý."), label=_label(action)
    )


def draft_edit(
    *,
    draft_id: int,
    actor,
    data: dict,
    origin: str,
    comment: str = "",
    idempotency_key: str | None = None,
) -> Draft:
    """Change a draft's fields.

    The author edits a draft returned to them (or still pending): it goes back to the
    queue. A leader who may approve it edits a pending draft in place (it stays pending
    and its author is unchanged, so the leader may then approve it). The fields pass the
    workflow's checks again; the edit and its comment are on the timeline."""
    retry = staff_request(
        idempotency_key, actor=actor, request=["draft_edit", draft_id, data, comment]
    )
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        draft, replay = _locked_draft(draft_id=draft_id, actor=actor, retry=retry)
        if replay is not None:
            return draft
        Case.objects.select_for_update().filter(pk=draft.case_id).first()
        resubmitted = False
        if draft.author_id == actor.pk:
            _check_open(draft, statuses=OPEN_DRAFT_STATUSES)
            resubmitted = draft.status == DraftStatus.RETURNED
            draft.status = DraftStatus.PENDING
        else:
            _check_approver(draft, actor)
            _check_open(draft)
        draft.data = _validated(
            case=draft.case, action=draft.action, data=dict(data or {}), actor=actor, now=now
        )
        comment = _comment_text(comment, case=draft.case, writer=actor)
        _save(draft, actor=actor, origin=origin, code="draft_edit")
        if comment:
            DraftComment.objects.create(draft=draft, author=actor, text=comment, at=now)
        event = _record(
            draft=draft,
            code="draft_edit",
            actor=actor,
            now=now,
            origin=origin,
            note=comment,
            retry=retry,
        )
        if resubmitted:  # back in the queue: its leaders are told again
            _alert(draft, event)
    return draft


def draft_return(
    *, draft_id: int, actor, comment: str, origin: str, idempotency_key: str | None = None
) -> Draft:
    """A leader sends a pending draft back to its author with a comment (required)."""
    retry = staff_request(idempotency_key, actor=actor, request=["draft_return", draft_id, comment])
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        draft, replay = _locked_draft(draft_id=draft_id, actor=actor, retry=retry)
        if replay is not None:
            return draft
        _check_approver(draft, actor)
        _check_open(draft)
        comment = _comment_text(comment, case=draft.case, writer=actor)
        if not comment:
            raise TransitionInvalid(
                {"comment": [gettext_lazy("Hãy ghi ý kiến khi trả lại dự thảo.")]}
            )
        draft.status = DraftStatus.RETURNED
        draft.decided_by, draft.decided_at = actor, now
        _save(draft, actor=actor, origin=origin, code="draft_return")
        DraftComment.objects.create(draft=draft, author=actor, text=comment, at=now)
        event = _record(
            draft=draft,
            code="draft_return",
            actor=actor,
            now=now,
            origin=origin,
            note=comment,
            retry=retry,
        )
        _alert(draft, event)  # to its author, with the reason
    return draft


def draft_withdraw(
    *, draft_id: int, actor, origin: str, idempotency_key: str | None = None
) -> Draft:
    """The author withdraws an open draft."""
    retry = staff_request(idempotency_key, actor=actor, request=["draft_withdraw", draft_id])
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        draft, replay = _locked_draft(draft_id=draft_id, actor=actor, retry=retry)
        if replay is not None:
            return draft
        if draft.author_id != actor.pk:
            raise PermissionDenied(gettext_lazy("Chỉ người đề xuất được rút dự thảo."))
        _check_open(draft, statuses=OPEN_DRAFT_STATUSES)
        draft.status = DraftStatus.WITHDRAWN
        _save(draft, actor=actor, origin=origin, code="draft_withdraw")
        _record(
            draft=draft, code="draft_withdraw", actor=actor, now=now, origin=origin, retry=retry
        )
    return draft


def _check_version(draft: Draft, expected_version: str | None) -> None:
    """A stale approve form: the draft changed since the leader's page showed it (the
    same guard as `expected_status` for the case's actions)."""
    if expected_version is not None and expected_version != draft.version:
        raise TransitionNotAllowed(
            gettext_lazy(
                "Dự thảo đã được sửa sau khi bạn mở trang; hãy xem lại bản mới trước khi phê duyệt."
            )
        )


def draft_approve(
    *,
    draft_id: int,
    actor,
    origin: str,
    comment: str = "",
    expected_version: str | None = None,
    document_id: int | None = None,
    document_version: str | None = None,
    confirmations: tuple[str, ...] | list[str] = (),
    idempotency_key: str | None = None,
    signed_confirmed: bool = False,
) -> CaseEvent:
    """A leader approves a pending draft: the action is performed now, as proposed,
    through `case_transition` (its checks and effects, the leader as its actor).

    `document_id` (with `document_version`, the `Document.version` the leader was shown)
    names the drafted document of the step the leader issues with it, in the same act:
    e.g. the decision on a complaint or the conclusion of a denunciation a proposed
    conclusion names no paper decision for (complaints/rules/decision.py); issued only
    with `signed_confirmed` (the leader confirms it was signed: `document_issue`).

    `confirmations` (names of `LEADER_CONFIRMATIONS`) are the leader's own: deciding though
    the dialogue's documents or the notices owed to the parties are not in the portal; the
    transition asks for them where something is missing and its event keeps them.

    Guarantees: one transaction around the lock of the draft, the transition and the
    draft's new state: if the transition is refused (the case moved, a guard of the law
    closed it) nothing changes and the draft stays pending. Nobody approves their own
    draft (PermissionDenied; a database constraint too); the case must be in the
    leader's scope. `expected_version` (the `Draft.version` the leader was shown), when
    given, must still be the draft's: an edit made meanwhile is never approved unseen
    (TransitionNotAllowed). A second approval (a double click) finds the draft decided
    (TransitionNotAllowed). Returns the transition's `CaseEvent` (a retry with the same
    `idempotency_key`: the one the first call recorded)."""
    retry = staff_request(
        idempotency_key, actor=actor,
        request=["draft_approve", draft_id, comment, expected_version, document_id,
                 document_version, sorted(confirmations)],
    )  # fmt: skip
    unknown = set(confirmations) - set(LEADER_CONFIRMATIONS)
    if unknown:
        raise TransitionInvalid({name: [gettext_lazy("Không có xác nhận này.")]
                                 for name in sorted(unknown)})  # fmt: skip
    now = timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        draft, replay = _locked_draft(draft_id=draft_id, actor=actor, retry=retry)
        if replay is not None:
            return draft.event
        _check_approver(draft, actor)
        _check_open(draft)
        _check_version(draft, expected_version)
        comment = _comment_text(comment, case=draft.case, writer=actor)
        event = case_transition(
            case_id=draft.case_id,
            action=draft.action,
            actor=actor,
            data={
                **{k: v for k, v in draft.data.items() if k not in LEADER_CONFIRMATIONS},
                **dict.fromkeys(confirmations, True),
                "expected_status": draft.case.status,
            },
            origin=origin,
            document_id=document_id,
            document_version=document_version,
            signed_confirmed=signed_confirmed,
            handled_by=draft.author,  # a handling step's handler: who prepared it
        )
        draft.case.refresh_from_db()
        now = event.at  # the decision and the transition are one moment
        draft.status = DraftStatus.APPROVED
        draft.decided_by, draft.decided_at, draft.event = actor, now, event
        _save(draft, actor=actor, origin=origin, code="draft_approve")
        if comment:
            DraftComment.objects.create(draft=draft, author=actor, text=comment, at=now)
        _alert(
            draft,
            _record(
                draft=draft,
                code="draft_approve",
                actor=actor,
                now=now,
                origin=origin,
                note=comment,
                retry=retry,
            ),
        )
        event.data = {**(event.data or {}), "draft": draft.pk}
        event.save(update_fields=["data"])
    return event
