"""The vocabulary every layer shares: case kinds, channels, statuses (CONTRACT.md, DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PHAN_ANH = "phan_anh", _("Phản ánh")
    KIEN_NGHI = "kien_nghi", _("Kiến nghị")
    KHIEU_NAI = "khieu_nai", _("Khiếu nại")
    TO_CAO = "to_cao", _("Tố cáo")
    BAO_CHI = "bao_chi", _("Thông tin báo chí phản ánh")


# Kinds a citizen files (every kind but the press report the press office logs), in
# the order forms offer them (DOMAIN.md §2).
CITIZEN_KINDS: tuple[str, ...] = (
    CaseKind.PHAN_ANH,
    CaseKind.KIEN_NGHI,
    CaseKind.KHIEU_NAI,
    CaseKind.TO_CAO,
)


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    API = "api", _("Ứng dụng, cổng đối tác")
    HOTLINE = "hotline", _("Đường dây nóng")
    IN_PERSON = "in_person", _("Tiếp công dân trực tiếp")
    MAIL = "mail", _("Đơn gửi qua bưu điện")
    PRESS = "press", _("Báo chí")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    NEEDS_INFO = "needs_info", _("Cần bổ sung thông tin")
    ACCEPTED = "accepted", _("Đã thụ lý")
    VERIFYING = "verifying", _("Đang xác minh")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    CONCLUDED = "concluded", _("Đã có kết luận")
    CLOSED = "closed", _("Đã đóng")
    REJECTED = "rejected", _("Không thụ lý")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    FILED = "filed", _("Lưu đơn")
    WITHDRAWN = "withdrawn", _("Đã rút")


# What the citizen may see (DOMAIN.md §3, last paragraph). Verifying is internal: the
# citizen sees "accepted" for it. A suspension is the parties' to know (khoản 1 Điều 28b
# Nghị định 124/2020 as added by Nghị định 155/2026; khoản 4 Điều 34 Luật Tố cáo): its
# clock is paused, so the citizen sees it as it is, never as a running "accepted".
PUBLIC_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.NEEDS_INFO,
        CaseStatus.ACCEPTED,
        CaseStatus.SUSPENDED,
        CaseStatus.REJECTED,
        CaseStatus.FORWARDED,
        CaseStatus.CONCLUDED,
        CaseStatus.CLOSED,
        CaseStatus.WITHDRAWN,
    }
)
CLOSED_STATUSES = frozenset(
    {
        CaseStatus.CLOSED,
        CaseStatus.REJECTED,
        CaseStatus.FORWARDED,
        CaseStatus.FILED,
        CaseStatus.WITHDRAWN,
    }
)


def public_status(status: str) -> str:
    """The status a citizen is shown for an internal one."""
    if status in PUBLIC_STATUSES:
        return status
    if status == CaseStatus.FILED:
        return CaseStatus.CLOSED
    return CaseStatus.ACCEPTED


class ConclusionFinding(models.TextChoices):
    """What the conclusion of a complaint or a denunciation found: the content right, partly
    right or wrong (the labels of each kind and their articles: `complaints.rules.decision`)."""

    CORRECT = "correct", _("Đúng")
    PARTLY_CORRECT = "partly_correct", _("Đúng một phần")
    WRONG = "wrong", _("Sai")


class PressFinding(models.TextChoices):
    ACCURATE = "accurate", _("Phản ánh đúng")
    PARTLY_ACCURATE = "partly_accurate", _("Phản ánh đúng một phần")
    INACCURATE = "inaccurate", _("Phản ánh không đúng")
