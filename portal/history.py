"""Every change recorded: the project's `HistoricalRecords`.

simple-history's, with one difference: the manager class behind `.history` is made once.
simple-history's descriptor builds a new class (`Manager.from_queryset`, which walks the
queryset's methods with `inspect`) every time `Model.history` or `instance.history` is read,
and saving a recorded model reads it. A citizen's submission saves three recorded models and
spent 1.2 ms of a profiled 30 ms on classes thrown away at once (docs/benchmarks.md, Public
intake, sixth round). Models declare `history = HistoricalRecords(…)` from here.
"""

from __future__ import annotations

import functools

from simple_history import models as simple_history_models
from simple_history.manager import HistoryManager

__all__ = ["HistoricalRecords", "HistoryManagerMadeOnce"]


class HistoryManagerMadeOnce(HistoryManager):
    """simple-history's manager, whose `from_queryset` class is made once per queryset
    class and reused by every read of `.history`."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(simple_history_models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManagerMadeOnce, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
