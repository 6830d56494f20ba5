"""Checks of the portal's settings that `manage.py check` runs (and `migrate`, `runserver`
and the test runner with it): a setting that would leave staff with no way to do what the
law asks is said at start, not found by a handler on a case.

`PORTAL_APPROVAL_ACTIONS` (complaints/approvals/rules.py) chooses which steps a handler
proposes for the head's approval. The head's written decisions
(`complaints.rules.resolver.HEAD_DECISIONS`: the acceptance of a complaint or a denunciation
and its refusal, the conclusion, extensions, suspension and resumption) are taken only by a
leader of the competent unit (Điều 27, Điều 36 Luật Khiếu nại; khoản 1 Điều 29, Điều 30,
Điều 34, Điều 35 Luật Tố cáo; the verification's extension, khoản 3 Điều 7 Thông tư
07/2013/TT-TTCP): a handler's only way to one of them is the proposal. A list
that leaves one out leaves the handler none (a warning, since a unit whose leaders take
those steps themselves may want it); a name that is no step of the table is a typing error
(an error: the proposal would have no reason to show).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

TAG = "portal"


@checks.register(TAG)
def approval_actions_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from complaints.approvals.rules import PROPOSABLE_ACTIONS
    from complaints.rules.resolver import HEAD_DECISIONS

    chosen = getattr(settings, "PORTAL_APPROVAL_ACTIONS", None)
    if chosen is None:
        return []
    messages: list[checks.CheckMessage] = []
    unknown = sorted(set(chosen) - set(PROPOSABLE_ACTIONS))
    if unknown:
        messages.append(checks.Error(
            _("PORTAL_APPROVAL_ACTIONS có bước không thuộc bảng các bước trình lãnh đạo: "
              "%(unknown)s.") % {"unknown": ", ".join(unknown)},
            hint=_("Các bước có thể chọn: %(known)s.")
            % {"known": ", ".join(sorted(PROPOSABLE_ACTIONS))},
            id="portal.E001",
        ))
    left_out = sorted(HEAD_DECISIONS - set(chosen))
    if left_out:
        messages.append(checks.Warning(
            _("PORTAL_APPROVAL_ACTIONS bỏ các bước chỉ lãnh đạo đơn vị có thẩm quyền quyết định "
              "(Điều 27, Điều 36 Luật Khiếu nại; khoản 1 Điều 29, Điều 30, Điều 34, Điều 35 Luật "
              "Tố cáo; khoản 3 Điều 7 Thông tư 07/2013/TT-TTCP): %(left_out)s. Cán bộ xử lý "
              "không có cách nào trình lãnh đạo các bước này.")
            % {"left_out": ", ".join(left_out)},
            hint=_("Thêm các bước này vào PORTAL_APPROVAL_ACTIONS, hoặc bỏ biến này để dùng "
                   "bảng mặc định. Nếu lãnh đạo đơn vị tự thực hiện các bước này, có thể bỏ qua "
                   "cảnh báo bằng biến môi trường PORTAL_SILENCED_CHECKS=portal.W001."),
            id="portal.W001",
        ))
    return messages
