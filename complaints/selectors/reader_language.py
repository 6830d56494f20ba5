"""The language the citizen reads the portal and their notices in, named for the staff who
write to them: "Ngôn ngữ của người gửi: tiếng Anh" beside the contact details and on the forms
whose text the citizen reads (a request for information, an answer). What an officer writes
is sent as written, in Vietnamese; knowing the reader does not read it helps them write it
short and plain (walk-english F8).

A language is not an identity, but it hints at one (a foreigner among a hospital's patients):
a denouncer's is named only to whom may see the denouncer (Điều 47 Luật Tố cáo,
`complaints.selectors.identity`, as the case page's reporter panel decides it)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

LANGUAGE_NAMES = {"en": _("tiếng Anh")}


def citizen_language(case, *, may_know_reporter: bool) -> str:
    """The citizen's language named in the staff's words, "" when it is Vietnamese, unknown,
    or the user may not know who a denouncer is. Reads `case.reporter` (selected with the
    case on its page: no query)."""
    if case.kind == CaseKind.BAO_CHI or not may_know_reporter:
        return ""
    reporter = getattr(case, "reporter", None)
    language = getattr(reporter, "language", "") or ""
    if not language or language == settings.LANGUAGE_CODE:
        return ""
    return str(LANGUAGE_NAMES.get(language, language))
