"""Helpers for the workflow tests: cases in a given state, fixed dates, valid data."""

from __future__ import annotations

import datetime
import itertools
from types import SimpleNamespace

from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from tests.factories import CaseFactory, FacilityFactory, UserFactory, paper_decision

# Every date of these tests is after 1 July 2026 (the rules in force from then) and
# before the machine's today, so `decided_on` dates are accepted.
RECEIVED = timezone.make_aware(datetime.datetime(2026, 9, 1, 9, 0))
# Codes apart from those `tracking_code_next` hands out (YT-…), so cases the workflow
# creates (split, second-time complaint) never collide with the test's own.
_CODES = itertools.count(1)
ACCEPTED_STATES = {
    CaseStatus.ACCEPTED,
    CaseStatus.VERIFYING,
    CaseStatus.SUSPENDED,
    CaseStatus.CONCLUDED,
    CaseStatus.CLOSED,
}
KIND_TRAITS = {
    CaseKind.PHAN_ANH: {},
    CaseKind.KIEN_NGHI: {"kind": CaseKind.KIEN_NGHI},
    CaseKind.KHIEU_NAI: {"khieu_nai": True},
    CaseKind.TO_CAO: {"to_cao": True},
    CaseKind.BAO_CHI: {"bao_chi": True},
}


def act(case, action: str, actor, **data):
    """One workflow action on `case` through the one service, as a test's step."""
    from complaints.services.workflow import case_transition

    return case_transition(case_id=case.pk, action=action, actor=actor, data=data, origin="test")


def case_in(kind: str, status: str, **extra):
    """A case of `kind` in `status`, routed to its facility, accepted where the state
    implies it (accepted on the day it was received)."""
    facility = extra.pop("facility", None) or FacilityFactory()
    values = {
        "tracking_code": f"TN-2026-{next(_CODES):06d}",
        "status": status,
        "received_at": RECEIVED,
        "facility": facility,
        "assigned_unit": facility,
        **KIND_TRAITS[kind],
    }
    if status in ACCEPTED_STATES:
        values["accepted_at"] = RECEIVED
    values.update(extra)
    return CaseFactory(**values)


def valid_data(action: str, *, facility_code: str, kind: str = "to_cao") -> dict:
    """Fields that satisfy every row of `action`."""
    return {
        "accept": {},
        "reject": {
            "reason": "Quá thời hiệu khiếu nại",
            "legal_ground": REJECT_GROUND.get(kind, ""),
        },
        "forward": {"to": "Bảo hiểm xã hội tỉnh", "reason": "Không thuộc thẩm quyền ngành Y tế"},
        "request_info": {"message": "Đề nghị gửi bản có chữ ký."},
        "complete_info": {},
        "assign": {"facility": facility_code},
        # a denunciation: the declaration of khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP
        "start_verification": {"verifier_no_conflict": True},
        "mark_complex": {"reason": "Nhiều nơi cần xác minh"},
        "mark_remote": {"reason": "Xã đặc biệt khó khăn"},
        "extend": {"reason": "Cần thêm thời gian xác minh"},
        "suspend": {"reason": "Chờ kết quả giám định"},
        "resume": {},
        "conclude": {
            "conclusion": "Nội dung phản ánh đúng một phần.",
            "public_answer": "Bệnh viện đã chấn chỉnh quy trình tiếp đón.",
            "press_finding": "partly_accurate",
            **paper_decision(),  # a complaint's decision, a denunciation's conclusion
            # the notices owed to the parties given on paper (complaints/rules/owed_notices.py)
            "notices_given_outside": True,
        },
        "close": {},
        "file": {"reason": "duplicate"},
        "withdraw": {
            "reason": "Người gửi có đơn rút",
            "form": "written",
            "document_ref": "Đơn rút ngày 10/09/2026",
        },
        "reopen": {
            "reason": "Kết luận chưa đầy đủ",
            "review_decision": "Quyết định 12/QĐ-SYT ngày 20/09/2026",
        },
        "mark_tip": {"reason": "Nêu rõ người vi phạm và chứng cứ kiểm chứng được"},
        "extend_acceptance": {"reason": "Cần xác minh tại nhiều nơi"},
        # notices (complaints/rules/notices.py): closed until a notice step is open.
        "record_notice": {
            "notice": "decision_notice", "sent_on": "2026-09-02", "sent_via": "post",
            "recipients": ["complainant"],
        },
        "record_press_request": {"requested_on": "2026-09-02"},
        # the 24-hour statement decided after logging (complaints/rules/press_statement.py)
        "mark_press_statement": {"statement_ground": "divided_opinion"},
        # press correction (complaints/rules/press_correction.py): the second closed until
        # a correction is asked for.
        "request_correction": {"medium": "daily_print", "outlet_received_on": "2026-09-02"},
        "record_correction_published": {"published_on": "2026-09-03"},
        # A part keeps its case's kind (a tố cáo stays a tố cáo; staff never make a
        # tố cáo from another kind); a press report's part names its kind.
        "split": {
            "parts": [
                {
                    "title": "Thái độ nhân viên",
                    "content": "Nhân viên quát mắng người bệnh.",
                    "kind": "to_cao" if kind in ("to_cao", "bao_chi") else kind,
                },
            ]
        },
        "escalate": {"content": "Không đồng ý với quyết định giải quyết lần đầu."},
        # retention (complaints/retention/hold.py): the release closed until a hold is set
        "hold_retention": {"reason": "Thanh tra tỉnh yêu cầu giữ hồ sơ"},
        "release_retention": {"reason": "Thanh tra đã kết thúc"},
        # procedure (issue 9)
        "record_withdrawal": {
            "form": "written",
            "document_ref": "Đơn rút ngày 10/09/2026",
            "scope": "one_of_several",
            "withdrawn_by": "Bà Lê Thị C",
        },
        "correct_facts": {"reason": "Xác minh lại chức vụ", "accused_position": "Trưởng khoa"},
        "confirm_signature": {"method": "in_person"},
        "mark_verification_differs": {"reason": "Người khiếu nại không đồng ý kết quả xác minh"},
        # the verifier's report (complaints/rules/verification_report.py)
        "report_verification": {
            "verification_result": "Bệnh viện thu tiền khám không đúng bảng giá.",
            "proposed_finding": "partly_correct",
            "recommendation": "Hủy bỏ một phần quyết định thu tiền.",
        },
        # the facility's report on a press case (complaints/rules/press_verification.py)
        "report_press_verification": {
            "verification_result": "Bệnh viện thu đúng bảng giá; một trường hợp đã hoàn trả.",
        },
        "schedule_dialogue": {
            "scheduled_at": (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
            + "T09:00",
            "place": "Phòng họp Thanh tra Sở",
            "participants": "Người khiếu nại; Giám đốc bệnh viện; Thanh tra Sở",
        },
        "record_dialogue": {
            "outcome": "held", "led_by": "Giám đốc Sở", "led_by_head": True, "minutes": "Biên bản",
            "result": "Thống nhất giữ nguyên phiếu thu; còn khác nhau về khoản phụ thu.",
        },
        # closed until the verification has a period near its end (rules/verification_extension)
        "extend_verification": {
            "verification_extra_days": 5, "reason": "Chờ hồ sơ bệnh án từ bệnh viện tuyến trên",
        },
    }[action]


# A ground of complaints.rules.refusal_grounds each kind may be refused with.
REJECT_GROUND = {
    "khieu_nai": "kn_time_expired",
    "to_cao": "tc_no_violator",
    "phan_anh": "pa_outside_scope",
    "kien_nghi": "pa_outside_scope",
}


def hospital_denounced(**case_fields) -> SimpleNamespace:
    """A tố cáo against a hospital's doctor, given to the Sở's inspectorate and to its officer
    who may see the denouncer: the set-up of the tests of what the hospital may read (khoản 3
    Điều 8, Điều 47 Luật Tố cáo). `department`, `hospital`, `inspection`, `inspector`,
    `case` (a short title and content unless given)."""
    department = FacilityFactory(code="SYT")
    hospital = FacilityFactory(code="BV-A", parent=department)
    inspection = FacilityFactory(code="TTRA", parent=department)
    inspector = UserFactory(
        perms=["complaints.view_case", "complaints.act_on_case",
               "complaints.view_denouncer_identity"],
        facility=inspection, admin_access=True,
    )
    case = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital, assigned_unit=inspection,
        assigned_user=inspector,
        **{"title": "Tố cáo bác sĩ", "content": "Bác sĩ đòi tiền.", **case_fields},
    )
    return SimpleNamespace(department=department, hospital=hospital, inspection=inspection,
                           inspector=inspector, case=case)


def second_round_at_so(hospital) -> SimpleNamespace:
    """A complaint `hospital` decided the first time (`first`) and its second complaint,
    being verified at the Sở (`second`, `so`): the set-up of the tests of what the first
    round's unit reads and is told (khoản 1 Điều 36, khoản 1 Điều 41 Luật Khiếu nại)."""
    from complaints.models import FacilityKind

    so = FacilityFactory(code="SYT", name="Sở Y tế", kind=FacilityKind.DEPARTMENT)
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, facility=hospital)
    second = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=so, second_time=True,
        parent_case=first,
    )
    return SimpleNamespace(so=so, first=first, second=second)


def verified(case) -> None:
    """The verification of `case` reported today: a dialogue's minutes wait for its result
    (khoản 1 Điều 30 Luật Khiếu nại; khoản 3 Điều 28 Nghị định 124/2020/NĐ-CP)."""
    from complaints.models import Case

    case.verification_reported_on = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(verification_reported_on=case.verification_reported_on)
