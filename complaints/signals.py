"""Domain signals. Sent by the services after the transaction commits
(`transaction.on_commit`), so listeners (search indexing, live updates, e-mail)
never see a change that was rolled back. The domain does not know who listens."""

from django.dispatch import Signal

# A new case was stored. Arguments: case (Case), event (CaseEvent "received").
case_created = Signal()

# Something happened to a case: a transition, an extension, an assignment.
# Arguments: case (Case), event (CaseEvent); event.is_public tells whether the
# citizen's timeline shows it.
case_event_recorded = Signal()

# The citizen rated a closed case. Arguments: case (Case).
case_rated = Signal()
