"""The deadline step names for the workspace: defined in `complaints.step_labels`
(the domain's vocabulary, shared with the selectors and the staff e-mails)."""

from complaints.step_labels import (
    COUNTED_IN_LABELS,
    STEP_LABELS,
    counted_in_label,
    step_label,
)

__all__ = ["COUNTED_IN_LABELS", "STEP_LABELS", "counted_in_label", "step_label"]
