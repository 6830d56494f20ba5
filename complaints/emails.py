"""E-mails of the portal: one template per code, editable by the administrator.

A template file `complaints/email/<code>.txt` holds the default: the first line is
the subject, the rest the body. An active `EmailTemplate` row with the same code
replaces it. Nothing here knows about confidentiality: callers pass only what
the recipient may read (never a denouncer's identity to anyone).

Every message, e-mail or SMS, may also read `department` (the Sở's name, "Sở Y tế tỉnh
Quảng Ngãi", `portal.province`), `province` (`PORTAL_PROVINCE`, as administrators'
templates written before `department` read it) and `hotline` (`PORTAL_HOTLINE`): the
portal's own settings, never a name typed into a template."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context, Template
from django.template.loader import get_template
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


def render(code: str, context: dict) -> tuple[str, str]:
    """(subject, body) for the e-mail `code`, rendered in Vietnamese."""
    from complaints.models import EmailTemplate

    with translation.override(settings.LANGUAGE_CODE):
        context = portal_context(context)
        custom = EmailTemplate.objects.filter(code=code, is_active=True).first()
        if custom is not None:
            subject = Template(custom.subject).render(Context(context, autoescape=False))
            body = Template(custom.body).render(Context(context, autoescape=False))
        else:
            text = get_template(f"complaints/email/{code}.txt").render(context)
            subject, _newline, body = text.lstrip().partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def send(code: str, *, to: list[str], context: dict) -> int:
    """Render and send one e-mail; returns the number sent (0 when `to` is empty)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    subject, body = render(code, context)
    return EmailMessage(subject=subject, body=body, to=recipients).send()
