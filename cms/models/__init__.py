"""Wagtail page models, one module per page family (as cfpb's v1/models)."""

from .directives import (
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DirectivePageTag,
    DocumentType,
    EffectiveStatus,
    effective_status,
)
from .guides import GuidePage
from .home import HomePage
from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .press import PressResponseIndexPage, PressResponsePage
from .stand_in import StandInApprover
from .stories import StoryIndexPage, StoryPage
from .workflow import NoSelfApprovalTask

__all__ = [
    "DirectiveAttachment",
    "DirectiveIndexPage",
    "DirectivePage",
    "DirectivePageTag",
    "DocumentType",
    "EffectiveStatus",
    "GuidePage",
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "StandInApprover",
    "NewsPageTag",
    "NoSelfApprovalTask",
    "PressResponseIndexPage",
    "PressResponsePage",
    "StoryIndexPage",
    "StoryPage",
    "effective_status",
]
