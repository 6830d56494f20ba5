"""The case workspace of the Wagtail admin (the one back office).

Views read through the selectors and write through the services only:
`case_transition` (actions), `cases_assign` (bulk assignment), `case_note_add`
(notes). Every case is looked up in `Case.objects.in_scope_of(user)`: a case
outside the user's scope answers 404 as if it did not exist. The reporter's
identity is shown and attachments of a tố cáo are served only through
`reporter_for`, which decides and logs; exports carry no identity at all."""

from __future__ import annotations

import datetime
import logging
import re

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from complaints.admin.due_order import list_cases
from complaints.admin.facets import facet_groups
from complaints.admin.filters import CaseFilter
from complaints.admin.forms import BulkAssignForm, NoteForm, TransitionForm
from complaints.admin.labels import counted_in_label, step_label
from complaints.admin.rows import RowLabels, due_info, list_rows, related_lines
from complaints.deadlines import RESOLVE_STEP, RULE_VERSIONS
from complaints.kinds import CLOSED_STATUSES, CaseKind, CaseStatus
from complaints.models import Attachment, Case, CaseDeadline
from complaints.notifications.staff import alerts_mark_seen, unseen_case_ids
from complaints.querysets import current_due, reads_only
from complaints.rules.press_correction import STEP as CORRECTION_STEP
from complaints.rules.verification_team import team_members
from complaints.selectors.dashboard import dashboard_counters
from complaints.selectors.history import staff_name
from complaints.selectors.identity import attachments_hidden
from complaints.selectors.reader_language import citizen_language
from complaints.services.attachments import download_name
from complaints.services.tracking import normalize_tracking_code
from complaints.step_labels import medium_label

logger = logging.getLogger(__name__)

VIEW_PERMISSION = "complaints.view_case"
ACT_PERMISSION = "complaints.act_on_case"
PAGE_SIZE = 50
# Filters folded under "more filters" (the details element opens when one is set).
MORE_FILTERS = ("facility", "category", "channel", "received_from", "received_to", "order")
# Filters only the dashboard's and the report's links set (shown, kept, not offered as fields).
LINK_FILTERS = (
    "unit", "handler", "concluded_from", "concluded_to", "late", "rated_from", "rated_to"
)
def can_record_intake(user) -> bool:
    """Who records a call, a visit or a letter as a case (province-wide intake)."""
    return user.has_perm(ACT_PERMISSION) and user.has_perm("complaints.view_all_cases")


def can_log_press(user) -> bool:
    """Who logs a press article (as `case_log_press_report` checks it)."""
    return user.has_perm(ACT_PERMISSION) and (
        user.has_perm("complaints.view_press_cases") or user.has_perm("complaints.view_all_cases")
    )


def scoped_cases(user):
    return Case.objects.in_scope_of(user)


def case_in_scope(user, tracking_code: str, queryset=None) -> Case:
    """The case if the user may see it; 404 otherwise (never "forbidden": that
    would confirm that the code exists)."""
    queryset = queryset if queryset is not None else scoped_cases(user)
    return get_object_or_404(queryset, tracking_code=normalize_tracking_code(tracking_code))


def verification_state(case, today: datetime.date) -> dict:
    """Where the verification stands beside its period: reported (the day of its report,
    complaints/rules/verification_report.py), else, while the case is being verified, the
    days left to the period's last day or past it, as the list's filter
    (`verification_overdue_condition`) reads it. Only a complaint's or a denunciation's
    verification ends in a report (`reportable`): the page says a report is missing only
    for them."""
    from complaints.rules.verification_report import REPORT_KINDS

    reported = case.verification_reported_on
    waiting = (case.status == CaseStatus.VERIFYING and reported is None
               and case.verification_until is not None)  # the pill counts down, then up
    return {"reported_at": reported, "reportable": case.kind in REPORT_KINDS,
            "due": due_info(case.verification_until, today) if waiting else None}


class WorkspaceMixin(WagtailAdminTemplateMixin):
    """Staff with the case permission only (Wagtail already requires admin access)."""

    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def index_breadcrumb(self) -> dict:
        label = pgettext_lazy("danh sách", "Hồ sơ")
        return {"url": reverse("complaints_admin:index"), "label": label}


# ---- the list --------------------------------------------------------------------------


def filtered_cases(request):
    """(filter set, queryset) of the list and of its CSV export: the same query."""
    queryset = scoped_cases(request.user).select_related(
        "facility", "category", "assigned_unit", "assigned_user", "reporter"
    )
    case_filter = CaseFilter(request.GET or None, queryset=queryset, user=request.user)
    return case_filter, case_filter.qs


class CaseIndexView(WorkspaceMixin, TemplateView):
    template_name = "complaints/admin/case_index.html"
    # Every kind, as the menu and the breadcrumbs say; "the list" in English: "Cases".
    page_title = pgettext_lazy("danh sách", "Hồ sơ")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        today = timezone.localdate()
        case_filter, queryset = filtered_cases(request)
        order = case_filter.form.cleaned_data.get("order") if case_filter.is_valid() else None
        paginator = Paginator(list_cases(queryset, order), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("p"))
        cases = list(page.object_list)
        rows = list_rows(
            cases,
            today=today,
            new_ids=unseen_case_ids(user=request.user, case_ids=[c.pk for c in cases]),
            handler_name=staff_name,
        )
        query = request.GET.copy()
        query.pop("p", None)
        can_act = request.user.has_perm(ACT_PERMISSION)
        filtered = bool(request.GET.dict().keys() - {"p", "order"})
        context.update(
            intake_url=(
                reverse("complaints_admin:staff_intake") if can_record_intake(request.user) else ""
            ),
            press_url=(
                reverse("complaints_admin:press_report") if can_log_press(request.user) else ""
            ),
            filter=case_filter,
            page=page,
            rows=rows,
            total=paginator.count,
            counters=dashboard_counters(user=request.user, today=today),
            query_string=query.urlencode(),
            export_url=f"{reverse('complaints_admin:export')}?{query.urlencode()}",
            bulk_form=(
                BulkAssignForm(
                    initial={"next": request.get_full_path()},
                    kinds={case.pk: case.kind for case in cases},
                    user=request.user,
                )
                if can_act
                else None
            ),
            today=today,
            filtered=filtered,
            # Counts of the cases found, per kind, status, unit…: once a query or a filter
            # narrowed the list (one query, inside the user's scope).
            facets=(
                facet_groups(queryset, request.GET)
                if filtered and case_filter.form.is_valid()
                else []
            ),
            more_filters=any(request.GET.get(name) for name in MORE_FILTERS),
            link_filters=LINK_FILTERS,
        )
        return context


# ---- the case page ---------------------------------------------------------------------


# Steps answered by acceptance (thụ lý) or by forwarding: done once the case left
# the states before acceptance. The filing period is the citizen's, not a staff task.
ACCEPTANCE_STEPS = frozenset({"accept", "accept_extended", "forward_not_competent"})
CITIZEN_STEPS = frozenset({"filing_period"})
# The steps of resolving a case, counted from its acceptance (complaints/deadlines.py).
RESOLVE_STEPS = frozenset(RESOLVE_STEP.values())
RULE_VERSIONS_BY_CODE = {version.code: version for version in RULE_VERSIONS}


def deadline_rows(case, today: datetime.date) -> tuple[list[dict], list[dict]]:
    """(current, superseded) `CaseDeadline` rows with their days left, in one query.

    A notice to the parties (complaints/rules/notices.py) is done once it is settled (sent
    to everyone the law names: `sent_on`, the day the last sending went out) and counts
    down until then, in whatever state the decision left the case, as the overdue counters
    read it (`overdue_condition`). Any other row counts down only while it is a task still
    ahead: not once the case is closed or concluded, not for acceptance steps after
    acceptance, never for the citizen's own filing period."""
    from django.db.models import Max

    from complaints.rules.notices import PENDING_STEPS

    finished = case.status in CLOSED_STATUSES or case.status == CaseStatus.CONCLUDED
    accepted = case.status not in (CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO)
    # A suspended case's clock stands still until it resumes (khoản 2 Điều 28b Nghị định
    # 124/2020; khoản 2 Điều 34 Luật Tố cáo): its steps do not count down, its notices do.
    suspended = case.status == CaseStatus.SUSPENDED
    current, superseded = [], []
    rows = (
        CaseDeadline.objects.filter(case=case)
        .annotate(sent_on=Max("notices_sent__sent_on"))
        .prefetch_related("notices_sent")
        .order_by("due", "id")
    )
    rows = list(rows)
    outlet = _correction_events(case, rows)
    issued = _issued_notices(case, rows, PENDING_STEPS)
    for row in rows:
        if row.step == CORRECTION_STEP:  # the outlet's duty, never the Sở's countdown
            item = _correction_item(row, today, outlet)
            (superseded if row.superseded_at else current).append(item)
            continue
        notice = row.step in PENDING_STEPS
        settled = row.settled_at is not None
        if notice:
            done = settled
        else:
            # A step settled by a decision (a press case's notice of measures, by its
            # conclusion) is done too.
            done = settled or finished or (row.step in ACCEPTANCE_STEPS and accepted)
        paused = suspended and not notice and not done and row.step not in CITIZEN_STEPS
        # The resolution's time counts from acceptance (Điều 28, 37 Luật Khiếu nại): before
        # it, its day is an estimate, not a countdown.
        expected = not accepted and row.step in RESOLVE_STEPS
        calendar_days = row.counted_in == "calendar_days"
        item = due_info(row.due, today, due_at=row.due_at, calendar_days=calendar_days) | {
            "row": row,
            "label": step_label(row.step),
            "counted_in": counted_in_label(row.counted_in),
            "expected": expected,
            "countdown": (
                not done and not paused and not expected and row.step not in CITIZEN_STEPS
            ),
            "done": done,
            "paused": paused,
            # A notice sent to every party it must reach: the day the last one went out.
            "settled": settled,
            "sent_on": row.sent_on or (
                timezone.localtime(row.settled_at).date() if settled else None
            ),
            # The rule table in force when the row was computed, by its first day.
            "rule_version": RULE_VERSIONS_BY_CODE.get(row.rule_version),
            # A notice still owed: the parties the law names not yet reached (the person
            # denounced as well as the denouncer, khoản 3 Điều 29 Luật Tố cáo).
            "owed_to": _owed_to(case, row) if notice and not settled else "",
            # The notice's documents issued on the portal, not yet recorded as sent: issuing
            # is not sending (Điều 27, khoản 1 Điều 36 Luật Khiếu nại count the sending), so
            # the row stays open and the page offers the sending step filled in for them.
            # Each names the parties it addresses (`_issued_notices`), not every party owed.
            "issued": issued.get(row.pk) if notice and not settled else None,
            # The parties still owed that no issued document addresses: owed, not issued
            # (the person denounced, when only the letter to the denouncer was issued).
            "not_issued_to": (
                _owed_to(case, row, issued=issued.get(row.pk)) if notice and not settled
                else ""
            ),
        }
        (superseded if row.superseded_at else current).append(item)
    return current, superseded


def _issued_notices(case, rows, pending_steps) -> dict[int, list[dict]]:
    """The issued documents of each open notice row (its decision's action, issued since
    the decision's day, addressed to a party the notice must reach and no recorded sending
    reached yet), latest first:
    {row id: [{"symbol", "on", "url", "parties", "parties_named"}]}: "parties" are those the
    document addresses (its audience, `AUDIENCE_PARTIES`) still owed the notice, named in
    the notice's order in "parties_named". One query, only when a notice is open."""
    from complaints.documents.models import Document, DocumentStatus
    from complaints.rules.owed_notices import AUDIENCE_PARTIES
    from complaints.services.notices import notice_definition
    from complaints.step_labels import party_label

    open_rows = [
        (row, notice)
        for row in rows
        if row.step in pending_steps and row.settled_at is None and row.superseded_at is None
        and (notice := notice_definition(kind=case.kind, step=row.step,
                                         second=case.second_time)) is not None
        and notice.trigger
    ]
    if not open_rows:
        return {}
    documents = list(
        Document.objects.filter(
            case=case, status=DocumentStatus.ISSUED,
            action__in={notice.trigger for _row, notice in open_rows},
        )
        .only("pk", "action", "audience", "issued_at", "number", "symbol")
        .order_by("-issued_at", "-pk")
    )
    found: dict[int, list[dict]] = {}
    for row, notice in open_rows:
        sent = {party for n in row.notices_sent.all() for party in n.recipients}
        owed = set(notice.must_reach) - sent
        for document in documents:
            parties = AUDIENCE_PARTIES.get(document.audience, set()) & owed
            issued_on = timezone.localtime(document.issued_at).date()
            if document.action != notice.trigger or not parties or issued_on < row.counted_from:
                continue
            found.setdefault(row.pk, []).append({
                "symbol": document.symbol,
                "on": issued_on,
                "url": reverse("complaints_admin:document",
                               args=[case.tracking_code, document.pk]),
                "parties": parties,
                "parties_named": ", ".join(
                    party_label(p) for p in notice.must_reach if p in parties
                ),
            })
    return found


def notice_sending_initial(deadlines: list[dict]) -> dict:
    """The sending step's fields filled in for the soonest notice whose document was issued
    and not yet recorded as sent (`deadline_rows`' "issued"): the notice, the latest
    document's number and the parties it is addressed to that are still owed it. The day, the way
    it went out are the officer's to state. Empty when no such notice."""
    item = next((item for item in deadlines if item.get("issued")), None)
    if item is None:
        return {}
    latest = item["issued"][0]
    return {
        "notice": item["row"].step,
        "document_ref": latest["symbol"],
        "recipients": sorted(latest["parties"]),
    }


def _owed_to(case, row, issued: list[dict] | None = None) -> str:
    """The parties a pending notice must still reach (complaints/rules/notices.py), named;
    with `issued` (the row's documents issued and not yet sent, `_issued_notices`), only
    those none of the documents addresses."""
    from complaints.services.notices import notice_definition
    from complaints.step_labels import party_label

    notice = notice_definition(kind=case.kind, step=row.step, second=case.second_time)
    if notice is None:
        return ""
    sent = {party for n in row.notices_sent.all() for party in n.recipients}
    sent |= {party for document in issued or () for party in document["parties"]}
    return ", ".join(party_label(p) for p in notice.must_reach if p not in sent)


def _correction_events(case, rows) -> dict:
    """The last correction request and publication recorded for the case (their event data),
    read only when it has a correction step (complaints/rules/press_correction.py)."""
    if not any(row.step == CORRECTION_STEP for row in rows):
        return {}
    found = {}
    for action, data in (
        case.events.filter(action__in=["request_correction", "record_correction_published"])
        .order_by("at", "id")
        .values_list("action", "data")
    ):
        found[action] = data or {}
    return found


def _iso_day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _correction_item(row, today: datetime.date, events: dict) -> dict:
    """A row of the outlet's correction deadline: its own wording and state (chờ đăng,
    đã đăng <date>, quá hạn), no countdown of the Sở's."""
    settled = row.settled_at is not None
    published = events.get("record_correction_published", {}) if settled else {}
    request = events.get("request_correction", {})
    published_on = _iso_day(published.get("published_on")) if published else None
    overdue = 0 if settled else max((today - row.due).days, 0)
    return due_info(row.due, today) | {
        "row": row,
        "label": gettext_lazy("Hạn cơ quan báo chí đăng cải chính"),
        "counted_in": counted_in_label(row.counted_in),
        "working_days_left": 0,
        "countdown": False,
        "done": settled,
        "settled": False,
        "sent_on": None,
        "outlet": True,
        "medium": medium_label(request["medium"]) if request.get("medium") else "",
        "published_on": published_on,
        "published_late": bool(published.get("late")),
        "correction_url": published.get("correction_url", ""),
        "outlet_overdue_days": overdue,
        "rule_version": RULE_VERSIONS_BY_CODE.get(row.rule_version),
    }


class CaseDetailView(WorkspaceMixin, TemplateView):
    template_name = "complaints/admin/case_detail.html"
    reads_beside_scope = True  # `cases`

    def get_page_title(self):
        return self.case.tracking_code

    def get_page_subtitle(self):
        return readable(self.case, self.request.user)[0]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {"url": "", "label": self.case.tracking_code},
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.case = None

    def get(self, request, tracking_code, **kwargs):
        self.load_case(tracking_code)
        alerts_mark_seen(case=self.case, user=request.user)  # no longer "new" for them
        return self.render_to_response(self.get_context_data())

    def cases(self):
        """The page reads the cases the user may read (`readable_by`: a first-round unit's
        leaders read the second complaint against their decision); its subclasses, which
        write, keep the scope (`in_scope_of`)."""
        if self.reads_beside_scope:
            return Case.objects.readable_by(self.request.user)
        return scoped_cases(self.request.user)

    def load_case(self, tracking_code: str) -> None:
        self.case = case_in_scope(
            self.request.user,
            tracking_code,
            self.cases().select_related(
                "facility",
                "category",
                "assigned_unit",
                "assigned_user",
                "parent_case",
                "possible_duplicate_of",
                "created_by",
            ),
        )

    def action_forms(
        self, bound: dict | None = None, deadlines: list[dict] | None = None
    ) -> list[TransitionForm]:
        from complaints.transitions import allowed_actions

        bound = bound or {}
        forms = []
        for transition in allowed_actions(case=self.case, user=self.request.user):
            initial = (
                notice_sending_initial(deadlines or [])
                if transition.action == "record_notice" else {}
            )
            form = bound.get(transition.action) or TransitionForm(
                transition=transition, case=self.case, user=self.request.user, initial=initial
            )
            forms.append(form)
        return forms

    def get_context_data(self, *, bound_forms=None, note_form=None, conflict=None, **kwargs):
        from complaints.rules.resolver import resolution_refusal
        from complaints.selectors.history import case_timeline
        from complaints.selectors.related import case_links, related_cases
        from complaints.services.decision import decision_recorded
        from complaints.services.second_time import second_time_late_for_staff
        from complaints.services.workflow import HANDLING_STEPS

        context = super().get_context_data(**kwargs)
        case, user = self.case, self.request.user
        today = timezone.localdate()
        current, superseded = deadline_rows(case, today)
        # The headline: the most urgent step still counting down (a notice, a press
        # case's statement or notice of measures), else the case's own current deadline.
        # A step counted in hours keeps its time (the 24-hour statement: "trước 14:30").
        case_due = current_due(case)
        due, due_at = min(
            [(d["row"].due, d["row"].due_at) for d in current if d["countdown"] and d["row"].due]
            + ([(case_due, None)] if case_due else []),
            key=lambda pair: (pair[0], pair[1] is None),
            default=(None, None),
        )
        action_forms = self.action_forms(bound_forms, current)
        related = related_cases(case=case, user=user)
        labels = RowLabels()
        title, content = readable(case, user)
        read = staff_text_reader(case, user)
        read_only = reads_only(case, user)
        timeline = case_timeline(case=case, user=user)
        if read_only:
            # The first round's unit is told what the parties are told (khoản 1 Điều 36,
            # khoản 1 Điều 41 Luật Khiếu nại): the public steps, not the Sở's internal work.
            timeline = [entry for entry in timeline if entry.public]
        context.update(
            case=case,
            case_title=title,
            case_content=content,
            # What staff wrote, where they forwarded the case, what the citizen wrote beside
            # the title and content, as the user may read them (`confidential_text.
            # text_reader`).
            staff_texts={
                name: read(getattr(case, name))
                for name in ("rejection_reason", "conclusion", "public_answer", "forwarded_to",
                             "rating_comment", "already_sent_elsewhere")
            },
            today=today,
            current=due_info(due, today, due_at=due_at),
            reporter=reporter_panel(case, self.request),
            # A press case has no sender: the outlet and the public read its published
            # response, never its timeline (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP).
            press=case.kind == CaseKind.BAO_CHI,
            deadlines=current,
            superseded_deadlines=superseded,
            verification_team=team_members(case.verification_team),
            action_forms=action_forms,
            # A notice issued and not yet recorded as sent: the row links to the sending
            # step, filled in for it (`notice_sending_initial`).
            record_notice_offered=any(
                form.transition.action == "record_notice" for form in action_forms
            ),
            # The step a link asked to open (`?buoc=record_notice#thao-tac-record_notice`,
            # the deadline row's "ghi nhận đã gửi"): its <details> is rendered open, since a
            # fragment alone scrolls to a closed one; only a step the page offers.
            open_step=next((
                form.transition.action for form in action_forms
                if form.transition.action == self.request.GET.get("buoc")
            ), ""),
            # A unit above's officer who sees a facility's accepted first complaint takes
            # none of its resolution's steps: the steps area says why (`resolution_refusal`).
            # Not to a reader who acts on no case.
            resolution_refused=(
                resolution_refusal(case=case, user=user)
                if user.has_perm(ACT_PERMISSION) else None
            ),
            note_form=note_form or NoteForm(case=case),
            # A first-round unit's leader reads the second complaint only (`readable_by`).
            reads_only=read_only,
            can_note=user.has_perm(ACT_PERMISSION) and not read_only,
            handler_name=staff_name(case.assigned_user) if case.assigned_user else "",
            # No handler (a tố cáo's is named by a leader's own act): who took its handling
            # steps, read from the timeline already built (`HANDLING_STEPS`).
            stepped_by="" if case.assigned_user_id else ", ".join(dict.fromkeys(
                entry.actor for entry in timeline
                if entry.source == "event" and entry.action in HANDLING_STEPS
            )),
            notes=[] if read_only else [
                {"note": note, "text": read(note.text),
                 "author": staff_name(note.author) if note.author else "—"}
                for note in case.notes.select_related("author").order_by("-created_at", "-id")
            ],
            attachments=list(case.attachments.all()),
            attachments_hidden=attachments_hidden(case=case, user=user),
            timeline=timeline,
            verification=verification_state(case, today),
            # The written decision the conclusion names (complaints/services/decision.py).
            decision=decision_recorded(case) if case.concluded_at else None,
            related=related,
            # Each list's lines worked out in Python, the labels translated once (rows.py).
            related_lines={
                group: related_lines(getattr(related, group), labels=labels)
                for group in ("duplicates", "linked", "same_reporter", "same_facility")
            },
            links=case_links(case=case, user=user),
            conflict=conflict,
            # A second complaint received after its window (khoản 1 Điều 33 Luật Khiếu nại):
            # filed, flagged for whoever decides on its acceptance.
            second_time_late=second_time_late_for_staff(case),
        )
        from complaints.selectors.procedure import procedure_panel

        context["procedure"] = procedure_panel(
            case=case, reporter_view=context["reporter"]["view"], read=read)
        panel = context["reporter"]
        # Named beside the contact details and on the forms the citizen reads the text of.
        context["citizen_language"] = citizen_language(
            case, may_know_reporter=not panel["confidential"] or panel["allowed"]
        )
        context["case_panels"] = case_panels(self.request, case)
        return context


def case_panels(request, case) -> list:
    """The panels other apps add to a case's page, through the Wagtail hook
    `construct_case_panels` (`fn(request, case, panels)`, as `construct_homepage_panels`):
    the CMS's press response of a press case. The workspace knows the hook, not the apps
    (complaints depends on no app that depends on it)."""
    from wagtail import hooks

    panels: list = []
    for fn in hooks.get_hooks("construct_case_panels"):
        fn(request, case, panels)
    return panels


def readable(case, user) -> tuple[str, str]:
    """(title, content) of the case as the user may read them (a denouncer's identity
    redacted unless they may see it), worked out once per loaded case."""
    from complaints.services.confidential_text import readable_text

    cached = getattr(case, "_readable_text", None)
    if cached is None:
        cached = case._readable_text = readable_text(case, user=user)
    return cached


def staff_text_reader(case, user):
    """How the user reads what staff wrote on the case (`confidential_text.text_reader`)."""
    from complaints.services.confidential_text import text_reader

    return text_reader(case, user=user)


def identity_allowed(case, user) -> bool:
    from complaints.selectors.identity import can_see_identity

    return can_see_identity(case=case, user=user)


def reporter_panel(case, request) -> dict:
    """The reporter as this user may see them. A denouncer's identity is opened on
    request only (`?danh_tinh=1`), so each opening is a deliberate, logged view."""
    from complaints.selectors.identity import SCREEN, reporter_for, withheld_reason

    if case.kind == CaseKind.BAO_CHI:
        # The sender is the outlet that published the article: no person's fields to hide.
        return {"press": True, "confidential": False, "allowed": True, "view": None}
    confidential = case.kind == CaseKind.TO_CAO
    allowed = not confidential or identity_allowed(case, request.user)
    if confidential and allowed and request.GET.get("danh_tinh") != "1":
        return {"confidential": True, "allowed": True, "view": None}
    view = reporter_for(case=case, user=request.user, purpose=SCREEN)
    withheld = withheld_reason(case=case, user=request.user) if not allowed else ""
    return {"confidential": confidential, "allowed": allowed, "view": view, "withheld": withheld}


class CaseActionView(CaseDetailView):
    """One workflow action: GET shows its form alone (phones, errors), POST performs
    it through `case_transition`. A refused action (the state changed, a stale form)
    answers 409 with the case page as it is now and the reason."""
    reads_beside_scope = False  # acts: the scope only

    template_name = "complaints/admin/case_action.html"

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1] = {
            "url": reverse("complaints_admin:detail", args=[self.case.tracking_code]),
            "label": self.case.tracking_code,
        }
        return [*items, {"url": "", "label": self.transition.label}]

    def get_page_title(self):
        return str(self.transition.label)

    def find_transition(self, action: str):
        from complaints.transitions import allowed_actions

        for transition in allowed_actions(case=self.case, user=self.request.user):
            if transition.action == action:
                return transition
        return None

    def get(self, request, tracking_code, action, **kwargs):
        self.load_case(tracking_code)
        self.transition = self.find_transition(action)
        if self.transition is None:
            return self.conflict(_("Thao tác này không thực hiện được với hồ sơ lúc này."))
        form = TransitionForm(transition=self.transition, case=self.case, user=self.request.user)
        return self.render_to_response(self.get_action_context(form))

    def get_action_context(self, form):
        context = WagtailAdminTemplateMixin.get_context_data(self)
        context.update(
            case=self.case,
            case_title=readable(self.case, self.request.user)[0],
            form=form,
            transition=self.transition,
            # The citizen's language on the form whose text they read (whom may know who a
            # denouncer is only: `reporter_panel`'s rule, without opening the identity).
            citizen_language=citizen_language(
                self.case,
                may_know_reporter=self.case.kind != CaseKind.TO_CAO
                or identity_allowed(self.case, self.request.user),
            ),
        )
        return context

    def post(self, request, tracking_code, action, **kwargs):
        from complaints.services.idempotency import case_id_of_retry
        from complaints.services.intake import IdempotencyConflict
        from complaints.services.workflow import (
            TransitionInvalid,
            TransitionNotAllowed,
            UnknownAction,
            case_transition,
        )
        from complaints.transitions import transition_for

        self.load_case(tracking_code)
        token = _form_token(request.POST.get(f"{action}-form_token"))
        if token and case_id_of_retry(actor=request.user, idempotency_key=token):
            return self.already_done(action)
        transition = transition_for(case=self.case, action=action)
        if transition is not None:
            self.transition = transition
            form = TransitionForm(
                request.POST, transition=transition, case=self.case, user=self.request.user
            )
            if not form.is_valid():
                return self.render_to_response(self.get_action_context(form), status=400)
            data = form.service_data()
        else:
            # Not open in the case's present state (a stale page, a second click): the
            # service decides and says why (409), or refuses the role (403).
            from complaints.transitions import TRANSITIONS, transition_of_kind

            # The row of the case's kind (a shared action's fields and words are its own).
            transition = transition_of_kind(case=self.case, action=action) or next(
                (t for t in TRANSITIONS if t.action == action), None
            )
            if transition is None:
                raise Http404
            self.transition = transition
            form = TransitionForm(transition=transition, case=self.case, user=self.request.user)
            prefix = f"{action}-"
            data = {k[len(prefix) :]: v for k, v in request.POST.items() if k.startswith(prefix)}
            data.pop("form_token", None)
        try:
            event = case_transition(
                case_id=self.case.pk,
                action=action,
                actor=request.user,
                data=data,
                origin="admin",
                idempotency_key=token,
            )
        except IdempotencyConflict:  # the same form, sent again while the first was running
            return self.already_done(action)
        except Case.DoesNotExist as error:
            raise Http404 from error
        except UnknownAction as error:
            raise Http404 from error
        except TransitionNotAllowed as error:
            return self.conflict(error.read())  # in the officer's language
        except PermissionDenied as error:
            # The role may not take this step (e.g. a complaint's acceptance is the head's):
            # the case page with the reason, 403.
            reason = str(error.args[0]) if error.args else _("Bạn không có quyền.")
            return self.conflict(reason, status=403)
        except TransitionInvalid as error:
            if not form.is_bound:
                form = TransitionForm(
                    request.POST, transition=transition, case=self.case, user=self.request.user
                )
                form.is_valid()
            form.add_service_errors(error.errors)
            return self.render_to_response(self.get_action_context(form), status=400)
        messages.success(
            request,
            _("Đã thực hiện “%(action)s” cho hồ sơ %(code)s.")
            % {"action": transition.label, "code": self.case.tracking_code},
        )
        if (event.data or {}).get("not_a_working_day"):  # a dialogue set on a day off
            messages.warning(request, _dialogue_day_warning(event.data))
        for warning in _dialogue_warnings(event.data or {}):  # a dialogue scheduled
            messages.warning(request, warning)
        created = (event.data or {}).get("split_into") or []
        if (event.data or {}).get("second_time_case"):
            created = [event.data["second_time_case"]]
        if created:
            messages.info(request, _("Hồ sơ mới: %(codes)s.") % {"codes": ", ".join(created)})
        return HttpResponseRedirect(reverse("complaints_admin:detail", args=[tracking_code]))

    def already_done(self, action: str):
        """This very form was sent before and its step recorded: the case page, as after the
        first, and no second step."""
        from complaints.transitions import transition_label

        label = transition_label(action, kind=self.case.kind)
        messages.info(
            self.request,
            _("Biểu mẫu “%(action)s” này đã được gửi và ghi nhận trước đó; không ghi thêm lần "
              "nữa. Để thực hiện lại, hãy mở thao tác từ trang hồ sơ.") % {"action": label},
        )
        return HttpResponseRedirect(
            reverse("complaints_admin:detail", args=[self.case.tracking_code])
        )

    def conflict(self, message: str, *, status: int = 409):
        """409 (or `status`): the case page as it is now, with the reason the action was
        refused."""
        self.load_case(self.case.tracking_code)
        detail = CaseDetailView()
        detail.setup(self.request, tracking_code=self.case.tracking_code)
        detail.case = self.case
        context = detail.get_context_data(conflict=message)
        return detail.render_to_response(context, status=status)


def _form_token(raw: str | None) -> str | None:
    """A form's token as the staff service keys a step by it (None when absent or not one)."""
    return raw if raw and FORM_TOKEN_RE.fullmatch(raw) else None


FORM_TOKEN_RE = re.compile(r"[0-9a-f]{32}")
NOTE_TOKEN_SECONDS = 24 * 3600  # a page re-sent the next morning is still the same note


class CaseNoteView(CaseDetailView):
    """Add an internal note (`case_note_add`)."""
    reads_beside_scope = False  # acts: the scope only

    http_method_names = ["post"]

    def post(self, request, tracking_code, **kwargs):
        from complaints.services.notes import case_note_add

        self.load_case(tracking_code)
        if not request.user.has_perm(ACT_PERMISSION):
            raise PermissionDenied
        form = NoteForm(request.POST, case=self.case)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(note_form=form), status=400)
        notes_url = reverse("complaints_admin:detail", args=[tracking_code]) + "#ghi-chu"
        # The form's token is taken before the note is written, given back if it is not:
        # a second copy of the same form (a re-sent page, two requests racing) adds nothing.
        token = _form_token(form.cleaned_data.get("form_token"))
        token_key = f"note-form:{request.user.pk}:{token}" if token else None
        if token_key and not cache.add(token_key, True, timeout=NOTE_TOKEN_SECONDS):
            messages.info(request, _("Ghi chú này đã được thêm trước đó; không thêm lần nữa."))
            return HttpResponseRedirect(notes_url)
        try:
            case_note_add(case_id=self.case.pk, actor=request.user, text=form.cleaned_data["text"])
        except Case.DoesNotExist as error:
            if token_key:
                cache.delete(token_key)
            raise Http404 from error
        except ValidationError as error:  # e.g. a denouncer's identity (confidential_text)
            if token_key:
                cache.delete(token_key)
            for message in error.message_dict.get("text", error.messages):
                form.add_error("text", message)
            return self.render_to_response(self.get_context_data(note_form=form), status=400)
        messages.success(request, _("Đã thêm ghi chú nội bộ."))
        return HttpResponseRedirect(notes_url)


# ---- attachments -----------------------------------------------------------------------


class AttachmentDownloadView(View):
    """Streams a citizen's file from private storage to staff in scope; never a
    public URL. A denunciation's files may carry the denouncer's handwriting
    (Luật TC Art 47; DOMAIN.md §5): they follow the identity rule and each
    download is logged by `reporter_for`."""

    def get(self, request, tracking_code, pk):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        case = case_in_scope(request.user, tracking_code)
        attachment = get_object_or_404(Attachment, case=case, pk=pk)
        if case.kind == CaseKind.TO_CAO:
            from complaints.selectors.identity import DOWNLOAD, reporter_for

            if not reporter_for(case=case, user=request.user, purpose=DOWNLOAD).visible:
                raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            logger.error("attachment %s of %s missing from storage", pk, tracking_code)
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=download_name(attachment),
            content_type=attachment.content_type or "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response


# ---- bulk assignment -------------------------------------------------------------------


def safe_next(request, value: str | None) -> str:
    fallback = reverse("complaints_admin:index")
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return fallback


class BulkAssignView(View):
    """Assign the ticked cases to a unit (and a handler) through `cases_assign`:
    all of them or, if one cannot be, none."""

    http_method_names = ["post"]

    def post(self, request):
        from complaints.services.assignment import cases_assign
        from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed

        if not (request.user.has_perm(VIEW_PERMISSION) and request.user.has_perm(ACT_PERMISSION)):
            raise PermissionDenied
        # The cases posted within the user's scope, with their kinds (one query: a tố cáo
        # among them keeps the naming of an officer to a leader, BulkAssignForm).
        visible = dict(
            scoped_cases(request.user)
            .filter(pk__in=[v for v in request.POST.getlist("case_ids") if v.isdigit()])
            .values_list("pk", "kind")
        )
        form = BulkAssignForm(request.POST, kinds=visible, user=request.user)
        next_url = safe_next(request, request.POST.get("next"))
        if not form.is_valid():
            return self.refuse(request, next_url, _form_problems(form))
        try:
            events = cases_assign(
                case_ids=form.cleaned_data["case_ids"],
                facility_code=form.cleaned_data["facility"],
                user_id=_user_id(form.cleaned_data.get("user")),
                actor=request.user,
                origin="admin",
            )
        except Case.DoesNotExist:
            return self.refuse(request, next_url, _("Có hồ sơ không còn trong phạm vi của bạn."))
        except PermissionDenied:
            return self.refuse(request, next_url, _("Bạn không có quyền giao hồ sơ đã chọn."))
        except TransitionNotAllowed as error:
            return self.refuse(request, next_url, error.message)
        except TransitionInvalid as error:
            return self.refuse(request, next_url, _error_text(error.errors))
        messages.success(request, _("Đã giao %(count)s hồ sơ.") % {"count": len(events)})
        return HttpResponseRedirect(next_url)


    @staticmethod
    def refuse(request, next_url: str, reason: str):
        messages.error(request, _("Chưa giao hồ sơ nào. %(reason)s") % {"reason": reason})
        return HttpResponseRedirect(next_url)


def _error_text(errors: dict) -> str:
    return " ".join(str(message) for messages_ in errors.values() for message in messages_)


def _form_problems(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(e) for e in errors)
        parts.append(f"{label}: {text}" if label else text)
    return "; ".join(parts)


def _user_id(username: str | None) -> int | None:
    if not username:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()


# ---- CSV export ------------------------------------------------------------------------


class CaseExportView(WorkspaceMixin, TemplateView):
    """The filtered list, in the user's scope, as CSV (UTF-8 with BOM, for Excel),
    streamed: `complaints.exports.cases_csv` (no reporter's identity or contact data,
    whatever the user's permissions; only whether the reporter gave a name).

    The filters are read before the first byte is sent: one it cannot read answers a page
    saying which and why (400), never an empty file or one cut short under a 200."""

    template_name = "complaints/admin/export_refused.html"
    page_title = gettext_lazy("Xuất CSV (theo bộ lọc)")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        from complaints.exports import cases_csv

        case_filter, queryset = filtered_cases(request)
        if case_filter.is_bound and not case_filter.is_valid():
            list_url = f"{reverse('complaints_admin:index')}?{request.GET.urlencode()}"
            context = self.get_context_data(form=case_filter.form, list_url=list_url)
            return self.render_to_response(context, status=400)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = StreamingHttpResponse(
            cases_csv.rows(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="ho-so-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


def _dialogue_warnings(data: dict) -> list[str]:
    """The warnings of a dialogue scheduled before the verification report or without the
    second-time complaint's head among its participants (`_schedule_dialogue` stores them;
    complaints/rules/dialogue.py)."""
    from complaints.rules.dialogue import head_not_named_warning, verification_missing_warning

    warnings = []
    if data.get("head_not_named"):
        warnings.append(head_not_named_warning(data["head_not_named"]))
    if data.get("before_verification_report"):
        warnings.append(verification_missing_warning())
    return warnings


def _dialogue_day_warning(data: dict) -> str:
    """The warning of a dialogue scheduled on a day off (`_schedule_dialogue` stores it)."""
    import datetime

    from django.utils.formats import date_format

    from complaints.rules.dialogue import not_working_day_warning

    day, next_day = (
        date_format(datetime.date.fromisoformat(data[key]), "d/m/Y")
        for key in ("not_a_working_day", "next_working_day")
    )
    return not_working_day_warning(day, next_day)
