"""Template tags of the documents (complaints/documents): the citizen's list on the
tracking page and the staff panel on the case page."""

from django import template

register = template.Library()


@register.inclusion_tag("complaints/documents/_citizen_documents.html")
def citizen_documents(tracking_code: str):
    from complaints.documents.citizen import citizen_documents as owed
    from complaints.models import Case
    from complaints.rules.document_purposes import document_purpose

    case = Case.objects.unique_or_none(tracking_code=tracking_code)
    documents = list(owed(case)) if case is not None else []
    for document in documents:  # what it is for, in the reader's words (no query)
        document.purpose = document_purpose(document.document_type, document.action, case.kind)
    return {"tracking_code": tracking_code, "documents": documents}


@register.inclusion_tag("complaints/documents/admin/_case_panel.html", takes_context=True)
def case_documents_panel(context, case):
    from complaints.documents.selectors import documents_for_staff

    return {"case": case, **documents_for_staff(case=case, user=context["request"].user)}
