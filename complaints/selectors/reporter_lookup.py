"""The cases of a user's scope whose reporter is the person the staff typed into the search
box: a name (with or without accents, any case: the start of the full name), a phone
(spaces, dots, +84 or 0) or an e-mail.

Outside the search index on purpose: the index (search/, database and Elasticsearch alike)
holds no identity, a denouncer's being secret (khoản 3 Điều 8, Điều 47 Luật Tố cáo). The
look-up reads `Reporter` through its indexes (`phone_key`, `UPPER(email)`, `name_folded`:
`complaints.reporter_keys`), inside the queryset the caller put in the user's scope
(`Case.objects.in_scope_of(user)`). An anonymous report is never found by the contact it
kept for notices. A tố cáo is found only when the user may see its denouncer, by the rule
of every other view of the identity (`identity.denouncers_found`, which logs each one);
without the permission to see any denouncer, no tố cáo is read at all."""

from __future__ import annotations

from django.db.models import Q

from complaints.kinds import CaseKind
from complaints.reporter_keys import name_key, phone_key
from complaints.validation import phone_problem

# A shorter name matches too many people to be a look-up of one ("le" is every Lê).
MIN_NAME = 3
# The columns the identity rules read (`identity._allowed`).
_RULE_FIELDS = ("id", "kind", "anonymous", "facility_id", "assigned_unit_id", "assigned_user_id")


def reporter_condition(q: str) -> Q | None:
    """What `q` means as a person, as a condition on cases; None when it names nobody."""
    text = " ".join((q or "").split())
    if "@" in text:
        return Q(reporter__email__iexact=text) if " " not in text else None
    if phone_problem(text) is None:
        return Q(reporter__phone_key=phone_key(text))
    if any(char.isdigit() for char in text):
        return None  # a tracking code, a date: nobody's name
    name = name_key(text)
    if len(name) < MIN_NAME:
        return None
    return Q(reporter__name_folded__startswith=name)


def may_look_up_denouncers(user) -> bool:
    """Whether a look-up by `user` reads tố cáo at all: only with the permission to see a
    denouncer (each case found still by `identity.denouncers_found`'s rules). Without it,
    the search box finds by their sender only the other kinds (`CaseFilter`'s hint)."""
    return user.has_perm("complaints.view_denouncer_identity")


def cases_found_by_reporter(queryset, q: str, *, user) -> list:
    """The cases of `queryset` (in `user`'s scope) whose reporter `q` names and `user` may
    be shown as theirs: querysets of their ids, to be joined in one UNION; empty when none
    is. Four queries at most, whatever the number found."""
    from complaints.models import Case
    from complaints.selectors.identity import denouncers_found

    condition = reporter_condition(q)
    if condition is None:
        return []
    matched = queryset.filter(condition, anonymous=False).order_by()
    others = matched.exclude(kind=CaseKind.TO_CAO).values("pk")
    denounced: set[int] = set()
    if may_look_up_denouncers(user):
        candidates = (
            matched.filter(kind=CaseKind.TO_CAO).select_related(None).only(*_RULE_FIELDS)
        )
        denounced = denouncers_found(cases=candidates, user=user)
    if denounced:
        return [others, Case.objects.filter(pk__in=denounced).order_by().values("pk")]
    return [others] if others.exists() else []
