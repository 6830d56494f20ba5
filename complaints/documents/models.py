"""The written documents of a case: templates, the documents drafted and issued from
them, and the per-unit, per-year, per-type number sequence (NĐ 30/2020/NĐ-CP Art 15).

Written only by `complaints.documents.services` (one write path)."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from complaints.rules.documents import AUDIENCES, DOCUMENT_TYPES, SIGNER_AUTHORITIES
from complaints.storage import private_storage
from portal.history import HistoricalRecords

# A công văn prints no type name (NĐ 30/2020/NĐ-CP Phụ lục I); lists still name it.
DOCUMENT_TYPE_CHOICES = [
    (code, name or _("CÔNG VĂN")) for code, (name, _abbr) in DOCUMENT_TYPES.items()
]
# Steps that make a document outside the workflow's table (complaints/rules/documents.py).
OTHER_STEPS = {"dialogue_minutes": _("Đối thoại với người khiếu nại (biên bản)")}


def step_choices() -> list[tuple[str, str]]:
    """The steps a template may belong to, by their Vietnamese names: the workflow's
    actions (`complaints.transitions`) and the steps other modules add."""
    from complaints.transitions import TRANSITIONS

    labels: dict[str, str] = {}
    for transition in TRANSITIONS:
        labels.setdefault(transition.action, transition.label)
    return [*labels.items(), *OTHER_STEPS.items()]
AUDIENCE_CHOICES = list(AUDIENCES.items())
SIGNER_AUTHORITY_CHOICES = [(code, label or "—") for code, label in SIGNER_AUTHORITIES.items()]


class DocumentTemplate(PreviewableMixin, models.Model):
    """One document a step produces, as the administrator keeps it. Initial content comes
    from `complaints.rules.documents.FORMS`; every edit is kept in its history, and each
    issued document records the version it was drafted from."""

    code = models.SlugField(_("mã mẫu"), max_length=64, unique=True)
    title = models.CharField(_("tên mẫu"), max_length=255)
    document_type = models.CharField(
        _("loại văn bản"), max_length=16, choices=DOCUMENT_TYPE_CHOICES
    )
    action = models.CharField(
        _("bước xử lý tạo văn bản"), max_length=32, choices=step_choices
    )
    kinds = models.JSONField(_("loại hồ sơ áp dụng"), default=list)
    audience = models.CharField(_("gửi đến"), max_length=16, choices=AUDIENCE_CHOICES)
    owed_to_citizen = models.BooleanField(
        _("gửi cho người dân"),
        default=False,
        help_text=_("Gửi cho người gửi đơn và hiển thị trên trang tra cứu khi ban hành"),
    )
    form_ref = models.CharField(_("mẫu theo quy định"), max_length=255, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    reconstructed = models.BooleanField(
        _("mẫu do Cổng soạn lại, cần cán bộ pháp chế kiểm tra"), default=False
    )
    trich_yeu = models.CharField(_("trích yếu"), max_length=500)
    addressee = models.CharField(_("kính gửi"), max_length=500, blank=True)
    body = models.TextField(
        _("nội dung"),
        help_text=_(
            "Cú pháp mẫu Django: {{ case.tracking_code }}, {{ party.name }}, {{ issuer.name }}, "
            "{{ resolve_by }}, {{ step.reason }}… Danh tính người tố cáo chỉ có trong văn bản "
            "gửi người tố cáo."
        ),
    )
    recipients = models.TextField(_("nơi nhận"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(verbose_name=_("lịch sử mẫu văn bản"))

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["action", "code"]

    def __str__(self) -> str:
        return self.title

    # Wagtail's preview: the template drafted for a sample case, as the PDF lays it out.
    def get_preview_template(self, request, mode_name):
        return "complaints/documents/preview.html"

    def get_preview_context(self, request, mode_name):
        from complaints.documents.rendering import document_html, sample_parts

        context = super().get_preview_context(request, mode_name)
        context["document_html"] = document_html(sample_parts(self))
        return context


# The parts of a draft staff may edit (`document_update`, the edit form).
EDITABLE_FIELDS = (
    "trich_yeu",
    "addressee",
    "body",
    "recipients",
    "signer_authority",
    "principal_title",
    "signer_title",
    "signer_name",
)
# The fields whose change makes another document (`Document.version`): what staff edit,
# and what the draft was made from.
VERSIONED_FIELDS = (
    "issuer_id",
    "superior_name",
    "place",
    "document_type",
    "audience",
    "owed_to_citizen",
    *EDITABLE_FIELDS,
)


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CANCELLED = "cancelled", _("Đã hủy dự thảo")


class Document(models.Model):
    """A document of one case: drafted from its template, edited by staff, issued by a
    leader (number assigned then, never reused), kept as a private PDF attachment."""

    case = models.ForeignKey(
        "complaints.Case", on_delete=models.CASCADE, related_name="documents"
    )
    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.PROTECT, related_name="documents"
    )
    template_version = models.PositiveIntegerField(
        _("phiên bản mẫu"), null=True, blank=True, help_text=_("Mã bản ghi lịch sử của mẫu")
    )
    action = models.CharField(_("bước xử lý"), max_length=32)
    step_data = models.JSONField(
        _("nội dung đề xuất của bước"),
        default=dict,
        blank=True,
        help_text=_("Các trường của bước (lý do, nơi chuyển…) dùng khi phê duyệt bước"),
    )
    document_type = models.CharField(
        _("loại văn bản"), max_length=16, choices=DOCUMENT_TYPE_CHOICES
    )
    audience = models.CharField(_("gửi đến"), max_length=16, choices=AUDIENCE_CHOICES)
    owed_to_citizen = models.BooleanField(_("gửi cho người dân"), default=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
        db_index=True,
    )

    # The parts of the administrative document (NĐ 30/2020/NĐ-CP Art 8, Phụ lục I).
    issuer = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    superior_name = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=100)
    trich_yeu = models.CharField(_("trích yếu"), max_length=500)
    addressee = models.CharField(_("kính gửi"), max_length=500, blank=True)
    body = models.TextField(_("nội dung"))
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=4, choices=SIGNER_AUTHORITY_CHOICES, blank=True
    )
    principal_title = models.CharField(
        _("chức danh người đứng đầu"),
        max_length=255,
        blank=True,
        help_text=_("Khi ký thay (KT.), thừa lệnh (TL.), thay mặt (TM.): ví dụ GIÁM ĐỐC"),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=255)
    signer_name = models.CharField(_("họ tên người ký"), max_length=255, blank=True)

    # Numbering and issue.
    year = models.PositiveIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.ForeignKey(
        "complaints.Attachment",
        verbose_name=_("bản PDF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    docx = models.FileField(
        upload_to="case-documents/%Y/%m/", storage=private_storage, blank=True
    )
    sent_to_citizen_at = models.DateTimeField(_("đã gửi người dân lúc"), null=True, blank=True)

    # The signed copy (bản có chữ ký, đóng dấu) or the record of an electronic signature.
    signed_copy = models.ForeignKey(
        "complaints.Attachment",
        verbose_name=_("bản đã ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    e_signed = models.BooleanField(_("đã ký số"), default=False)
    signed_recorded_at = models.DateTimeField(null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(verbose_name=_("lịch sử văn bản"))

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["created_at", "id"]
        constraints = [
            # A number is never given twice for one unit, year and type (NĐ 30/2020 Art 15).
            models.UniqueConstraint(
                fields=["issuer", "year", "document_type", "number"],
                condition=models.Q(number__isnull=False),
                name="document_number_unique_per_unit_year_type",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="issued")
                | models.Q(number__isnull=False, issued_at__isnull=False),
                name="document_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.symbol or _('Dự thảo')} — {self.trich_yeu}"

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    @property
    def version(self) -> str:
        """Everything the issued document will say (its parts and the step's fields), as a
        short hash: the issue form carries it, and `document_issue` refuses if the draft
        changed since the leader's page showed it."""
        content = json.dumps(
            {
                "parts": [getattr(self, name) for name in VERSIONED_FIELDS],
                "step": self.step_data,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(content.encode()).hexdigest()[:16]

    @property
    def lacks_signed_copy(self) -> bool:
        return self.is_issued and self.signed_copy_id is None and not self.e_signed


class DocumentSequence(models.Model):
    """The last number given per issuing unit, year and document type; incremented under
    a row lock at issue, so two leaders issuing at once never share a number."""

    issuer = models.ForeignKey("complaints.Facility", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    document_type = models.CharField(max_length=16)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "document_type"], name="document_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.document_type}: {self.last_number}"


def _templates_sync(sender, **kwargs) -> None:
    from complaints.documents.services import templates_sync_after_migrate

    templates_sync_after_migrate(sender, **kwargs)


# After `migrate` (and a test database's flush) the law's forms are in the admin.
post_migrate.connect(_templates_sync, dispatch_uid="complaints.documents.templates_sync")
