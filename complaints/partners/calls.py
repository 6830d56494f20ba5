"""The log of partner calls: one row per answer to a request made with a partner key."""

from __future__ import annotations

from complaints.models import PartnerCall


def partner_call_record(request, response, *, tracking_code: str = "") -> None:
    """Log the answer `response` if `request` was authenticated by a partner key."""
    key = getattr(request, "partner_key", None)
    if key is None or getattr(request, "_partner_call_logged", False):
        return
    request._partner_call_logged = True
    code = tracking_code or getattr(request, "partner_tracking_code", "")
    PartnerCall.objects.create(
        partner_id=key.partner_id,
        key=key,
        method=request.method[:10],
        path=request.path[:300],
        status_code=response.status_code,
        tracking_code=code[:30],
    )
