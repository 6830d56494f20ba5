"""Who names the handler of a tố cáo: the leader, never an officer.

The resolver (người giải quyết tố cáo, the unit's head) verifies a denunciation or assigns
the verification in writing (khoản 1 Điều 31 Luật Tố cáo), and whoever handles it reads
the denouncer's identity, which is kept secret (Điều 47, khoản 3 Điều 8 Luật Tố cáo). So
naming anyone, oneself or a colleague, takes a leader (`complaints.approve_case`); an
officer gives the case to the unit only. The workflow refuses the rest (`_clean_user` in
`complaints.services.workflow`); the workspace's "Giao xử lý" form does not offer it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

LEADER_PERMISSION = "complaints.approve_case"

ARTICLE = "khoản 1 Điều 31, Điều 47 Luật Tố cáo"

# Shown in the assign form in place of the officers' list.
LEADER_NAMES_HANDLER = _(
    "Lãnh đạo đơn vị giao cán bộ xác minh tố cáo: người giải quyết tố cáo giao việc xác minh "
    "bằng văn bản, và người được giao biết danh tính người tố cáo (khoản 1 Điều 31, Điều 47 "
    "Luật Tố cáo). Anh/chị giao hồ sơ cho đơn vị; lãnh đạo đơn vị sẽ giao người xác minh."
)


def may_name_handler(*, case, actor) -> bool:
    """Whether `actor` may name who handles `case` (anyone may, but on a tố cáo a leader)."""
    return case.kind != CaseKind.TO_CAO or actor.has_perm(LEADER_PERMISSION)
