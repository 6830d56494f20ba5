"""A draft of a decision (dự thảo) and the comments on it.

A draft carries the fields of one workflow action (`complaints.transitions`) as the
action will take them; approving it performs the action. Its history (who proposed,
edited, returned, approved) is kept by django-simple-history and mirrored as private
`CaseEvent`s on the case's timeline."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import HistoricalRecords


class DraftStatus(models.TextChoices):
    PENDING = "pending", _("Chờ phê duyệt")
    RETURNED = "returned", _("Trả lại để sửa")
    APPROVED = "approved", _("Đã phê duyệt")
    WITHDRAWN = "withdrawn", _("Đã rút")


OPEN_DRAFT_STATUSES = (DraftStatus.PENDING, DraftStatus.RETURNED)


class Draft(models.Model):
    case = models.ForeignKey(
        "complaints.Case", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="drafts"
    )
    action = models.CharField(_("thao tác đề xuất"), max_length=32)
    data = models.JSONField(_("nội dung dự thảo"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề xuất"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("đơn vị có thẩm quyền"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    proposed_at = models.DateTimeField(_("thời điểm đề xuất"), db_index=True)
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.OneToOneField(
        "complaints.CaseEvent",
        verbose_name=_("thao tác đã thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="draft",
    )

    history = HistoricalRecords(verbose_name=_("lịch sử dự thảo"))

    class Meta:
        verbose_name = _("dự thảo trình phê duyệt")
        verbose_name_plural = _("dự thảo trình phê duyệt")
        ordering = ["proposed_at", "id"]
        constraints = [
            # One open draft per case and action: a double click proposes once.
            models.UniqueConstraint(
                fields=["case", "action"],
                condition=models.Q(status__in=["pending", "returned"]),
                name="draft_one_open_per_case_action",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(decided_by__isnull=False),
                name="draft_approved_has_approver",
            ),
            # Nobody approves their own draft (also checked, with its message, by
            # `draft_approve`).
            models.CheckConstraint(
                condition=~models.Q(status="approved") | ~models.Q(decided_by=models.F("author")),
                name="draft_not_approved_by_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} ({self.status})"

    @property
    def version(self) -> str:
        """The content a leader is shown (the action and its fields), as a short hash: the
        approve form carries it, and `draft_approve` refuses if the draft changed since."""
        content = json.dumps(
            {"action": self.action, "data": self.data},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(content.encode()).hexdigest()[:16]


class DraftComment(models.Model):
    """A leader's comment when returning or editing a draft, or the author's reply."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("ý kiến"))
    at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("ý kiến về dự thảo")
        verbose_name_plural = _("ý kiến về dự thảo")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.text[:40]}"
