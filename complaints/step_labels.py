"""Vietnamese names of the deadline steps (`CaseDeadline.step`, the codes of
`complaints.deadlines.RULES`) and of the units they are counted in: one vocabulary
for the workspace, the staff timeline and the staff e-mails. The legal basis itself
is shown as the rule stores it."""

from django.utils.translation import gettext_lazy as _

STEP_LABELS = {
    "accept": _("Thụ lý hoặc trả lời việc thụ lý"),
    "accept_extended": _("Thụ lý (cần xác minh ở nhiều nơi)"),
    "forward_not_competent": _("Chuyển đơn khi không thuộc thẩm quyền"),
    "notify_acceptance": _("Thông báo việc thụ lý tố cáo"),
    "complaint_acceptance_notice": _("Thông báo thụ lý giải quyết khiếu nại"),
    "resolve": _("Giải quyết"),
    "resolve_extended": _("Giải quyết khi gia hạn tối đa"),
    "press_forward_report": _("Báo kết quả cho cơ quan báo chí đã chuyển đơn"),
    "filing_period": _("Thời hiệu khiếu nại của người dân"),
    "suspension_notice": _("Gửi quyết định tạm đình chỉ"),
    "resumption_notice": _("Gửi quyết định tiếp tục giải quyết"),
    "filing_notice": _("Thông báo lưu đơn"),
    "press_initial_statement": _("Cung cấp thông tin ban đầu cho báo chí"),
    "press_measures_notice": _("Thông báo biện pháp xử lý cho cơ quan báo chí"),
    "press_answer": _("Trả lời cơ quan báo chí"),
    "press_conclusion_notice": _("Gửi kết luận cho cơ quan báo chí"),
    # The outlet's duty, not the Sở's (complaints/rules/press_correction.py).
    "press_correction": _("Cơ quan báo chí đăng cải chính"),
    "stop_notice": _("Gửi quyết định đình chỉ giải quyết"),
    "extension_notice": _("Thông báo gia hạn giải quyết tố cáo"),
    "decision_notice": _("Gửi quyết định giải quyết, kết luận cho các bên"),
    "decision_publication": _("Công khai quyết định giải quyết, kết luận"),
    "second_filing_period": _("Thời hạn khiếu nại lần hai (từ ngày nhận quyết định lần đầu)"),
    "second_filing_period_no_decision": _(
        "Thời hạn khiếu nại lần hai (từ ngày hết hạn giải quyết lần đầu)"
    ),
}

# What a step's clock counts from (`complaints.deadlines.Event`): the deadline table.
EVENT_LABELS = {
    "received": _("Ngày tiếp nhận"),
    "accepted": _("Ngày thụ lý"),
    "incident": _("Ngày xảy ra sự việc"),
    "decision_known": _("Ngày nhận được hoặc biết được quyết định"),
    "suspended": _("Ngày ban hành quyết định tạm đình chỉ"),
    "resumed": _("Ngày ban hành quyết định tiếp tục giải quyết"),
    "concluded": _("Ngày kết luận, quyết định giải quyết"),
    "filed": _("Ngày có căn cứ lưu đơn"),
    "stopped": _("Ngày ban hành quyết định đình chỉ"),
    "extended": _("Ngày quyết định gia hạn"),
    "press_requested": _("Ngày nhận văn bản yêu cầu của người đứng đầu cơ quan báo chí"),
    "decision_received": _("Ngày nhận quyết định giải quyết lần đầu"),
    "first_deadline_passed": _("Ngày hết thời hạn giải quyết lần đầu"),
}

# The parties a notice goes to (`complaints.rules.notices.PARTIES`).
PARTY_LABELS = {
    "complainant": _("Người khiếu nại"),
    "respondent": _("Người bị khiếu nại"),
    "denouncer": _("Người tố cáo"),
    "accused": _("Người bị tố cáo"),
    "accused_body": _("Cơ quan, tổ chức quản lý người bị tố cáo"),
    "related": _("Người có quyền, nghĩa vụ liên quan"),
    "first_resolver": _("Người giải quyết khiếu nại lần đầu"),
    "forwarder": _("Cơ quan, tổ chức, cá nhân đã chuyển đơn"),
    "superior": _("Thủ trưởng cấp trên trực tiếp"),
    "outlet": _("Cơ quan báo chí"),
    "reporter": _("Người gửi đơn"),
    "public": _("Công khai"),
}

COUNTED_IN_LABELS = {
    "working_days": _("ngày làm việc"),
    "calendar_days": _("ngày"),
    "hours": _("giờ"),
    # The outlet's correction (complaints/rules/press_correction.py).
    "immediate": _("ngay khi nhận văn bản"),
    "next_issue": _("số ra gần nhất"),
}

# The outlet's medium, for its correction deadline (complaints/rules/press_correction.py).
CORRECTION_MEDIUM_LABELS = {
    "online": _("Báo điện tử"),
    "daily_print": _("Báo in hằng ngày"),
    "broadcast": _("Báo nói, báo hình"),
    "periodical": _("Báo tuần, tạp chí"),
}

# The two deadlines a case carries (`Case.accept_by`, `Case.resolve_by`), as staff
# reminders name them.
CASE_DEADLINE_LABELS = {
    "accept": _("Hạn thụ lý"),
    "resolve": _("Hạn giải quyết"),
    "verify": _("Hạn kết thúc xác minh"),  # Case.verification_until
}


def step_label(code: str) -> str:
    return str(STEP_LABELS.get(code, code))


def party_label(code: str) -> str:
    return str(PARTY_LABELS.get(code, code))


def medium_label(code: str) -> str:
    return str(CORRECTION_MEDIUM_LABELS.get(code, code))


def counted_in_label(code: str) -> str:
    return str(COUNTED_IN_LABELS.get(code, code))
