"""The history page of a model kept in the Wagtail admin ("Lịch sử" of a facility, a
category, a routing rule…) with what each edit changed.

Wagtail lists its log entries: an edit reads "Đã sửa" and no more. Every change is also
recorded by django-simple-history (`Model.history`): each "Đã sửa" is shown with the fields
it changed, by their Vietnamese names, old → new (`record_changes`, simple-history's
`diff_against`). The log entry and the historical row of one save are written by the same
request a moment apart: an entry is matched to the update row of the same user nearest in
time, within `_SAME_SAVE`. One query reads the object's historical rows for the page (and
one per model named by a changed foreign key), however many edits it lists.
"""

from __future__ import annotations

import datetime

from django.utils.functional import cached_property
from wagtail.admin.views.generic.history import ActionColumn, HistoryView

from complaints.selectors.history import record_changes

__all__ = ["FieldChangesHistoryView"]

EDIT = "wagtail.edit"
_SAME_SAVE = datetime.timedelta(seconds=10)


class ChangesActionColumn(ActionColumn):
    """Wagtail's action column, with the fields an edit changed under its message."""

    def __init__(self, *args, changes_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.changes_of = changes_of

    @cached_property
    def cell_template_name(self):
        return "complaints/admin/history_action_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["changes"] = self.changes_of(instance)
        return context


class FieldChangesHistoryView(HistoryView):
    """Wagtail's history page of an object whose model keeps a simple-history record."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        action = columns[0]
        columns[0] = ChangesActionColumn(
            action.name,
            label=action.label,
            object=action.object,
            url_names=action.url_names,
            user_can_unschedule=action.user_can_unschedule,
            changes_of=self.changes_of,
        )
        return columns

    def hidden_fields(self) -> frozenset[str]:
        """Fields whose values this user may not read on the page: none for the
        reference data."""
        return frozenset()

    @cached_property
    def _updates(self) -> list[tuple]:
        """(history_date, history_user_id, changes) of every update of the object."""
        history = getattr(self.model, "history", None)
        if history is None:
            return []
        rows = list(history.filter(**{self.model._meta.pk.attname: self.object.pk}))
        changes = record_changes(self.model, rows, redact=self.hidden_fields())
        return [
            (row.history_date, row.history_user_id, changes[row.history_id])
            for row in rows
            if row.history_id in changes
        ]

    def changes_of(self, entry) -> list:
        """The fields the edit `entry` (a log entry) changed; [] for any other action or
        an edit with no recorded row near it."""
        if entry.action != EDIT:
            return []
        near = [
            (abs(at - entry.timestamp), changes)
            for at, user_id, changes in self._updates
            if abs(at - entry.timestamp) <= _SAME_SAVE
            and (user_id is None or entry.user_id is None or user_id == entry.user_id)
        ]
        return min(near, key=lambda pair: pair[0])[1] if near else []
