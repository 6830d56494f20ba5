"""The log of partner calls: one row per answer to a request made with a partner key,
refusals of that key included."""

from __future__ import annotations

from complaints.models import PartnerCall


def partner_call_record(request, response, *, tracking_code: str = "") -> None:
    """Log the answer `response` if `request` was made with a partner's key: one that
    authenticated it, or one refused that names a key (revoked, its partner deactivated,
    outside its scopes: `request.partner_key_refused`). An unknown key names no partner."""
    key = getattr(request, "partner_key", None) or getattr(request, "partner_key_refused", None)
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
