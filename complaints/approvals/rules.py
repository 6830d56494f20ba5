"""Which workflow actions a handler proposes for a leader's decision (the table).

These steps end in a written decision or answer signed by the head of the competent
unit (thủ trưởng): the acceptance of a complaint or a denunciation (Luật Khiếu nại Điều 27,
Điều 36; Luật Tố cáo Điều 29), the decision on a complaint (Luật Khiếu nại Điều 31, Điều 40), the
conclusion of a denunciation and its extension or suspension (Luật Tố cáo Điều 30,
Điều 34, Điều 35), the extension of a complaint's verification period (khoản 3 Điều 7
Thông tư 07/2013/TT-TTCP), the refusal to accept (Luật Khiếu nại Điều 11, Điều 27; Luật Tố cáo
khoản 1 Điều 24, khoản 1 Điều 29: of a complaint or a denunciation only the competent
unit's leader takes it directly, `complaints.rules.resolver`),
filing without action (Thông tư 05/2021/TT-TTCP Điều 14). The handler prepares the
draft (dự thảo); the head approves it. The legal basis of each step itself stays in
`complaints.transitions` (shown with the draft). Which steps go through a draft is
also each unit's working rules (quy chế làm việc), so the list can be replaced with
the `PORTAL_APPROVAL_ACTIONS` setting: **unconfirmed** as a statutory list.

An action of this table can still be taken directly by whoever holds its permission in
`complaints.transitions`; proposing is how a handler without it asks.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# action -> why the head decides it (read in Vietnamese, with its article).
PROPOSABLE_ACTIONS: dict[str, str] = {
    "accept": _(
        "Thủ trưởng thụ lý khiếu nại, tố cáo (Điều 27, Điều 36 Luật Khiếu nại; khoản 1 Điều 29 "
        "Luật Tố cáo)"
    ),
    "conclude": _(
        "Thủ trưởng ban hành quyết định, kết luận (Điều 31, Điều 40 Luật Khiếu nại; "
        "Điều 35 Luật Tố cáo)"
    ),
    "extend": _("Thủ trưởng quyết định gia hạn (Điều 30 Luật Tố cáo)"),
    "extend_acceptance": _("Thủ trưởng quyết định kéo dài thời hạn thụ lý (Điều 24 Luật Tố cáo)"),
    "reject": _(
        "Người có thẩm quyền giải quyết trả lời không thụ lý (Điều 11, Điều 27 Luật Khiếu nại; "
        "khoản 1 Điều 29 Luật Tố cáo)"
    ),
    "file": _("Lưu đơn theo Điều 14 Thông tư 05/2021/TT-TTCP"),
    "suspend": _("Thủ trưởng quyết định tạm đình chỉ (Điều 34 Luật Tố cáo)"),
    "resume": _("Thủ trưởng quyết định tiếp tục giải quyết (Điều 34 Luật Tố cáo)"),
    "mark_complex": _("Xác định vụ việc phức tạp (Điều 30 Luật Tố cáo)"),
    # A complaint's only (the transitions table has no other kind's row).
    "extend_verification": _(
        "Người giải quyết khiếu nại quyết định gia hạn thời gian xác minh (khoản 3 Điều 7 "
        "Thông tư 07/2013/TT-TTCP, Mẫu số 04A-KN)"
    ),
}


def proposable_actions() -> dict[str, str]:
    """The table, or the setting's subset of it (a unit's working rules)."""
    chosen = getattr(settings, "PORTAL_APPROVAL_ACTIONS", None)
    if chosen is None:
        return PROPOSABLE_ACTIONS
    return {a: PROPOSABLE_ACTIONS.get(a, "") for a in chosen}


# Steps that go to the head only for some kinds: a phản ánh's, kiến nghị's or press
# report's acceptance is the handling unit's own step, a complaint's or a denunciation's
# the head's (`complaints.transitions.HEAD_ACCEPTS`).
_ONLY_FOR_KINDS: dict[str, frozenset[str]] = {"accept": frozenset({"khieu_nai", "to_cao"})}


def is_proposable(action: str, kind: str | None = None) -> bool:
    """Whether `action` goes to the head; with `kind`, for a case of that kind."""
    if action not in proposable_actions():
        return False
    kinds = _ONLY_FOR_KINDS.get(action)
    return kind is None or kinds is None or kind in kinds


# The steps whose article differs by kind, one row per (action, kind): `conclude` read
# per kind is each kind's decision and its own article, never another kind's (a press
# report's or a phản ánh's draft cited the Luật Khiếu nại and the Luật Tố cáo); the other
# steps (a complaint's suspension is not the Luật Tố cáo's) carry the article of each
# kind's row in `complaints.transitions`.
_BY_KIND: dict[tuple[str, str], str] = {
    ("conclude", "khieu_nai"): _(
        "Thủ trưởng ban hành quyết định giải quyết khiếu nại (Điều 31, Điều 40 Luật Khiếu nại)"
    ),
    ("conclude", "to_cao"): _("Thủ trưởng ban hành kết luận nội dung tố cáo (Điều 35 Luật Tố cáo)"),
    ("conclude", "phan_anh"): _(
        "Thủ trưởng trả lời phản ánh, kiến nghị (Điều 28 Luật Tiếp công dân)"
    ),
    ("conclude", "kien_nghi"): _(
        "Thủ trưởng trả lời phản ánh, kiến nghị (Điều 28 Luật Tiếp công dân)"
    ),
    ("conclude", "bao_chi"): _(
        "Thủ trưởng trả lời, thông báo cho cơ quan báo chí (khoản 1, khoản 3 Điều 18 Nghị định "
        "237/2026/NĐ-CP)"
    ),
    ("accept", "khieu_nai"): _(
        "Người có thẩm quyền giải quyết khiếu nại thụ lý và ký thông báo thụ lý (Điều 27, "
        "khoản 1 Điều 36 Luật Khiếu nại; Mẫu số 03 Nghị định 155/2026/NĐ-CP)"
    ),
    ("accept", "to_cao"): _(
        "Người giải quyết tố cáo ra quyết định thụ lý tố cáo (khoản 1 Điều 29 Luật Tố cáo)"
    ),
    ("reject", "khieu_nai"): _(
        "Người có thẩm quyền giải quyết khiếu nại không thụ lý và nêu rõ lý do (Điều 27, khoản 1 "
        "Điều 36 Luật Khiếu nại; căn cứ Điều 11 Luật Khiếu nại)"
    ),
    ("reject", "to_cao"): _(
        "Người giải quyết tố cáo không thụ lý và thông báo lý do cho người tố cáo (khoản 1 "
        "Điều 24, khoản 1 Điều 29 Luật Tố cáo)"
    ),
    ("reject", "phan_anh"): _(
        "Thủ trưởng trả lời không xử lý phản ánh, kiến nghị (khoản 1 Điều 4 Nghị định "
        "154/2026/NĐ-CP, chưa xác nhận)"
    ),
    ("reject", "kien_nghi"): _(
        "Thủ trưởng trả lời không xử lý phản ánh, kiến nghị (khoản 1 Điều 4 Nghị định "
        "154/2026/NĐ-CP, chưa xác nhận)"
    ),
    ("suspend", "khieu_nai"): _(
        "Thủ trưởng quyết định tạm đình chỉ (khoản 1 Điều 28b Nghị định 124/2020/NĐ-CP, được "
        "bổ sung bởi Điều 12 Nghị định 155/2026/NĐ-CP)"
    ),
    ("suspend", "to_cao"): _(
        "Thủ trưởng quyết định tạm đình chỉ (khoản 1, khoản 4 Điều 34 Luật Tố cáo)"
    ),
    ("resume", "khieu_nai"): _(
        "Thủ trưởng quyết định tiếp tục giải quyết (khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP, "
        "được bổ sung bởi Điều 12 Nghị định 155/2026/NĐ-CP)"
    ),
    ("resume", "to_cao"): _(
        "Thủ trưởng quyết định tiếp tục giải quyết (khoản 2 Điều 34 Luật Tố cáo)"
    ),
    ("mark_complex", "khieu_nai"): _("Xác định vụ việc phức tạp (Điều 28, Điều 37 Luật Khiếu nại)"),
    ("mark_complex", "to_cao"): _(
        "Xác định vụ việc phức tạp (khoản 2, khoản 3 Điều 30 Luật Tố cáo)"
    ),
}


def approval_reason(action: str, kind: str | None = None) -> str:
    """Why the head decides `action`, in the words and article of the case's `kind` when
    given and the step's article differs by kind ("" for a kind it does not go to the head
    for, e.g. a phản ánh's acceptance)."""
    reasons = proposable_actions()
    if not is_proposable(action, kind):
        return ""
    return str(_BY_KIND.get((action, kind), reasons.get(action, "")))
