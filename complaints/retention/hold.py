"""The legal hold: a case whose citizen's personal data must outlive its retention period
(an inspection, a lawsuit, a request of a competent authority: khoản 1 and 3 Điều 16 Luật
Bảo vệ dữ liệu cá nhân, "trừ trường hợp pháp luật có quy định khác"). Set and cleared by
the workflow actions `hold_retention` and `release_retention` (complaints/transitions.py,
permission `complaints.hold_personal_data`), each with its reason, recorded in the case's
history and as an event; `destroy_expired_personal_data` skips a held case."""

from __future__ import annotations

from django.utils.translation import gettext as _

__all__ = ["RETENTION_HOLD_HANDLERS", "hold_refusal", "release_refusal"]


def hold_refusal(case) -> str | None:
    if case.personal_data_destroyed_at is not None:
        return _("Dữ liệu cá nhân của hồ sơ này đã được hủy; không còn gì để giữ.")
    if case.retention_hold:
        return _("Hồ sơ đang được giữ dữ liệu cá nhân.")
    return None


def release_refusal(case) -> str | None:
    if not case.retention_hold:
        return _("Hồ sơ không được giữ dữ liệu cá nhân.")
    return None


def _hold(step) -> None:
    step.case.retention_hold = True
    step.case.retention_hold_reason = step.fields["reason"]
    step.data["reason"] = step.fields["reason"]


def _release(step) -> None:
    step.case.retention_hold = False
    step.case.retention_hold_reason = ""
    step.data["reason"] = step.fields["reason"]


RETENTION_HOLD_HANDLERS = {"hold_retention": _hold, "release_retention": _release}
