"""E-mails of the portal: one template per code, editable by the administrator.

A template file `complaints/email/<code>.txt` holds the default: the first line is
the subject, the rest the body. An active `EmailTemplate` row with the same code
replaces it. Nothing here knows about confidentiality: callers pass only what
the recipient may read (never a denouncer's identity to anyone)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation


def render(code: str, context: dict) -> tuple[str, str]:
    """(subject, body) for the e-mail `code`, rendered in Vietnamese."""
    from complaints.models import EmailTemplate

    with translation.override(settings.LANGUAGE_CODE):
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
