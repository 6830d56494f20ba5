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
from .emails import EmailTemplate
from .facilities import Facility, FacilityKind
from .routing import RoutingDecision, RoutingRule, RoutingTarget
from .staff import FacilityMembership

__all__ = [
    "Attachment",
    "CalendarOverride",
    "Case",
    "CaseDeadline",
    "CaseEvent",
    "Category",
    "EmailTemplate",
    "Facility",
    "FacilityKind",
    "FacilityMembership",
    "IdentityAccessLog",
    "InternalNote",
    "Reporter",
    "RoutingDecision",
    "RoutingRule",
    "RoutingTarget",
    "TrackingSequence",
]
