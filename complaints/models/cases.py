from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind, CaseStatus, Channel, ConclusionFinding, PressFinding
from complaints.querysets import CaseQuerySet, current_due_expression
from complaints.rules.press_statement import StatementGround
from complaints.rules.signature import SignatureMethod
from complaints.storage import private_storage
from portal.history import HistoricalRecords


class Case(models.Model):
    """A phản ánh, kiến nghị, khiếu nại, tố cáo or press report, from receipt to closure.

    Written only by the services in `complaints.services` (one write path), each
    setting the history user and change reason before saving. The reporter's
    identity lives apart in `Reporter` (confidential for a tố cáo)."""

    tracking_code = models.CharField(_("mã hồ sơ"), max_length=32, unique=True)
    pin_hash = models.CharField(max_length=128, editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=CaseKind.choices, db_index=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=CaseStatus.choices,
        default=CaseStatus.RECEIVED,
        db_index=True,
    )

    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"))
    incident_date = models.DateField(_("ngày xảy ra sự việc"), null=True, blank=True)
    facility = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("cơ sở bị phản ánh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_about",
    )
    category = models.ForeignKey(
        "complaints.Category",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    anonymous = models.BooleanField(_("ẩn danh"), default=False)
    already_sent_elsewhere = models.CharField(_("đã gửi cơ quan khác"), max_length=255, blank=True)

    # khiếu nại (Luật KN Art 8, 9; DOMAIN.md §2)
    second_time = models.BooleanField(_("khiếu nại lần 2"), default=False)
    decision_complained = models.CharField(
        _("quyết định, hành vi bị khiếu nại"), max_length=500, blank=True
    )
    decision_maker = models.CharField(
        _("người ra quyết định/thực hiện hành vi"), max_length=255, blank=True
    )
    decision_date = models.DateField(_("ngày quyết định hoặc ngày biết"), null=True, blank=True)
    first_decision_ref = models.CharField(
        _("quyết định giải quyết lần 1"), max_length=255, blank=True
    )
    parent_case = models.ForeignKey(
        "self",
        verbose_name=_("hồ sơ gốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="linked_cases",
        help_text=_("Khiếu nại lần 1 của khiếu nại lần 2, hoặc hồ sơ được tách từ đó"),
    )

    # tố cáo (Luật TC Art 12(1) decides competence by the accused's position)
    accused_name = models.CharField(_("người bị tố cáo"), max_length=255, blank=True)
    accused_is_head = models.BooleanField(
        _("người bị tố cáo là người đứng đầu hoặc cấp phó"), default=False
    )
    accused_position = models.CharField(_("chức vụ người bị tố cáo"), max_length=255, blank=True)

    # bao_chi: the article the press office logs (DOMAIN.md §6)
    press_outlet = models.CharField(_("cơ quan báo chí"), max_length=255, blank=True)
    press_article_title = models.CharField(_("tên bài báo"), max_length=500, blank=True)
    press_article_url = models.URLField(_("đường dẫn bài báo"), max_length=1000, blank=True)
    press_published_on = models.DateField(_("ngày đăng"), null=True, blank=True)
    press_article_text = models.TextField(_("nội dung bài báo"), blank=True)
    press_finding = models.CharField(
        _("kết quả xác minh thông tin báo chí"),
        max_length=16,
        choices=PressFinding.choices,
        blank=True,
    )
    # The finding of a complaint's decision or a denunciation's conclusion: đúng, đúng một
    # phần, sai (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản
    # 2 Điều 35 Luật Tố cáo; `complaints.rules.decision`). Blank: another kind, not yet
    # concluded, or concluded before the portal recorded it.
    finding = models.CharField(
        _("kết luận nội dung khiếu nại, tố cáo"),
        max_length=16,
        choices=ConclusionFinding.choices,
        blank=True,
    )
    # khoản 3–4 Điều 7 Nghị định 244/2026: an important event with wide social impact, or
    # public opinion divided: the spokesperson gives an initial statement within 24 hours
    # (the step `press_initial_statement`, only for the articles staff mark so).
    press_statement_needed = models.BooleanField(
        _("cần cung cấp thông tin ban đầu cho báo chí trong 24 giờ"), default=False
    )
    # Marked after the article was logged (action `mark_press_statement`,
    # complaints/rules/press_statement.py): the ground, and when the Sở so determined, from
    # which the 24 hours of khoản 4 run; who decided is the event's actor and the history's.
    press_statement_ground = models.CharField(
        _("căn cứ phát ngôn trong 24 giờ"),
        max_length=16,
        choices=StatementGround.choices,
        blank=True,
    )
    press_statement_determined_at = models.DateTimeField(
        _("thời điểm xác định cần phát ngôn trong 24 giờ"), null=True, blank=True
    )

    # notices: a second-time complaint's filing window (Luật KN Art 33(1)) runs from the
    # day the first decision was received, or from the day the first-time deadline passed
    # with no decision (then counted from the first complaint's acceptance, Art 28); the
    # press answer's 30 days from the outlet head's written request (NĐ 237/2026 Art 18(1)).
    first_decision_received_on = models.DateField(
        _("ngày nhận quyết định giải quyết lần đầu"), null=True, blank=True
    )
    first_deadline_passed = models.BooleanField(
        _("hết thời hạn giải quyết lần đầu mà chưa có quyết định"), default=False
    )
    first_accepted_on = models.DateField(
        _("ngày thụ lý khiếu nại lần đầu"), null=True, blank=True
    )
    press_requested_on = models.DateField(
        _("ngày cơ quan báo chí có văn bản yêu cầu trả lời"), null=True, blank=True
    )

    # Deadline conditions and the computed dates (per step rows in CaseDeadline).
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    is_very_complex = models.BooleanField(_("vụ việc đặc biệt phức tạp"), default=False)
    is_remote = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    extensions_used = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # The resolution deadline that had already run out when the period was lengthened (gia
    # hạn, or a complaint found complex or remote): the law does not forbid the late
    # decision, but the case was late and stays counted so (`reports.periods.LATE`), its days
    # late counted from this date, whatever the new one.
    resolution_expired_on = models.DateField(
        _("hạn giải quyết đã hết trước khi được kéo dài"), null=True, blank=True
    )
    accept_by = models.DateField(_("hạn thụ lý"), null=True, blank=True, db_index=True)
    resolve_by = models.DateField(_("hạn giải quyết"), null=True, blank=True, db_index=True)

    # Routing: the unit currently competent, and the person handling it there.
    assigned_unit = models.ForeignKey(
        "complaints.Facility",
        verbose_name=_("đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_assigned",
    )
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_assigned",
    )
    forwarded_to = models.CharField(_("chuyển đến cơ quan"), max_length=255, blank=True)
    # The verification period the step set (complaints/rules/verification.py: điểm đ khoản 2
    # Điều 31 Luật Tố cáo; khoản 1 Điều 29, Điều 38 Luật Khiếu nại): its days and its last day.
    verification_days = models.PositiveSmallIntegerField(
        _("thời hạn xác minh (ngày)"), null=True, blank=True
    )
    verification_until = models.DateField(_("hạn kết thúc xác minh"), null=True, blank=True)
    # The verification team, when the step formed one (complaints/rules/verification_team.py:
    # khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP; khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP): one
    # member per line, "họ và tên, chức vụ", the leader first; read with `team_members`.
    verification_team = models.TextField(_("tổ xác minh"), blank=True)
    # The day the verification's result was reported (the step `report_verification`:
    # khoản 4 Điều 29 Luật Khiếu nại, khoản 6 Điều 31 Luật Tố cáo); cleared when a
    # verification starts again. The list's "Quá hạn xác minh" reads it.
    verification_reported_on = models.DateField(
        _("ngày báo cáo kết quả xác minh"), null=True, blank=True
    )

    # Duplicates are flagged for staff, never refused at intake.
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("có thể trùng với"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
    )
    inspection_tip = models.BooleanField(_("tin báo để thanh tra (đơn nặc danh)"), default=False)

    # Outcome
    conclusion = models.TextField(_("kết luận"), blank=True)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    rejection_reason = models.TextField(_("lý do không thụ lý"), blank=True)
    rejection_legal_ground = models.CharField(_("căn cứ không thụ lý"), max_length=255, blank=True)

    # procedure (issue 9): refusal ground, signature, competence facts, dialogue, review
    refusal_ground = models.CharField(
        _("căn cứ không thụ lý, lưu đơn (mã)"), max_length=64, blank=True
    )
    signature_method = models.CharField(
        _("chữ ký của người gửi"), max_length=16, choices=SignatureMethod.choices, blank=True
    )
    signature_recorded_at = models.DateTimeField(
        _("thời điểm ghi nhận chữ ký"), null=True, blank=True
    )
    sent_to_competent_body = models.BooleanField(
        _("đã gửi đồng thời cơ quan có thẩm quyền"),
        default=False,
        help_text=_("Tố cáo gửi nhiều nơi, có cả cơ quan có thẩm quyền (Điều 24 Luật Tố cáo)"),
    )
    verification_differs = models.BooleanField(
        _("yêu cầu và kết quả xác minh khác nhau"),
        default=False,
        help_text=_("Khiếu nại lần đầu: phải đối thoại (Điều 30 Luật Khiếu nại)"),
    )
    reviewed_by = models.CharField(_("cấp trên xem xét lại"), max_length=255, blank=True)

    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), db_index=True)
    accepted_at = models.DateTimeField(_("thời điểm thụ lý"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("thời điểm kết luận"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm đóng"), null=True, blank=True)

    # Citizen's rating, once, after closure.
    rating = models.PositiveSmallIntegerField(_("đánh giá"), null=True, blank=True)
    rating_comment = models.TextField(_("nhận xét"), blank=True)
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), null=True, blank=True)

    # A retried submission (same key) returns the same case.
    idempotency_key = models.CharField(
        max_length=128, null=True, blank=True, unique=True, editable=False
    )
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    # Retention (complaints/retention): a legal hold keeps the citizen's personal data past
    # its period (an inspection, a lawsuit, a request of the competent authority: khoản 3
    # Điều 16 Luật Bảo vệ dữ liệu cá nhân, "trừ trường hợp pháp luật có quy định khác"); set
    # and cleared by the actions `hold_retention`/`release_retention` (complaints/transitions.py).
    retention_hold = models.BooleanField(
        _("giữ dữ liệu cá nhân, chưa hủy khi hết thời hạn lưu trữ"), default=False
    )
    retention_hold_reason = models.TextField(_("lý do giữ dữ liệu cá nhân"), blank=True)
    # When the reporter's personal data was destroyed (`complaints.retention.destruction`).
    personal_data_destroyed_at = models.DateTimeField(
        _("thời điểm hủy dữ liệu cá nhân của người gửi"), null=True, blank=True, editable=False
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    # Interoperability (issue 15): the partner system whose API key filed the case.
    partner = models.ForeignKey(
        "complaints.Partner",
        verbose_name=_("đối tác gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        editable=False,
    )

    history = HistoricalRecords(
        verbose_name=_("lịch sử hồ sơ"),
        excluded_fields=["pin_hash", "idempotency_key", "request_fingerprint", "updated_at"],
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("view_all_cases", _("Xem hồ sơ toàn tỉnh")),
            ("view_press_cases", _("Xem hồ sơ thông tin báo chí")),
            # Two-factor sign-in is required of its holders (portal/twofactor/policy.py):
            # khoản 3 Điều 8, Điều 47 Luật Tố cáo.
            (
                "view_denouncer_identity",
                _(
                    "Xem danh tính người tố cáo (bắt buộc đăng nhập hai bước; khoản 3 Điều 8, "
                    "Điều 47 Luật Tố cáo)"
                ),
            ),
            ("act_on_case", _("Xử lý hồ sơ")),
            ("approve_case", _("Phê duyệt kết luận, gia hạn")),
            ("record_withdrawal", _("Ghi nhận rút đơn")),
            (
                "hold_personal_data",
                _("Giữ dữ liệu cá nhân của hồ sơ, chưa hủy khi hết thời hạn lưu trữ"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="case_rating_1_to_5",
            ),
            # An anonymous denunciation is not a tố cáo (Luật TC Art 25).
            models.CheckConstraint(
                condition=~models.Q(kind=CaseKind.TO_CAO, anonymous=True),
                name="case_to_cao_not_anonymous",
            ),
        ]
        indexes = [
            models.Index(fields=["assigned_unit", "status"]),
            # The deadline a case waits on (`overdue_condition`, `due_within_condition`): the
            # overdue and due-soon lists and counters read only the open cases' deadlines.
            models.Index(
                fields=["accept_by"],
                name="case_waiting_accept_by",
                condition=models.Q(status__in=["received", "needs_info"]),
            ),
            models.Index(
                fields=["resolve_by"],
                name="case_waiting_resolve_by",
                condition=models.Q(status__in=["accepted", "verifying"]),
            ),
            # The verifications past their period without a report
            # (`verification_overdue_condition`): only the cases being verified and not yet
            # reported are in it, so the list's filter reads a handful of rows.
            models.Index(
                fields=["verification_until"],
                name="case_verification_waiting",
                condition=models.Q(status="verifying", verification_reported_on__isnull=True),
            ),
            # The case search (search/cases.py): a unit's cases newest first, and on
            # PostgreSQL every column the facets count, read from the index alone.
            models.Index(
                fields=["assigned_unit", "received_at"],
                include=["id", "kind", "status", "channel", "category", "accept_by", "resolve_by"],
                name="case_unit_received_facets",
            ),
            # The workspace list's deadline order (`complaints.admin.due_order`): the cases
            # whose step's deadline comes first are read from this index (backwards, farthest
            # first) instead of sorting every case in scope. ASC is NULLS LAST in PostgreSQL's
            # indexes, as the list orders (SQLite refuses the modifier in an index).
            models.Index(
                current_due_expression().asc(),
                models.F("received_at").desc(),
                models.F("id").desc(),
                name="case_current_due_order",
            ),
            # The default order of the workspace list, newest first.
            models.Index(
                models.F("received_at").desc(), models.F("id").desc(), name="case_received_order"
            ),
            # The dashboard counters (`selectors.dashboard._count`): their one pass grouped by
            # state and kind reads every column its conditions and the scope need from this
            # index alone on PostgreSQL (an index-only scan of about a seventh of the table's
            # pages, already in group order), instead of a sequential scan of the cases.
            models.Index(
                fields=["status", "kind"],
                include=["id", "accept_by", "resolve_by", "assigned_user", "assigned_unit"],
                name="case_counters_cover",
            ),
            # The steering figures of the last 12 months (`reports.figures`): the cases
            # resolved in the window with their deadline, and the ratings given in it, read
            # from these indexes alone on PostgreSQL instead of scanning every case each time
            # a case change makes the figures be counted again (57 and 22 ms at 100,000 cases).
            models.Index(
                fields=["concluded_at"],
                include=["id", "resolve_by", "resolution_expired_on", "assigned_unit", "kind"],
                condition=models.Q(status__in=["concluded", "closed"]),
                name="case_resolved_window",
            ),
            models.Index(
                fields=["rated_at"],
                include=["id", "rating", "assigned_unit", "kind"],
                condition=models.Q(rating__isnull=False),
                name="case_rated_window",
            ),
        ]

    def __str__(self) -> str:
        # The code only: what names a case wherever Django or Wagtail write an object by
        # itself (a usage page, a delete refusal, an error page, a log entry's label) is read
        # by people who may not see a tố cáo's title, which may name its denouncer (Điều 47
        # Luật Tố cáo). A title is shown only where it is read as its reader may
        # (`complaints.services.confidential_text.text_reader`).
        return self.tracking_code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("complaints:track_detail", kwargs={"tracking_code": self.tracking_code})

    def finding_label(self) -> str:
        """The finding in the words of the case's law ("Khiếu nại đúng một phần"), or ""."""
        return self.finding_label_of(self.finding) if self.finding else ""

    def finding_label_of(self, code: str) -> str:
        """A finding `code` in the words of the case's law (a proposal's), else the code."""
        from complaints.rules.decision import finding_label

        return finding_label(self.kind, code) or code


class Reporter(models.Model):
    """Who filed the case. Kept apart from the case: a denouncer's identity is
    secret (Luật TC Arts 8(3), 47; NĐ 31/2019 Art 22) and every citizen's contact
    data too (NĐ 154/2026 Art 12(2)). Read through `selectors.reporter_for`,
    which checks the permission and logs the view."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reporter")
    name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    id_number = models.CharField(_("số định danh cá nhân/CCCD"), max_length=32, blank=True)
    # Consent per purpose (Luật BVDLCN 91/2025/QH15 Art 9): recorded, not bundled.
    consent_processing = models.BooleanField(
        _("đồng ý xử lý dữ liệu để giải quyết hồ sơ"), default=False
    )
    consent_contact = models.BooleanField(_("đồng ý nhận thông báo qua thư điện tử"), default=False)
    consent_recorded_at = models.DateTimeField(_("thời điểm đồng ý"), null=True, blank=True)
    # citizen: the SMS channel and what the citizen wants to be told (Luật BVDLCN 91/2025
    # Art 9: consent per purpose); the e-mail channel is consent_contact above.
    consent_sms = models.BooleanField(_("đồng ý nhận thông báo qua tin nhắn SMS"), default=False)
    notify_receipt = models.BooleanField(_("báo khi hồ sơ được tiếp nhận"), default=True)
    notify_info_request = models.BooleanField(_("báo khi cần bổ sung thông tin"), default=True)
    notify_decision = models.BooleanField(_("báo kết quả giải quyết"), default=True)
    notify_reminders = models.BooleanField(_("nhắc hạn cần trả lời"), default=True)
    # The language the citizen filed in (the portal's, or the API call's Accept-Language):
    # their e-mails and SMS are written in it (complaints.notifications.notifier). Official
    # documents and staff messages stay Vietnamese.
    language = models.CharField(
        _("ngôn ngữ nhận thông báo"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="vi",
    )
    truth_declaration = models.BooleanField(
        _("cam đoan nội dung là đúng sự thật"),
        default=False,
        help_text=_(
            "Thay chữ ký khi gửi trực tuyến (khoản 2 Điều 8 Luật Khiếu nại, Điều 23 Luật Tố cáo)"
        ),
    )

    # What the staff look up a case by (`complaints.selectors.reporter_lookup`): the name
    # folded and the phone's digits (`complaints.reporter_keys`), written by `save` from
    # the values above, never elsewhere; not in the history, whose rows show the values.
    name_folded = models.CharField(max_length=255, blank=True, editable=False)
    phone_key = models.CharField(max_length=32, blank=True, editable=False)

    history = HistoricalRecords(
        verbose_name=_("lịch sử thông tin người gửi"),
        excluded_fields=["name_folded", "phone_key"],
    )

    class Meta:
        verbose_name = _("người gửi")
        verbose_name_plural = _("người gửi")
        # The same-reporter look-ups (the intake's duplicate check, the case page's
        # related cases): `phone = …`, `UPPER(email) = UPPER(…)` (iexact), `id_number = …`,
        # OR-ed: PostgreSQL combines the three (BitmapOr) instead of scanning every reporter.
        indexes = [
            models.Index(fields=["phone"], name="reporter_phone"),
            models.Index(Upper("email"), name="reporter_email_upper"),
            models.Index(fields=["id_number"], name="reporter_id_number"),
            # The staff look-up: `phone_key = …`, `name_folded LIKE 'prefix%'` (the pattern
            # operator class lets PostgreSQL read a prefix from the index).
            models.Index(fields=["phone_key"], name="reporter_phone_key"),
            models.Index(
                fields=["name_folded"], name="reporter_name_folded",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Ẩn danh"))

    def save(self, *args, **kwargs):
        from complaints.reporter_keys import name_key, phone_key

        self.name_folded, self.phone_key = name_key(self.name), phone_key(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "phone"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_folded", "phone_key"}
        super().save(*args, **kwargs)


class CaseDeadline(models.Model):
    """One computed deadline, with the rule that produced it. Rows are superseded,
    never rewritten: a later change of the law does not move a past case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    step = models.CharField(_("bước"), max_length=48)
    due = models.DateField(_("hạn"))
    due_at = models.DateTimeField(_("hạn (giờ)"), null=True, blank=True)
    counted_in = models.CharField(_("cách tính"), max_length=16)
    amount = models.PositiveIntegerField(_("số ngày/giờ"))
    counted_from = models.DateField(_("tính từ ngày"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    rule_version = models.CharField(_("phiên bản quy định"), max_length=32)
    unconfirmed = models.BooleanField(_("chưa xác nhận căn cứ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    # notices: a notice step is settled once the notice reached every party the law
    # names (`complaints.services.notices`); an unsettled one past `due` is overdue.
    settled_at = models.DateTimeField(_("đã thực hiện lúc"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("lịch sử thời hạn"))

    class Meta:
        verbose_name = _("thời hạn")
        verbose_name_plural = _("thời hạn")
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step"],
                condition=models.Q(superseded_at__isnull=True),
                name="case_deadline_one_current_per_step",
            )
        ]
        indexes = [
            # Notices not sent yet, by step and day (`overdue_condition`, `due_within_condition`):
            # the overdue and due-soon counts read the case ids from the index alone.
            models.Index(
                fields=["step", "due"],
                include=["case"],
                condition=models.Q(settled_at__isnull=True, superseded_at__isnull=True),
                name="casedeadline_open_step_due",
            ),
            # Open steps by day: those a change of the working calendar on a day may move
            # (`complaints.services.calendar_change`: counted_from < day <= due).
            models.Index(
                fields=["due", "counted_from"],
                include=["case"],
                condition=models.Q(settled_at__isnull=True, superseded_at__isnull=True),
                name="casedeadline_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.due:%d/%m/%Y}"


class CaseEvent(models.Model):
    """A row per thing that happened to a case: status changes are stored as
    rows, never edits. `is_public` events make the citizen's timeline."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    is_public = models.BooleanField(_("công khai"), default=False)
    public_message = models.TextField(_("nội dung công khai"), blank=True)
    note = models.TextField(_("ghi chú nội bộ"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    # A retried staff action (same user, same Idempotency-Key) returns this event, as a
    # retried submission returns its case (`Case.idempotency_key`).
    idempotency_key = models.CharField(
        max_length=128, null=True, blank=True, unique=True, editable=False
    )
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class InternalNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField(_("ghi chú"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name=_("lịch sử ghi chú"))

    class Meta:
        verbose_name = _("ghi chú nội bộ")
        verbose_name_plural = _("ghi chú nội bộ")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Attachment(models.Model):
    """A file the citizen sent: images (re-encoded, metadata stripped) and PDF only,
    kept in private storage and served only to staff in scope."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="case-attachments/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class IdentityAccessLog(models.Model):
    """Every view of a denouncer's identity: who and when (DOMAIN.md §5).

    The staff's accountability record, kept when the citizen's data is destroyed
    (complaints/retention): a case someone's identity was viewed on cannot be deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt xem danh tính người gửi")
        verbose_name_plural = _("nhật ký xem danh tính người gửi")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.at:%Y-%m-%d %H:%M}"


class TrackingSequence(models.Model):
    """Per-year counter behind tracking codes YT-2026-000123, incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
