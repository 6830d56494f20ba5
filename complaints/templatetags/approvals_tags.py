"""`{% case_drafts_panel case %}`: on a case's page, its drafts and the leader's steps
the user may propose (the case page's view stays unaware of approvals). A step the user may
take directly (one of the page's `action_forms`) is not offered as a proposal: proposing is
how someone without the right asks (complaints/approvals/rules.py), not a leader's detour."""

from django import template

from complaints.approvals.deciders import reads_drafts_of
from complaints.approvals.selectors import case_drafts
from complaints.approvals.views import _label as action_label
from complaints.approvals.views import proposable_transitions

register = template.Library()


@register.inclusion_tag("complaints/approvals/_case_panel.html", takes_context=True)
def case_drafts_panel(context, case):
    user = context["request"].user
    # A press case's drafts are the press office's (the facility verifying the article
    # does not read the Sở's answer in the making): complaints/approvals/deciders.py.
    drafts = case_drafts(case=case) if reads_drafts_of(case=case, user=user) else []
    open_actions = {d.action for d in drafts if d.status in ("pending", "returned")}
    direct_actions = {form.transition.action for form in context.get("action_forms", ())}
    return {
        "case": case,
        "drafts": [{"draft": d, "label": action_label(d)} for d in drafts],
        "proposable": [
            t
            for t in proposable_transitions(case=case, user=user)
            if t.action not in open_actions and t.action not in direct_actions
        ],
    }
