"""E-mails of the portal: one template per code, editable by the administrator.

A template file `complaints/email/<code>.txt` holds the default: the first line is
the subject, the rest the body. An active `EmailTemplate` row with the same code
replaces it. Nothing here knows about confidentiality: callers pass only what
the recipient may read (never a denouncer's identity to anyone).

Every message, e-mail or SMS, may also read `department` (the Sở's name, "Sở Y tế tỉnh
Quảng Ngãi", `portal.province`), `province` (`PORTAL_PROVINCE`, as administrators'
templates written before `department` read it) and `hotline` (`PORTAL_HOTLINE`): the
portal's own settings, never a name typed into a template.

A citizen's message is written in the language they filed in (`Reporter.language`): for
English the file `complaints/email/<code>.en.txt` (SMS: `complaints/sms/<code>.en.txt`),
rendered with English labels, its links opening the portal in English (`citizen_url`). An
administrator's `EmailTemplate` is Vietnamese: it replaces the Vietnamese message only, a
reader of English gets the shipped English one. Staff messages are Vietnamese."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context, Template
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation

from portal.province import department_name


def portal_context(context: dict) -> dict:
    """`context` with the portal's own names added (the caller's values win); call inside
    the language the message is written in."""
    return {
        "department": department_name(),
        "province": getattr(settings, "PORTAL_PROVINCE", ""),
        "hotline": getattr(settings, "PORTAL_HOTLINE", ""),
        **context,
    }


def message_language(language: str | None) -> str:
    """`language` if the portal speaks it, else Vietnamese."""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def citizen_url(path: str, language: str | None) -> str:
    """The portal's address of `path` for a citizen's message in `language`: opened in that
    language (`?lang=`, which the portal keeps as the visitor's choice:
    `PortalLocaleMiddleware`), in a browser that never saw the portal too; a Vietnamese
    reader's link is the site's own."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    language = message_language(language)
    if language != settings.LANGUAGE_CODE:
        path += ("&" if "?" in path else "?") + urlencode({"lang": language})
    return base + path


def tracking_url(tracking_code: str, language: str | None, token: str = "") -> str:
    """The case's tracking page for its citizen (`citizen_url`); `token`: the secret of a
    re-sent PIN's link (`?khoa=`)."""
    path = reverse("complaints:track_detail", kwargs={"tracking_code": tracking_code})
    return citizen_url(path + (f"?{urlencode({'khoa': token})}" if token else ""), language)


def template_names(folder: str, code: str, language: str) -> list[str]:
    """The files of message `code` to try in `language`: its own, then the Vietnamese."""
    names = [f"complaints/{folder}/{code}.txt"]
    if language != settings.LANGUAGE_CODE:
        names.insert(0, f"complaints/{folder}/{code}.{language}.txt")
    return names


def render(code: str, context: dict, *, language: str | None = None) -> tuple[str, str]:
    """(subject, body) for the e-mail `code`, in `language` (Vietnamese by default)."""
    from complaints.models import EmailTemplate

    language = message_language(language)
    with translation.override(language):
        context = portal_context(context)
        custom = None
        if language == settings.LANGUAGE_CODE:  # the administrator writes Vietnamese
            custom = EmailTemplate.objects.filter(code=code, is_active=True).first()
        if custom is not None:
            subject = Template(custom.subject).render(Context(context, autoescape=False))
            body = Template(custom.body).render(Context(context, autoescape=False))
        else:
            text = select_template(template_names("email", code, language)).render(context)
            subject, _newline, body = text.lstrip().partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def send(code: str, *, to: list[str], context: dict, language: str | None = None) -> int:
    """Render and send one e-mail in `language` (Vietnamese by default); returns the
    number sent (0 when `to` is empty)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    subject, body = render(code, context, language=language)
    return EmailMessage(subject=subject, body=body, to=recipients).send()
