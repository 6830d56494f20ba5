"""Background work of documents: the citizen's copy of an issued document, by e-mail,
with the PDF attached; after commit, retried (portal/tasks.py), never in the request.
A document issued to replace one the citizen was sent (`document_issue(replaces=…)`, the
earlier one `owed_to_citizen`) says so: "Văn bản này thay thế văn bản số … ngày …", as
the citizen's timeline does (`services._issued_line`); never the officer's reason. The
document's e-mail has no SMS. Once it went out, the notice it gave is recorded as sent to the
citizen (`complaints.services.workflow.case_notices_sent_by_portal`)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import timezone, translation

from complaints import emails
from portal.tasks import background_task


@background_task()
def document_send_to_citizen(document_id: int) -> int:
    """Send the issued document to the reporter who consented to e-mail; idempotent (a
    document already sent is not sent again). Returns the number of messages sent."""
    from complaints.documents.models import Document
    from complaints.documents.selectors import replaced_at_issue
    from complaints.documents.services import document_mark_sent
    from complaints.rules.document_purposes import document_purpose

    document = Document.objects.select_related("case", "pdf").get(pk=document_id)
    if not document.is_issued:
        return 0
    if document.sent_to_citizen_at is not None:
        # Sent already: a retry after a failure that followed the mail records the sending
        # it may not have recorded yet (idempotent), and sends nothing again.
        _sending_recorded(document.pk)
        return 0
    reporter = getattr(document.case, "reporter", None)
    if reporter is None or not reporter.email or not reporter.consent_contact:
        return 0
    # The letter in the citizen's language; the document itself is Vietnamese, as issued.
    language = emails.message_language(reporter.language)
    with translation.override(language):
        document_type = document.get_document_type_display()
        # What it is for, in the reader's words ("notice of acceptance of your complaint").
        purpose = document_purpose(document.document_type, document.action, document.case.kind)
    earlier = replaced_at_issue(document)
    told = earlier is not None and earlier.owed_to_citizen  # one the citizen was sent
    subject, body = emails.render(
        "citizen_document_issued",
        {
            "tracking_code": document.case.tracking_code,
            "symbol": document.symbol,
            "summary": document.trich_yeu,
            "document_type": document_type,
            "purpose": purpose,
            "issuer": document.issuer.name,
            "replaces_symbol": earlier.symbol if told else "",
            "replaces_date": (
                timezone.localtime(earlier.issued_at, timezone.get_default_timezone())
                .strftime("%d/%m/%Y") if told and earlier.issued_at else ""
            ),
            "tracking_url": emails.tracking_url(document.case.tracking_code, language),
        },
        language=language,
    )
    message = EmailMessage(subject=subject, body=body, to=[reporter.email])
    with document.pdf.file.open("rb") as handle:
        message.attach(document.pdf.original_name, handle.read(), "application/pdf")
    sent = message.send()
    document_mark_sent(document_id=document.pk)
    _sending_recorded(document.pk)
    return sent


def _sending_recorded(document_id: int) -> None:
    """The mail went out: the notice it gave the citizen is recorded as sent, by e-mail, by
    the portal (`case_notices_sent_by_portal`, the citizen's party only, idempotent)."""
    from complaints.services.workflow import case_notices_sent_by_portal

    case_notices_sent_by_portal(document_id=document_id, origin="task")
