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
from .exports import NationalExportRun, NationalExportState
from .facilities import Facility, FacilityKind
from .partners import Partner, PartnerCall, PartnerKey, WebhookDelivery
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
    "NationalExportRun",
    "NationalExportState",
    "Partner",
    "PartnerCall",
    "PartnerKey",
    "ReminderThreshold",
    "Reporter",
    "RoutingDecision",
    "RoutingRule",
    "RoutingTarget",
    "TrackingSequence",
    "WebhookDelivery",
]
