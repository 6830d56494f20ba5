"""case_submit: one transaction, tracking code and PIN, idempotency, duplicates, limits."""

import dataclasses
import datetime

import pytest
from django.test import override_settings

from complaints.kinds import CaseStatus, Channel
from complaints.models import Attachment, Case, CaseDeadline, CaseEvent, Reporter, RoutingDecision
from complaints.services import intake
from complaints.services.intake import (
    IdempotencyConflict,
    SubmissionInvalid,
    SubmissionThrottled,
    case_submit,
)
from complaints.services.tracking import TRACKING_CODE_RE, pin_matches
from complaints.signals import case_created
from tests.complaints.intake_factories import jpeg_with_gps, submission, upload

pytestmark = pytest.mark.django_db


def test_stores_case_reporter_event_routing_and_deadlines(
    hospital, category, django_capture_on_commit_callbacks
):
    data = submission("phan_anh", facility=hospital.code, category=category.code)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = case_submit(data=data, channel=Channel.WEB, client_ip="203.0.113.5")

    case = Case.objects.get(pk=result.case.pk)
    assert result.created is True
    assert TRACKING_CODE_RE.match(case.tracking_code)
    assert case.tracking_code.startswith(f"YT-{datetime.date.today().year}-")
    assert len(result.pin) == 8 and result.pin.isdigit()
    assert pin_matches(tracking_code=case.tracking_code, pin=result.pin, stored_hash=case.pin_hash)
    assert result.pin not in case.pin_hash
    assert (case.kind, case.channel, case.status) == ("phan_anh", "web", CaseStatus.RECEIVED)
    assert case.facility == hospital and case.category == category

    reporter = Reporter.objects.get(case=case)
    assert reporter.name == "Nguyễn Thị Lan"
    assert reporter.consent_processing and reporter.consent_contact
    assert reporter.consent_recorded_at is not None
    assert reporter.id_number == ""  # not collected for a phản ánh (Luật BVDLCN Art 3)

    event = CaseEvent.objects.get(case=case)
    assert (event.action, event.to_status, event.is_public) == ("received", "received", True)
    assert case.tracking_code in event.public_message

    assert RoutingDecision.objects.filter(case=case).count() == 1
    steps = set(
        CaseDeadline.objects.filter(case=case, superseded_at__isnull=True).values_list(
            "step", flat=True
        )
    )
    assert "accept" in steps
    assert case.accept_by is not None

    history = case.history.order_by("history_id").first()
    assert history.history_change_reason == "origin=web action=case_submit"

    # The live update and the dashboard counters wait for the commit (complaints.signals).
    waiting = [c.__name__ for c in callbacks] + [n for c in callbacks for n in c.__code__.co_names]
    assert "publish_case_event" in waiting and "forget_counters" in waiting


@pytest.mark.django_db(transaction=True)
def test_case_created_is_sent_in_the_transaction_that_stores_the_case(hospital):
    from django.db import connection

    received = []

    def listener(sender, case, event, **kwargs):
        stored = Case.objects.filter(pk=case.pk).exists()  # this transaction sees it
        received.append((case.tracking_code, event.action, connection.in_atomic_block, stored))

    case_created.connect(listener)
    try:
        result = case_submit(data=submission(facility=hospital.code), channel=Channel.API)
    finally:
        case_created.disconnect(listener)
    assert received == [(result.case.tracking_code, "received", True, True)]
    history = result.case.history.order_by("history_id").first()
    assert history.history_change_reason == "origin=api action=case_submit"


def test_tracking_codes_follow_each_other(hospital):
    first = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    second = case_submit(
        data=submission(facility=hospital.code, title="Thiếu thuốc điều trị tiểu đường",
                        content="Trạm y tế không có thuốc tiểu đường suốt hai tháng qua."),
        channel=Channel.WEB,
    )
    n1 = int(first.case.tracking_code.rsplit("-", 1)[1])
    n2 = int(second.case.tracking_code.rsplit("-", 1)[1])
    assert n2 == n1 + 1
    assert first.pin != second.pin or first.case.pin_hash != second.case.pin_hash


def test_same_idempotency_key_returns_the_same_case_and_pin(hospital):
    data = submission(facility=hospital.code)
    first = case_submit(data=data, channel=Channel.API, idempotency_key="abc-123")
    again = case_submit(data=data, channel=Channel.API, idempotency_key="abc-123")
    assert again.created is False
    assert again.case.pk == first.case.pk
    assert again.pin == first.pin
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == 1


def test_idempotency_key_reused_for_other_content_is_refused(hospital):
    case_submit(data=submission(facility=hospital.code), channel=Channel.API, idempotency_key="k1")
    with pytest.raises(IdempotencyConflict):
        case_submit(
            data=submission(facility=hospital.code, title="Một việc khác hẳn"),
            channel=Channel.API,
            idempotency_key="k1",
        )
    assert Case.objects.count() == 1


def test_keys_are_per_channel(hospital):
    data = submission(facility=hospital.code)
    a = case_submit(data=data, channel=Channel.API, idempotency_key="same")
    b = case_submit(data=data, channel=Channel.WEB, idempotency_key="same")
    assert a.case.pk != b.case.pk


def test_bad_idempotency_key_is_reported():
    with pytest.raises(SubmissionInvalid) as error:
        case_submit(data=submission(), channel=Channel.API, idempotency_key="x" * 101)
    assert "idempotency_key" in error.value.errors


def test_likely_duplicate_is_flagged_not_refused(hospital):
    first = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    data = submission(
        facility=hospital.code,
        content=submission().content + " Tôi gửi lại vì chưa thấy trả lời.",
    )
    second = case_submit(data=data, channel=Channel.WEB)
    assert second.case.possible_duplicate_of_id == first.case.pk
    assert second.case.status == CaseStatus.RECEIVED


def test_different_text_or_reporter_is_no_duplicate(hospital):
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    other_text = case_submit(
        data=submission(
            facility=hospital.code,
            title="Nhà vệ sinh khoa Sản bẩn",
            content="Nhà vệ sinh của khoa Sản không được dọn, không có nước rửa tay nhiều ngày.",
        ),
        channel=Channel.WEB,
    )
    assert other_text.case.possible_duplicate_of is None
    other_person = case_submit(
        data=dataclasses.replace(
            submission(facility=hospital.code),
            reporter=intake.ReporterData(name="Lê Văn Tâm", email="tam@example.vn"),
        ),
        channel=Channel.WEB,
    )
    assert other_person.case.possible_duplicate_of is None


def test_old_case_is_no_duplicate(hospital):
    first = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    Case.objects.filter(pk=first.case.pk).update(
        received_at=first.case.received_at - datetime.timedelta(days=31)
    )
    second = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    assert second.case.possible_duplicate_of is None


def test_nothing_is_saved_when_one_attachment_is_bad(hospital, settings):
    files = [
        upload("anh.jpg", jpeg_with_gps()),
        upload("virus.pdf", b"MZ\x90\x00 not a pdf at all"),
    ]
    stored_before = set(settings.PRIVATE_MEDIA_ROOT.rglob("*"))
    with pytest.raises(SubmissionInvalid) as error:
        case_submit(data=submission(facility=hospital.code), attachments=files, channel=Channel.WEB)
    assert any("virus.pdf" in m for m in error.value.errors["attachments"])
    assert Case.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert set(settings.PRIVATE_MEDIA_ROOT.rglob("*")) == stored_before


def test_files_are_removed_when_the_transaction_fails(hospital, settings, monkeypatch):
    from complaints.services import routing

    def broken(**kwargs):
        raise RuntimeError("routing failed")

    # Fails inside the write transaction, after the files are stored.
    monkeypatch.setattr(routing, "route_plan_record", broken)
    before = set(settings.PRIVATE_MEDIA_ROOT.rglob("*.*"))
    with pytest.raises(RuntimeError):
        case_submit(
            data=submission(facility=hospital.code),
            attachments=[upload("anh.jpg", jpeg_with_gps())],
            channel=Channel.WEB,
        )
    assert Case.objects.count() == 0
    assert set(settings.PRIVATE_MEDIA_ROOT.rglob("*.*")) == before


def test_attachments_are_stored_privately(hospital, settings):
    result = case_submit(
        data=submission(facility=hospital.code),
        attachments=[upload("ảnh khoa nhi.jpg", jpeg_with_gps())],
        channel=Channel.WEB,
    )
    attachment = Attachment.objects.get(case=result.case)
    assert attachment.original_name == "ảnh khoa nhi.jpg"
    assert attachment.content_type == "image/jpeg"
    path = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
    assert path.exists()
    assert "khoa" not in attachment.file.name  # stored under a random name
    assert not str(path).startswith(str(settings.MEDIA_ROOT))


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (2, 600)})
def test_too_many_submissions_from_one_address(hospital):
    for title in ("Việc thứ nhất cần báo", "Việc thứ hai cần báo"):
        case_submit(
            data=submission(facility=hospital.code, title=title,
                            content=f"{title}: nội dung chi tiết về sự việc tại cơ sở."),
            channel=Channel.WEB,
            client_ip="198.51.100.7",
        )
    with pytest.raises(SubmissionThrottled) as throttled:
        case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                    client_ip="198.51.100.7")
    assert throttled.value.retry_after > 0
    # Another address is not affected, and a retry of an accepted submission is answered.
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                client_ip="198.51.100.8")
    assert Case.objects.count() == 3


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_refused_submissions_do_not_count_against_the_submission_limit(hospital):
    """A citizen who corrects a form five times still files: only accepted cases count."""
    bad = submission(facility=hospital.code, reporter=dataclasses.replace(
        submission().reporter, phone="09123"))
    for _ in range(5):
        with pytest.raises(SubmissionInvalid):
            case_submit(data=bad, channel=Channel.WEB, client_ip="198.51.100.9")
    with pytest.raises(SubmissionInvalid):  # a bad file, found after the fields
        case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                    attachments=[upload("a.pdf", b"not a pdf")], client_ip="198.51.100.9")
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                client_ip="198.51.100.9")
    with pytest.raises(SubmissionThrottled):
        case_submit(data=submission(facility=hospital.code, title="Một việc khác hẳn"),
                    channel=Channel.WEB, client_ip="198.51.100.9")
    assert Case.objects.count() == 1


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_an_address_past_the_limit_is_still_told_what_is_wrong(hospital):
    """Only a submission that would be accepted meets the accepted limit: an invalid one
    from a spent address gets its errors (an anonymous tố cáo its own), not a 429."""
    address = "198.51.100.12"
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB, client_ip=address)

    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=submission(facility=hospital.code, title="", consent=False),
                    channel=Channel.WEB, client_ip=address)
    assert {"title", "consent"} <= invalid.value.errors.keys()
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=submission("to_cao", facility=hospital.code, anonymous=True),
                    channel=Channel.WEB, client_ip=address)
    assert "Điều 25 Luật Tố cáo" in invalid.value.errors["anonymous"][0]
    with pytest.raises(SubmissionInvalid) as invalid:  # a file refused without decoding it
        case_submit(data=submission(facility=hospital.code, title="Một việc khác hẳn"),
                    attachments=[upload("bang-ke.txt", b"plain text")],
                    channel=Channel.WEB, client_ip=address)
    assert "bang-ke.txt" in invalid.value.errors["attachments"][0]

    with pytest.raises(SubmissionThrottled) as throttled:
        case_submit(data=submission(facility=hospital.code, title="Một việc khác hẳn"),
                    channel=Channel.WEB, client_ip=address)
    assert throttled.value.reason == "submission"
    assert (throttled.value.allowed, throttled.value.period) == (1, 600)
    assert Case.objects.count() == 1


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_a_spent_address_costs_no_decoding(hospital):
    """Checked before the files are decoded: a photo that only decoding would refuse is
    not opened for an address past its allowance."""
    address = "198.51.100.13"
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB, client_ip=address)
    broken = upload("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)  # a JPEG's header only
    with pytest.raises(SubmissionThrottled):
        case_submit(data=submission(facility=hospital.code, title="Một việc khác hẳn"),
                    attachments=[broken], channel=Channel.WEB, client_ip=address)
    with pytest.raises(SubmissionInvalid):  # elsewhere, decoded and refused
        case_submit(data=submission(facility=hospital.code, title="Một việc khác hẳn"),
                    attachments=[broken], channel=Channel.WEB, client_ip="198.51.100.14")


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (5, 600)}, PORTAL_HOTLINE="1900 9095")
def test_the_accepted_limit_message_names_its_cause():
    from complaints.ratelimit import Throttled

    message = intake.accepted_limit_message(
        Throttled(290, "submission", allowed=5, period=600)
    )
    assert message.startswith(
        "Địa chỉ mạng này đã gửi 5 hồ sơ trong 10 phút vừa qua. Để chống gửi tràn, hãy gửi "
        "hồ sơ tiếp theo sau khoảng 5 phút. Nếu bạn gửi giúp nhiều người"
    )
    assert "trạm y tế, bộ phận một cửa" in message and "1900 9095" in message
    assert "giống nhau" not in message


@override_settings(COMPLAINTS_RATE_LIMITS={"submission_refused": (3, 600)})
def test_refused_submissions_have_their_own_looser_limit(hospital):
    bad = submission(facility=hospital.code, consent=False)
    for _ in range(3):
        with pytest.raises(SubmissionInvalid):
            case_submit(data=bad, channel=Channel.WEB, client_ip="198.51.100.10")
    with pytest.raises(SubmissionThrottled) as throttled:
        case_submit(data=bad, channel=Channel.WEB, client_ip="198.51.100.10")
    assert throttled.value.reason == "refused" and throttled.value.retry_after > 0
    with pytest.raises(SubmissionThrottled):  # probing spent: nothing more from there
        case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                    client_ip="198.51.100.10")
    case_submit(data=submission(facility=hospital.code), channel=Channel.WEB,
                client_ip="198.51.100.11")
    assert Case.objects.count() == 1


def test_field_and_file_errors_are_reported_together(hospital):
    data = submission(facility=hospital.code, consent=False)
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=data, channel=Channel.WEB,
                    attachments=[upload("bang-ke.txt", b"plain text")])
    assert {"consent", "attachments"} <= invalid.value.errors.keys()
    assert "bang-ke.txt" in invalid.value.errors["attachments"][0]


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_idempotent_retry_is_not_throttled(hospital):
    data = submission(facility=hospital.code)
    first = case_submit(data=data, channel=Channel.API, idempotency_key="r1", client_ip="192.0.2.1")
    again = case_submit(data=data, channel=Channel.API, idempotency_key="r1", client_ip="192.0.2.1")
    assert again.case.pk == first.case.pk


def test_filing_period_warning_for_a_late_complaint(hospital):
    late = datetime.date.today() - datetime.timedelta(days=120)
    result = case_submit(
        data=submission("khieu_nai", facility=hospital.code, decision_date=late),
        channel=Channel.WEB,
    )
    assert result.case.status == CaseStatus.RECEIVED  # warned, not refused
    assert len(result.warnings) == 1
    assert "90 ngày" in result.warnings[0]


def test_no_warning_within_the_filing_period(hospital):
    result = case_submit(data=submission("khieu_nai", facility=hospital.code), channel=Channel.WEB)
    assert result.warnings == ()
    assert result.case.decision_maker == "Giám đốc bệnh viện"


def test_line_breaks_count_as_the_browser_counts_them(hospital, category):
    """A textarea's line breaks arrive as CR LF, but the browser's `maxlength` counted each
    as one character: a content the form let through must not be refused for its length,
    and it is stored with plain line breaks."""
    lines = [f"Nội dung phản ánh dòng số {n:05d} ..." for n in range(600)]
    typed = "\n".join(lines)[: intake.MAX_CONTENT_LENGTH]
    sent = typed.replace("\n", "\r\n")
    assert len(typed) == intake.MAX_CONTENT_LENGTH < len(sent)
    data = submission("phan_anh", facility=hospital.code, category=category.code, content=sent)
    result = case_submit(data=data, channel=Channel.WEB, client_ip="203.0.113.5")
    stored = Case.objects.get(pk=result.case.pk).content
    assert "\r" not in stored and stored == typed.strip()
