"""Cases staff record in the workspace (/admin/ho-so/…/moi/):

- `StaffIntakeView`: a hotline call, a visit to the reception desk or a letter
  (DOMAIN.md §1), through the citizens' own service `case_submit` (one write path);
  the tracking code and PIN are shown once, for staff to tell the citizen. A double
  submit files one case: the form's token is `case_submit`'s idempotency key.
- `PressReportView`: a published article, through `case_log_press_report`. That
  service has no idempotency key, so the form carries a one-time token kept in the
  session and claimed atomically in the cache (shared by every worker) before the
  service runs: a double click or a resubmitted page logs one case."""

from __future__ import annotations

import time
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from complaints.admin.forms import PressReportForm, StaffIntakeForm
from complaints.admin.views import WorkspaceMixin, can_log_press, can_record_intake


class _CreateCaseView(WorkspaceMixin, TemplateView):
    template_name = "complaints/admin/case_create.html"
    submit_label = gettext_lazy("Ghi nhận hồ sơ")

    def allowed(self, user) -> bool:
        """Who may use the form; each form says. Refuses everyone by default."""
        return False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        current = {"url": "", "label": self.page_title}
        return [*self.breadcrumbs_items, self.index_breadcrumb(), current]

    def render_form(self, form, *, status=200, notice=None):
        context = self.get_context_data(
            form=form, notice=notice, submit_label=self.submit_label,
            multipart=self.multipart, intro=self.intro,
        )
        return self.render_to_response(context, status=status)

    @staticmethod
    def to_case(tracking_code: str):
        return HttpResponseRedirect(reverse("complaints_admin:detail", args=[tracking_code]))


# ---- a call, a visit, a letter ---------------------------------------------------------


class StaffIntakeView(_CreateCaseView):
    page_title = gettext_lazy("Ghi nhận cuộc gọi, đơn thư")
    header_icon = "mail"
    multipart = True
    intro = gettext_lazy(
        "Nhập nội dung người dân trình bày qua đường dây nóng, tại nơi tiếp công dân hoặc "
        "trong đơn gửi qua bưu điện. Hồ sơ được tiếp nhận, phân công và tính hạn như hồ sơ "
        "gửi trên cổng. Sau khi lưu, mã hồ sơ và mã PIN hiện một lần để báo cho người dân."
    )

    def allowed(self, user) -> bool:
        return can_record_intake(user)

    def get(self, request):
        return self.render_form(StaffIntakeForm())

    def post(self, request):
        from complaints.services.intake import IdempotencyConflict, SubmissionInvalid, case_submit

        form = StaffIntakeForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            result = case_submit(
                data=form.submission(),
                attachments=form.cleaned_data.get("attachments") or [],
                channel=form.cleaned_data["channel"],
                idempotency_key=form.cleaned_data.get("form_token") or None,
                actor=request.user,
                received_at=form.received_at(),
            )
        except SubmissionInvalid as invalid:
            form.add_service_errors(invalid.errors)
            return self.render_form(form, status=400)
        except IdempotencyConflict:
            post = request.POST.copy()
            post["form_token"] = uuid.uuid4().hex
            form = StaffIntakeForm(post)
            form.is_valid()
            return self.render_form(
                form,
                status=409,
                notice=_(
                    "Biểu mẫu này đã được dùng để ghi nhận một hồ sơ khác. Nếu đây là hồ sơ "
                    "mới, hãy kiểm tra lại nội dung (và tệp kèm theo) rồi bấm Ghi nhận."
                ),
            )
        code = result.case.tracking_code
        text = _(
            "Đã ghi nhận hồ sơ %(code)s. Mã PIN để người dân tra cứu: %(pin)s. Hãy báo mã hồ "
            "sơ và mã PIN cho người dân ngay: mã PIN không hiển thị lại."
        ) % {"code": code, "pin": result.pin}
        if not result.created:
            text = _("Hồ sơ này đã được ghi nhận ở lần bấm trước. ") + text
        messages.success(request, text)
        for warning in result.warnings:
            messages.warning(request, warning)
        return self.to_case(code)


# ---- a press article -------------------------------------------------------------------

PRESS_TOKENS_KEY = "complaints_admin_press_tokens"  # session: {token: tracking code or ""}
_CLAIM_PREFIX = "complaints:press-form:"
_CLAIM_SECONDS = 3600
_PENDING = "…"


def press_token_issue(request) -> str:
    tokens = dict(request.session.get(PRESS_TOKENS_KEY, {}))
    token = uuid.uuid4().hex
    tokens[token] = ""
    request.session[PRESS_TOKENS_KEY] = dict(list(tokens.items())[-20:])
    return token


def _wait_for_first(token: str, *, seconds: float = 5.0) -> str:
    """The code logged by the request that claimed `token` first ("" if still running)."""
    deadline = time.monotonic() + seconds
    while True:
        value = cache.get(_CLAIM_PREFIX + token) or ""
        if value != _PENDING or time.monotonic() >= deadline:
            return "" if value == _PENDING else value
        time.sleep(0.1)


class PressReportView(_CreateCaseView):
    page_title = gettext_lazy("Ghi nhận bài báo")
    header_icon = "doc-full"
    multipart = False
    intro = gettext_lazy(
        "Một bài báo đã đăng về ngành y tế trở thành hồ sơ “Thông tin báo chí phản ánh”: "
        "được phân công cho Văn phòng Sở, tính hạn cung cấp thông tin và trả lời báo chí."
    )

    def allowed(self, user) -> bool:
        return can_log_press(user)

    def get(self, request):
        return self.render_form(PressReportForm(initial={"form_token": press_token_issue(request)}))

    def post(self, request):
        from complaints.services.press_intake import (
            PressReportInvalid,
            case_log_press_report,
            press_report_duplicates,
        )

        token = request.POST.get("form_token", "")
        issued = request.session.get(PRESS_TOKENS_KEY, {})
        if token not in issued:
            post = request.POST.copy()
            post["form_token"] = press_token_issue(request)
            return self.render_form(
                PressReportForm(post),
                status=400,
                notice=_(
                    "Biểu mẫu đã hết hạn hoặc không hợp lệ; chưa có hồ sơ nào được ghi nhận. "
                    "Hãy kiểm tra nội dung rồi bấm Ghi nhận."
                ),
            )
        logged = issued[token] or (cache.get(_CLAIM_PREFIX + token) or "").replace(_PENDING, "")
        if logged:
            return self.already_logged(logged)

        form = PressReportForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = form.cleaned_data
        duplicates = press_report_duplicates(
            outlet=data["outlet"],
            article_title=data["article_title"],
            article_url=data["article_url"],
            published_on=data["published_on"],
        )
        if duplicates and not data.get("confirm_duplicate"):
            # The same article logged again: say which case has it, ask to confirm.
            form.duplicates = duplicates
            return self.render_form(
                form,
                notice=_(
                    "Bài báo này đã được ghi nhận: hồ sơ %(codes)s. Hãy mở hồ sơ đó thay "
                    "vì ghi nhận lại. Nếu vẫn cần một hồ sơ mới, đánh dấu ô xác nhận bên "
                    "dưới rồi bấm Ghi nhận: hồ sơ mới được đánh dấu có thể trùng."
                )
                % {"codes": ", ".join(case.tracking_code for case in duplicates)},
            )
        if not cache.add(_CLAIM_PREFIX + token, _PENDING, timeout=_CLAIM_SECONDS):
            # Another submission of this same form is running (a double click).
            logged = _wait_for_first(token)
            if logged:
                return self.already_logged(logged)
            return self.render_form(
                form,
                status=409,
                notice=_("Biểu mẫu này đang được ghi nhận. Hãy xem danh sách hồ sơ sau ít giây."),
            )
        try:
            report = case_log_press_report(
                actor=request.user,
                outlet=data["outlet"],
                article_title=data["article_title"],
                article_url=data["article_url"],
                published_on=data["published_on"],
                matter=data["matter"],
                content=data.get("content") or "",
                article_text=data.get("article_text") or "",
                facility=data.get("facility"),
                category=data.get("category"),
                incident_date=data.get("incident_date"),
                statement_needed=bool(data.get("statement_needed")),
                origin="admin",
            )
        except PressReportInvalid as invalid:
            cache.delete(_CLAIM_PREFIX + token)
            form.add_service_errors(invalid.errors)
            return self.render_form(form, status=400)
        except BaseException:
            cache.delete(_CLAIM_PREFIX + token)
            raise
        code = report.case.tracking_code
        cache.set(_CLAIM_PREFIX + token, code, timeout=_CLAIM_SECONDS)
        tokens = dict(request.session.get(PRESS_TOKENS_KEY, {}))
        tokens[token] = code
        request.session[PRESS_TOKENS_KEY] = tokens
        messages.success(
            request,
            _("Đã ghi nhận bài báo “%(title)s” thành hồ sơ %(code)s.")
            % {"title": report.case.press_article_title, "code": code},
        )
        if report.duplicates:
            messages.warning(
                request,
                _("Hồ sơ %(code)s được đánh dấu có thể trùng với hồ sơ %(other)s.")
                % {"code": code, "other": report.duplicates[0].tracking_code},
            )
        return self.to_case(code)

    def already_logged(self, code: str):
        messages.info(
            request=self.request,
            message=_("Bài báo này đã được ghi nhận ở lần bấm trước: hồ sơ %(code)s.")
            % {"code": code},
        )
        return self.to_case(code)
