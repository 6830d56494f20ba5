"""Citizens' printable files: the receipt after filing, the case file, the documents
they are owed. Opened only with the PIN kept in the session (as the tracking page);
rendered on request and never stored; `no-store` so no cache keeps the PIN."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from complaints.documents import citizen, rendering
from complaints.selectors.tracking import case_for_citizen
from complaints.services.tracking import normalize_tracking_code
from complaints.views.public import SUBMITTED_KEY, TRACKED_KEY


def _pdf_response(data: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _tracked_case(request, code: str):
    pin = request.session.get(TRACKED_KEY, {}).get(code)
    return case_for_citizen(tracking_code=code, pin=pin) if pin else None


@never_cache
@require_GET
def receipt_pdf(request, tracking_code: str):
    """Giấy biên nhận. With the PIN only right after filing (the session's one-time
    receipt entry); from the tracking page, without it."""
    code = normalize_tracking_code(tracking_code)
    submitted = request.session.get(SUBMITTED_KEY, {}).get(code)
    pin = submitted["pin"] if submitted else None
    case = case_for_citizen(tracking_code=code, pin=pin) if pin else _tracked_case(request, code)
    if case is None:
        return HttpResponseRedirect(reverse("complaints:track_lookup"))
    html = citizen.receipt_html(case=case, pin=pin, base_url=request.build_absolute_uri("/")[:-1])
    return _pdf_response(rendering.pdf_bytes(html), f"bien-nhan-{case.tracking_code}.pdf")


@never_cache
@require_GET
def case_file_pdf(request, tracking_code: str):
    """The citizen's file of their own case: public timeline and the documents sent."""
    code = normalize_tracking_code(tracking_code)
    case = _tracked_case(request, code)
    if case is None:
        return HttpResponseRedirect(case_url(code))
    html = citizen.case_file_html(case=case, base_url=request.build_absolute_uri("/")[:-1])
    return _pdf_response(rendering.pdf_bytes(html), f"ho-so-{case.tracking_code}.pdf")


@never_cache
@require_GET
def document_pdf(request, tracking_code: str, pk: int):
    """One issued document the citizen is owed, as issued (the stored PDF)."""
    code = normalize_tracking_code(tracking_code)
    case = _tracked_case(request, code)
    if case is None:
        raise Http404
    document = get_object_or_404(citizen.citizen_documents(case).select_related("pdf"), pk=pk)
    try:
        handle = document.pdf.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False,
                            filename=document.pdf.original_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def case_url(code: str) -> str:
    return reverse("complaints:track_detail", kwargs={"tracking_code": code})
