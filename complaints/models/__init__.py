from .calendar import CalendarOverride
from .cases import (
    Attachment,
    Case,
    CaseDeadline,
    CaseEvent,
    IdentityAccessLog,
    InternalNote,
    Reporter,
    TrackingSequence,
)
from .categories import Category
from .citizen import PinFailure, PinReissue
from .emails import EmailTemplate
from .facilities import Facility, FacilityKind
from .reminders import DeadlineReminder, ReminderThreshold
from .routing import RoutingDecision, RoutingRule, RoutingTarget
from .staff import FacilityMembership
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Attachment",
    "CalendarOverride",
    "Case",
    "CaseDeadline",
    "CaseEvent",
    "Category",
    "DeadlineReminder",
    "EmailTemplate",
    "Facility",
    "FacilityKind",
    "FacilityMembership",
    "IdentityAccessLog",
    "InternalNote",
    "PinFailure",
    "PinReissue",
    "ReminderThreshold",
    "Reporter",
    "RoutingDecision",
    "RoutingRule",
    "RoutingTarget",
    "TrackingSequence",
]
