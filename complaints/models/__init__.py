# approvals (issue 11): drafts proposed to the competent unit's leaders
from complaints.approvals.models import Draft, DraftComment, DraftStatus  # noqa: E402

from .alerts import CaseAlert
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
from .exports import NationalExportRun, NationalExportState
from .facilities import Facility, FacilityKind
from .notices import CaseNotice, NoticeMethod
from .partners import Partner, PartnerCall, PartnerKey, WebhookDelivery
from .procedure import DialogueMeeting, Withdrawal
from .reminders import DeadlineReminder, ReminderThreshold
from .routing import RoutingDecision, RoutingRule, RoutingTarget
from .staff import FacilityMembership
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Attachment",
    "CalendarOverride",
    "CaseAlert",
    "Case",
    "CaseDeadline",
    "CaseEvent",
    "CaseNotice",
    "Category",
    "DeadlineReminder",
    "DialogueMeeting",
    "Document",
    "DocumentSequence",
    "DocumentTemplate",
    "Draft",
    "DraftComment",
    "DraftStatus",
    "EmailTemplate",
    "Facility",
    "FacilityKind",
    "FacilityMembership",
    "IdentityAccessLog",
    "InternalNote",
    "NoticeMethod",
    "PinFailure",
    "PinReissue",
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
    "Withdrawal",
    "WebhookDelivery",
]

# Written documents of the steps (complaints/documents, issue 10).
from complaints.documents.models import Document, DocumentSequence, DocumentTemplate  # noqa: E402
