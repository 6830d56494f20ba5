"""A few realistic sample cases for the demo, filed through the intake service like a
citizen's (so they carry their routing decision, deadlines and timeline).

Idempotent: each sample has its own idempotency key and is skipped when a case with
that key exists."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints.kinds import CaseKind, Channel
from complaints.models import Case, Facility
from complaints.services.intake import ReporterData, SubmissionData, case_submit
from complaints.services.press_intake import case_log_press_report
from complaints.services.rating import case_rate
from complaints.services.workflow import case_transition

_DEMO_KEY = "demo-sample-case-{n}"


def _samples(today: datetime.date) -> list[SubmissionData]:
    consent = {"consent": True}
    return [
        SubmissionData(
            kind="phan_anh",
            facility="BV-DKT-QNG",
            category="kham-chua-benh",
            title="Chờ khám hơn bốn giờ tại Khoa Khám bệnh",
            content=(
                "Sáng thứ Hai tôi đưa mẹ đến khám tại Khoa Khám bệnh, lấy số lúc 6 giờ 30 nhưng "
                "đến gần 11 giờ mới được khám. Không có bảng thông báo số thứ tự, nhiều người "
                "cao tuổi phải đứng chờ vì thiếu ghế."
            ),
            incident_date=today - datetime.timedelta(days=3),
            reporter=ReporterData(name="Phạm Thị Hoa", phone="0914222333",
                                  email="hoa.pham@example.vn", address="Nghĩa Lộ, Quảng Ngãi"),
            consent_contact=True,
            **consent,
        ),
        SubmissionData(
            kind="phan_anh",
            facility="TYT-PHOCUONG",
            category="thuoc-vat-tu",
            title="Trạm y tế hết thuốc điều trị tăng huyết áp",
            content=(
                "Hai tháng nay Trạm Y tế xã Phổ Cường không có thuốc huyết áp cấp theo bảo hiểm "
                "y tế; người bệnh phải tự mua ở ngoài hoặc lên tuyến trên."
            ),
            incident_date=today - datetime.timedelta(days=10),
            anonymous=True,
            **consent,
        ),
        SubmissionData(
            kind="kien_nghi",
            facility="TTYT-DP",
            category="hanh-chinh",
            title="Đề nghị cho đặt lịch khám qua điện thoại",
            content=(
                "Đề nghị Trung tâm Y tế Đức Phổ mở số điện thoại hoặc trang web đặt lịch khám "
                "để người dân ở xa không phải đến từ sáng sớm lấy số."
            ),
            reporter=ReporterData(name="Trần Văn Minh", phone="0935111222",
                                  address="Phổ Minh, Đức Phổ"),
            **consent,
        ),
        SubmissionData(
            kind="khieu_nai",
            facility="BV-DTT",
            category="bhyt-vien-phi",
            title="Khiếu nại việc thu tiền giường dịch vụ khi có thẻ BHYT",
            content=(
                "Khi ra viện, bệnh viện thu của tôi 1.800.000 đồng tiền giường dịch vụ dù tôi "
                "không đăng ký và nằm ghép hai người một giường. Đề nghị xem xét lại và hoàn trả."
            ),
            incident_date=today - datetime.timedelta(days=20),
            reporter=ReporterData(name="Lê Thị Thu", phone="0905777888",
                                  email="thu.le@example.vn", address="Phổ Ninh, Đức Phổ",
                                  id_number="051185004567"),
            decision_complained="Phiếu thu tiền giường dịch vụ số 2231 khi ra viện",
            decision_maker="Phòng Tài chính - Kế toán, Bệnh viện Đa khoa khu vực Đặng Thùy Trâm",
            decision_date=today - datetime.timedelta(days=20),
            truth_declaration=True,
            consent_contact=True,
            **consent,
        ),
        SubmissionData(
            kind="to_cao",
            facility="BV-SAN-QNG",
            category="tieu-cuc-tham-nhung",
            title="Tố cáo nhận tiền của người nhà sản phụ",
            content=(
                "Đêm 12, một nữ hộ sinh trực khoa Sản yêu cầu người nhà đưa 500.000 đồng để "
                "được chăm sóc tốt hơn. Tôi có ghi âm cuộc nói chuyện và có người làm chứng."
            ),
            incident_date=today - datetime.timedelta(days=5),
            reporter=ReporterData(name="Võ Văn Nam", phone="0977456789",
                                  address="Trần Phú, Quảng Ngãi", id_number="051190009876"),
            accused_name="Nữ hộ sinh trực đêm 12 khoa Sản",
            accused_position="Nữ hộ sinh, khoa Sản",
            truth_declaration=True,
            **consent,
        ),
    ]


def load_sample_cases(*, stdout) -> None:
    """File the sample cases that do not exist yet; say how many were filed."""
    if not Facility.objects.filter(code="BV-DKT-QNG").exists():
        stdout.write("Bỏ qua hồ sơ mẫu: chưa có dữ liệu cơ sở y tế.")
        return
    filed = skipped = 0
    for n, data in enumerate(_samples(timezone.localdate()), start=1):
        key = _DEMO_KEY.format(n=n)
        if Case.objects.filter(idempotency_key=f"{Channel.WEB}:{key}").exists():
            skipped += 1
            continue
        result = case_submit(data=data, channel=Channel.WEB, idempotency_key=key)
        filed += 1
        if n == 1:
            _handle_to_the_end(result.case)
    if not Case.objects.filter(kind=CaseKind.BAO_CHI).exists():
        _log_press_report()
    stdout.write(f"Hồ sơ mẫu: {filed} mới, {skipped} đã có")


def _demo_leader():
    User = get_user_model()
    return User.objects.filter(username="leader").first()


def _handle_to_the_end(case: Case) -> None:
    """One sample goes the whole way (accepted, verified, concluded, closed, rated)
    through the same workflow service staff use, so the demo shows a full timeline."""
    leader = _demo_leader()
    if leader is None:
        return
    steps = [
        ("accept", {}),
        ("start_verification", {}),
        (
            "conclude",
            {
                "conclusion": "Xác minh đúng: Khoa Khám bệnh thiếu bàn lấy số và ghế chờ.",
                "public_answer": (
                    "Bệnh viện đã bổ sung 60 ghế chờ, bảng điện tử gọi số và mở thêm hai "
                    "bàn khám buổi sáng từ ngày 01 tháng này. Xin cảm ơn bà đã phản ánh."
                ),
            },
        ),
        ("close", {}),
    ]
    for action, data in steps:
        case_transition(case_id=case.pk, action=action, actor=leader, data=data, origin="demo")
    case.refresh_from_db()
    case_rate(case=case, rating=4, comment="Bệnh viện đã thay đổi nhanh.", origin="demo")


def _log_press_report() -> None:
    """A press article logged by the press office, verified and concluded."""
    User = get_user_model()
    press, leader = User.objects.filter(username="press").first(), _demo_leader()
    if press is None or leader is None:
        return
    report = case_log_press_report(
        actor=press,
        outlet="Báo Quảng Ngãi",
        article_title="Người bệnh than phiền vì nhà vệ sinh khoa Nội xuống cấp",
        article_url="https://baoquangngai.example.vn/nha-ve-sinh-khoa-noi",
        published_on=timezone.localdate() - datetime.timedelta(days=6),
        matter="Nhà vệ sinh khoa Nội hư hỏng, thiếu nước, mất vệ sinh.",
        facility="BV-DKT-QNG",
        category="co-so-vat-chat",
        origin="demo",
    )
    case = report.case
    for action, data in [
        ("accept", {}),
        (
            "conclude",
            {
                "conclusion": "Hai trong năm nhà vệ sinh khoa Nội hỏng vòi nước; đã sửa.",
                "public_answer": (
                    "Bài báo phản ánh đúng một phần: hai nhà vệ sinh hỏng vòi nước đã được "
                    "sửa ngay; ba nhà vệ sinh còn lại vẫn hoạt động bình thường."
                ),
                "press_finding": "partly_accurate",
            },
        ),
    ]:
        case_transition(case_id=case.pk, action=action, actor=leader, data=data, origin="demo")
