"""What the procedure records beside the case (issue 9): dialogue meetings and withdrawals.

Written only by `complaints.services.workflow.case_transition` (actions `schedule_dialogue`,
`record_dialogue`, `withdraw`, `record_withdrawal`), with history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.rules.dialogue import DialogueStatus
from complaints.rules.withdrawal import ContinueGround, WithdrawalForm, WithdrawalScope
from portal.history import HistoricalRecords


class DialogueMeeting(models.Model):
    """A dialogue with the complainant (đối thoại; Luật KN Điều 30, 39; NĐ 124/2020 Điều 28)."""

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="dialogues"
    )
    scheduled_at = models.DateTimeField(_("thời gian đối thoại"))
    place = models.CharField(_("địa điểm"), max_length=255)
    participants = models.TextField(_("thành phần tham gia"))
    notified_on = models.DateField(_("ngày gửi thông báo đối thoại"))
    status = models.CharField(
        _("kết quả"), max_length=24, choices=DialogueStatus.choices,
        default=DialogueStatus.SCHEDULED,
    )
    led_by = models.CharField(_("người chủ trì"), max_length=255, blank=True)
    minutes = models.TextField(_("biên bản đối thoại"), blank=True)
    # The dialogue's result, section III of the minutes (Mẫu số 14): the points agreed and
    # those still disputed (khoản 4 Điều 30 Luật Khiếu nại; khoản 4 Điều 28 Nghị định
    # 124/2020/NĐ-CP, thay thế bởi Điều 11 Nghị định 155/2026/NĐ-CP).
    result = models.TextField(_("kết quả đối thoại"), blank=True)
    # When a meeting held began (if not at `scheduled_at`, the time invited to) and ended,
    # as Mẫu số 14 states them ("Vào hồi …", "Buổi đối thoại kết thúc hồi … cùng ngày";
    # khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP); empty where not recorded.
    started_at = models.DateTimeField(_("giờ bắt đầu đối thoại"), null=True, blank=True)
    ended_at = models.DateTimeField(_("giờ kết thúc đối thoại"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận kết quả"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("lịch sử đối thoại"))

    class Meta:
        verbose_name = _("buổi đối thoại")
        verbose_name_plural = _("buổi đối thoại")
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.scheduled_at:%Y-%m-%d %H:%M} {self.place}"


class Withdrawal(models.Model):
    """A withdrawal (rút đơn) and what became of the case (`complaints.rules.withdrawal`)."""

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="withdrawals"
    )
    form = models.CharField(_("hình thức"), max_length=16, choices=WithdrawalForm.choices)
    scope = models.CharField(_("phạm vi"), max_length=16, choices=WithdrawalScope.choices)
    document_ref = models.CharField(_("số, ngày đơn rút hoặc biên bản"), max_length=255)
    attachment = models.ForeignKey(
        "complaints.Attachment", verbose_name=_("tệp đơn rút"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    withdrawn_by = models.CharField(_("người rút"), max_length=255, blank=True)
    withdrawn_part = models.TextField(_("nội dung được rút"), blank=True)
    continues = models.BooleanField(_("vẫn tiếp tục giải quyết"), default=False)
    continue_ground = models.CharField(
        _("căn cứ tiếp tục giải quyết"), max_length=24, choices=ContinueGround.choices, blank=True
    )
    stop_decision_ref = models.CharField(_("quyết định đình chỉ"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))

    history = HistoricalRecords(verbose_name=_("lịch sử rút đơn"))

    class Meta:
        verbose_name = _("việc rút đơn")
        verbose_name_plural = _("việc rút đơn")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_scope_display()}"
