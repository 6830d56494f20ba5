"""Who names the handler of a tố cáo: the leader, never an officer.

The resolver (người giải quyết tố cáo, the unit's head) verifies a denunciation or assigns
the verification in writing (khoản 1 Điều 31 Luật Tố cáo), and whoever handles it reads
the denouncer's identity, which is kept secret (Điều 47, khoản 3 Điều 8 Luật Tố cáo). So
naming anyone, oneself or a colleague, takes a leader (`complaints.approve_case`); an
officer gives the case to the unit only. The workflow refuses the rest (`_clean_user` in
`complaints.services.workflow`); the workspace's "Giao xử lý" form does not offer it, nor
does the list's bulk form once a tố cáo is among the cases ticked (`may_name_handlers`),
and that form refuses an officer posted by hand before any case is touched.
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
    "Luật Tố cáo). Bạn giao hồ sơ cho đơn vị; lãnh đạo đơn vị sẽ giao người xác minh."
)


def may_name_handler(*, case, actor) -> bool:
    """Whether `actor` may name who handles `case` (anyone may, but on a tố cáo a leader)."""
    return case.kind != CaseKind.TO_CAO or actor.has_perm(LEADER_PERMISSION)


# The list's bulk form ("Giao xử lý các hồ sơ đã chọn"): under its officers' list, shown to
# someone who may not name a tố cáo's handler when the list holds one.
BULK_LEADER_NAMES_HANDLER = _(
    "Hồ sơ tố cáo: chỉ lãnh đạo đơn vị giao cán bộ xác minh (khoản 1 Điều 31, Điều 47 Luật "
    "Tố cáo). Khi các hồ sơ đã chọn có hồ sơ tố cáo, bạn chỉ giao cho đơn vị, không chọn "
    "cán bộ; lãnh đạo đơn vị sẽ giao người xác minh."
)
# The bulk form's refusal of an officer named for a selection holding a tố cáo.
BULK_REFUSAL = _(
    "Các hồ sơ đã chọn có hồ sơ tố cáo: chỉ lãnh đạo giao cán bộ xác minh tố cáo, vì người "
    "giải quyết tố cáo giao việc xác minh bằng văn bản và người được giao biết danh tính "
    "người tố cáo (khoản 1 Điều 31, Điều 47 Luật Tố cáo). Hãy giao cho đơn vị, không chọn "
    "cán bộ, hoặc bỏ chọn các hồ sơ tố cáo."
)


def may_name_handlers(*, kinds, actor) -> bool:
    """Whether `actor` may name one handler for cases of `kinds` at once (a bulk
    assignment): `may_name_handler` for each, read from the kinds alone (no case loaded)."""
    return CaseKind.TO_CAO not in set(kinds) or actor.has_perm(LEADER_PERMISSION)
