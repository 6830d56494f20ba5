"""Forget the dashboard counters of every scope when a case changes (connected in
`ComplaintsConfig.ready`, before the live updates that make dashboards read them again)."""

from django.db import transaction
from django.dispatch import receiver

from complaints.selectors.dashboard import forget_counters
from complaints.signals import case_created, case_event_recorded, case_rated


@receiver(case_created, dispatch_uid="complaints.dashboard.case_created")
@receiver(case_event_recorded, dispatch_uid="complaints.dashboard.case_event_recorded")
@receiver(case_rated, dispatch_uid="complaints.dashboard.case_rated")
def on_case_changed(sender, **kwargs) -> None:
    # On the commit: `case_created` is sent in the transaction that stores the case (a
    # dashboard reading in between would cache counters without it); the other two are sent
    # after their commit, and then this runs at once.
    transaction.on_commit(forget_counters)
