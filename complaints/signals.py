"""Domain signals. The domain does not know who listens.

`case_event_recorded` and `case_rated` are sent by the services after the transaction
commits (`transaction.on_commit`), so listeners never see a change that was rolled back.

`case_created` is sent inside the transaction that stores the case, within
`portal.tasks.tasks_batched`: the background work its receivers queue with
`enqueue_on_commit` (the citizen's receipt, the unit's alert, a partner's webhook) is one
task queued with the case — on the database queue, a row of the same transaction, so the work
exists if and only if the case does. A receiver that tells anyone else (the live updates,
the dashboard counters) does it from `transaction.on_commit`."""

from django.dispatch import Signal

# A new case is being stored (in its transaction). Arguments: case (Case), event
# (CaseEvent "received").
case_created = Signal()

# Something happened to a case: a transition, an extension, an assignment.
# Arguments: case (Case), event (CaseEvent); event.is_public tells whether the
# citizen's timeline shows it.
case_event_recorded = Signal()

# The citizen rated a closed case. Arguments: case (Case).
case_rated = Signal()
