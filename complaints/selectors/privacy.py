"""The key points of the personal data notice, for a reader of another language than Vietnamese.

The notice itself (/du-lieu-ca-nhan/, written by `setup_portal` from `cms.demo_content.privacy`)
is a CMS page in Vietnamese only. A citizen filing in English consents beside it (Điều 9 Luật
Bảo vệ dữ liệu cá nhân: the consent must be informed, given for each purpose), so the filing
form says the notice is in Vietnamese and gives its key points in the reader's language: who
processes the data and who sees it, for what, how long it is kept, the rights and how to
exercise them. The facts come from where the notice takes them: the retention policy
(`complaints.retention.policy`), the Sở's contact (`selectors.contact`), the hotline."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaints.kinds import CITIZEN_KINDS, CaseKind
from complaints.retention.policy import retention_rules
from complaints.selectors.contact import department_contact
from portal.province import department_name


@dataclass(frozen=True)
class PrivacyPoint:
    heading: str
    text: str


def _retention() -> str:
    """The months each kind a citizen files is kept after the case is closed, grouped by
    length, from the policy."""
    rules = retention_rules()
    groups: dict[int, list[str]] = {}
    for kind in CITIZEN_KINDS:
        groups.setdefault(rules[kind].months, []).append(str(CaseKind(kind).label).lower())
    return "; ".join(
        ngettext("%(kinds)s: %(months)s tháng", "%(kinds)s: %(months)s tháng", months)
        % {"kinds": ", ".join(kinds), "months": months}
        for months, kinds in sorted(groups.items())
    )


def privacy_summary() -> tuple[PrivacyPoint, ...]:
    """The notice's key points in the active language, each citing its article."""
    contact = department_contact()
    hotline = (getattr(settings, "PORTAL_HOTLINE", "") or "").strip()
    ask = _(
        "Hỏi hoặc gửi yêu cầu đến Văn phòng %(department)s (bộ phận tiếp nhận phản ánh, kiến "
        "nghị), %(address)s."
    ) % {"department": department_name(), "address": contact["address"]}
    if hotline:
        ask += " " + _("Đường dây nóng: %(hotline)s.") % {"hotline": hotline}
    return (
        PrivacyPoint(
            _("Ai xử lý, ai được xem"),
            _(
                "%(department)s xử lý dữ liệu qua cổng này. Hồ sơ được chuyển cho đơn vị y tế "
                "có thẩm quyền giải quyết, chỉ phần cần cho việc giải quyết, và về cơ sở dữ "
                "liệu quốc gia về tiếp công dân, xử lý đơn (không gồm số điện thoại, thư điện "
                "tử, danh tính người tố cáo). Danh tính người tố cáo được giữ bí mật; chỉ người "
                "có thẩm quyền được xem và mỗi lần xem đều được ghi lại (Điều 47 Luật Tố cáo)."
            ) % {"department": department_name()},
        ),
        PrivacyPoint(
            _("Để làm gì"),
            _(
                "Để tiếp nhận và giải quyết hồ sơ của bạn; và, chỉ khi bạn chọn, để báo cho bạn "
                "về hồ sơ qua kênh và cho từng việc bạn đã chọn. Mỗi mục đồng ý là một sự đồng "
                "ý riêng (Điều 9 Luật Bảo vệ dữ liệu cá nhân). Dữ liệu không dùng cho việc khác "
                "và không bán."
            ),
        ),
        PrivacyPoint(
            _("Lưu trong bao lâu"),
            _(
                "Sau khi hồ sơ đóng: %(periods)s. Hết thời hạn, dữ liệu cá nhân của bạn được "
                "hủy, trừ khi pháp luật yêu cầu giữ lại (Điều 16 Luật Bảo vệ dữ liệu cá nhân)."
            ) % {"periods": _retention()},
        ),
        PrivacyPoint(
            _("Quyền của bạn và cách thực hiện"),
            _(
                "Bạn có quyền được biết, xem và yêu cầu sửa dữ liệu của mình; rút lại sự đồng "
                "ý nhận thông báo bất cứ lúc nào (trên trang tra cứu hồ sơ, mục “Ngừng nhận "
                "thông báo”); yêu cầu xoá hoặc hạn chế xử lý trong giới hạn pháp luật cho phép; "
                "khiếu nại về việc xử lý dữ liệu (Điều 4 Luật Bảo vệ dữ liệu cá nhân)."
            ) + " " + ask,
        ),
    )
