"""Cases created by the workflow: a petition split into linked cases (Luật Tiếp công dân
Art 25(3)) and a second-time complaint escalated to the level above (Luật KN Arts 20, 21)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.models import Case, CaseDeadline, CaseEvent, Category, Facility, Reporter
from complaints.selectors.tracking import case_public_view
from complaints.services.tracking import pin_matches
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.signals import case_created
from tests.complaints.workflow.helpers import act
from tests.factories import UserFactory, paper_decision

from .helpers import case_in

pytestmark = pytest.mark.django_db


def pins_mailed() -> dict[str, str]:
    """{tracking code: PIN} from the linked-case e-mails sent."""
    found = {}
    for message in mail.outbox:
        found.update(re.findall(r"Mã hồ sơ: (YT-\d{4}-\d{6})\n\s*Mã PIN: (\d+)", message.body))
    return found


def stored_texts(*cases) -> str:
    """Every text the database keeps about the cases: events (message, note, data),
    the history rows of the cases and their reporters."""
    ids = [c.pk for c in cases]
    texts = []
    for event in CaseEvent.objects.filter(case_id__in=ids):
        texts += [event.public_message, event.note, str(event.data)]
    for row in Case.history.filter(id__in=ids):
        texts += [str(v) for v in row.__dict__.values()]
    for row in Reporter.history.filter(case_id__in=ids):
        texts += [str(v) for v in row.__dict__.values()]
    return "\n".join(texts)


def test_a_petition_is_split_into_linked_cases(
    demo_reference_data, django_capture_on_commit_callbacks
):
    intake = UserFactory(superuser=True)
    hospital = Facility.objects.get(code="TTYT-DP")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    created = []

    def listener(sender, case, event, **kwargs):
        created.append(case.tracking_code)

    case_created.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            event = act(
                case,
                "split",
                intake,
                parts=[
                    {"title": "Thái độ bác sĩ", "content": "Bác sĩ quát mắng người bệnh."},
                    {
                        "title": "Đề nghị thêm ghế chờ",
                        "content": "Đề nghị bố trí thêm ghế chờ ở khoa khám.",
                        "kind": "kien_nghi",
                        "category": "thai-do-phuc-vu",
                    },
                ],
            )
    finally:
        case_created.disconnect(listener)
    codes = event.data["split_into"]
    assert len(codes) == 2 and created == codes
    assert event.is_public and all(code in event.public_message for code in codes)
    assert "e-mail" in event.public_message or "thư điện tử" in event.public_message
    pins = pins_mailed()
    assert set(pins) == set(codes)
    for code, pin in pins.items():
        new = Case.objects.get(tracking_code=code)
        assert new.parent_case == case and new.received_at == case.received_at
        assert pin_matches(tracking_code=code, pin=pin, stored_hash=new.pin_hash)
        assert Reporter.objects.get(case=new).name == "Nguyễn Thị Dân"
        assert new.routings.exists() and new.assigned_unit is not None
        assert CaseDeadline.objects.filter(case=new, step="accept").exists()
        assert new.events.get().action == "received"
        record = new.history.earliest("history_date")
        assert record.history_change_reason == "origin=test action=case_split"
        assert record.history_user == intake
        assert Reporter.history.filter(case_id=new.pk, history_user=intake).exists()
    second = Case.objects.get(tracking_code=codes[1])
    assert second.kind == CaseKind.KIEN_NGHI
    assert second.category == Category.objects.get(code="thai-do-phuc-vu")


def test_a_split_needs_its_parts_and_refuses_an_anonymous_denunciation():
    intake = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, anonymous=True)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "split", intake)
    assert "parts" in invalid.value.errors
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "split", intake, parts=[{"title": "Tố cáo", "content": "x", "kind": "to_cao"}])
    assert "Điều 25" in invalid.value.errors["parts"][0]
    assert not Case.objects.filter(parent_case=case).exists()


def test_a_second_time_complaint_goes_to_the_level_above(demo_reference_data):
    leader = UserFactory(superuser=True)
    hospital = Facility.objects.get(code="TTYT-DP")
    first = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital, assigned_unit=hospital
    )
    act(first, "accept", leader)
    act(
        first,
        "conclude",
        leader,
        conclusion="Giữ nguyên quyết định.",
        public_answer="Không có cơ sở.",
        notices_given_outside=True,  # its acceptance notice on paper
        **paper_decision(symbol="07/QĐ-TTYT"),
    )
    event = act(first, "escalate", leader, content="Tôi không đồng ý với quyết định lần đầu.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    assert second.kind == CaseKind.KHIEU_NAI and second.second_time
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert second.parent_case == first
    assert second.first_decision_ref == f"07/QĐ-TTYT ngày {today}"
    # Luật KN Art 20: the Giám đốc Sở decides a second complaint against a unit under the Sở.
    assert second.assigned_unit.kind == "department"
    assert second.resolve_by is not None and second.accept_by is not None
    with pytest.raises(TransitionInvalid) as again:  # names the one that exists
        act(first, "escalate", leader, content="Lần nữa")
    assert second.tracking_code in again.value.errors["different_complaint"][0]
    with pytest.raises(TransitionNotAllowed) as refused:
        act(Case.objects.get(pk=second.pk), "escalate", leader, content="x")
    assert "không áp dụng" in refused.value.message or "trạng thái" in refused.value.message


def test_a_part_of_a_denunciation_stays_a_denunciation():
    # Regression: a part split from a tố cáo could take another kind and carried the
    # denouncer's copied identity to staff without view_denouncer_identity.
    intake = UserFactory(superuser=True)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    for kind in ("phan_anh", "kien_nghi", "khieu_nai"):
        with pytest.raises(TransitionInvalid) as invalid:
            act(case, "split", intake, parts=[{"title": "Phần", "content": "x", "kind": kind}])
        assert "tố cáo" in invalid.value.errors["parts"][0]
    assert not Case.objects.filter(parent_case=case).exists()
    event = act(case, "split", intake, parts=[{"title": "Phần", "content": "Nội dung khác."}])
    part = Case.objects.get(tracking_code=event.data["split_into"][0])
    assert part.kind == CaseKind.TO_CAO and part.accused_name == case.accused_name


def test_no_pin_is_stored_after_a_split_or_an_escalation(django_capture_on_commit_callbacks):
    # Regression: the new cases' PINs were written into CaseEvent.public_message.
    leader = UserFactory(superuser=True)
    petition = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, concluded_at=petition.received_at)
    with django_capture_on_commit_callbacks(execute=True):
        split = act(
            petition,
            "split",
            leader,
            parts=[
                {"title": "Một", "content": "Việc thứ nhất."},
                {"title": "Hai", "content": "Việc thứ hai.", "kind": "kien_nghi"},
            ],
        )
        escalated = act(complaint, "escalate", leader, content="Không đồng ý lần đầu.")
    pins = pins_mailed()
    new_codes = [*split.data["split_into"], escalated.data["second_time_case"]]
    assert set(pins) == set(new_codes)
    new_cases = list(Case.objects.filter(tracking_code__in=new_codes))
    texts = stored_texts(petition, complaint, *new_cases)
    for pin in pins.values():
        assert pin not in texts
    assert "PIN" not in str(split.data) + str(escalated.data)
    # The messages name the new codes and where the PIN went.
    assert escalated.data["second_time_case"] in escalated.public_message
    assert "thư điện tử" in escalated.public_message and "thư điện tử" in split.public_message


def test_the_pin_e_mail_goes_only_to_a_reporter_who_agreed(django_capture_on_commit_callbacks):
    leader = UserFactory(superuser=True, email="lanhdao@syt.example.vn")
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    reporter = Reporter.objects.get(case=case)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        act(case, "split", leader, parts=[{"title": "Một", "content": "Việc thứ nhất."}])
    assert not any("Mã PIN:" in m.body for m in mail.outbox), "sent only after commit"
    for callback in callbacks:
        callback()
    linked = [m for m in mail.outbox if "Mã PIN:" in m.body]
    assert len(linked) == 1 and linked[0].to == [reporter.email]
    assert all(leader.email not in m.to for m in mail.outbox)

    mail.outbox.clear()
    no_consent = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    Reporter.objects.filter(case=no_consent).update(consent_contact=False)
    with django_capture_on_commit_callbacks(execute=True):
        event = act(
            no_consent, "split", leader, parts=[{"title": "Một", "content": "Việc thứ nhất."}]
        )
    assert not any("Mã PIN:" in m.body for m in mail.outbox)
    assert "thư điện tử" not in event.public_message
    assert event.data["split_into"][0] in event.public_message


def test_the_source_case_public_view_lists_the_linked_codes_and_nothing_secret(
    django_capture_on_commit_callbacks,
):
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with django_capture_on_commit_callbacks(execute=True):
        event = act(
            case, "split", leader, parts=[{"title": "Đề nghị", "content": "x", "kind": "kien_nghi"}]
        )
    code = event.data["split_into"][0]
    view = case_public_view(case=case).as_dict()
    assert view["linked_cases"] == [{"tracking_code": code, "kind_label": "Kiến nghị"}]
    assert pins_mailed()[code] not in str(view)


def test_a_press_report_carrying_a_denunciation_is_split_into_a_linked_to_cao(
    demo_reference_data,
):
    # DOMAIN.md §2/§4: acceptance as for that kind; a tố cáo the press forwarded is
    # reported back to the outlet within 20 days of receipt (Luật TC Art 26(2)).
    press_office = UserFactory(superuser=True)
    press = case_in(CaseKind.BAO_CHI, CaseStatus.RECEIVED)
    with pytest.raises(TransitionInvalid) as invalid:
        act(press, "split", press_office, parts=[{"title": "Tố cáo", "content": "x"}])
    assert "loại hồ sơ" in invalid.value.errors["parts"][0]
    event = act(
        press,
        "split",
        press_office,
        parts=[
            {"title": "Tố cáo bác sĩ nhận tiền", "content": "Bài báo nêu...", "kind": "to_cao"},
            {"title": "Khiếu nại viện phí", "content": "Bài báo nêu...", "kind": "khieu_nai"},
        ],
    )
    denunciation, complaint = (
        Case.objects.get(tracking_code=code) for code in event.data["split_into"]
    )
    assert denunciation.kind == CaseKind.TO_CAO and complaint.kind == CaseKind.KHIEU_NAI
    for part in (denunciation, complaint):
        assert part.parent_case == press and part.channel == Channel.PRESS
        assert part.accept_by is not None
    report = CaseDeadline.objects.get(
        case=denunciation, step="press_forward_report", superseded_at__isnull=True
    )
    assert report.amount == 20 and "Art 26(2)" in report.legal_basis
    assert not CaseDeadline.objects.filter(case=complaint, step="press_forward_report").exists()


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.KHIEU_NAI])
def test_staff_cannot_turn_another_kind_into_a_denunciation(kind):
    # The reporter of this case is visible to staff in scope: a tố cáo made from it
    # would carry an identity the law requires to be kept secret (Luật TC Arts 23, 47).
    intake = UserFactory(superuser=True)
    case = case_in(kind, CaseStatus.RECEIVED)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "split", intake, parts=[{"title": "Tố cáo", "content": "x", "kind": "to_cao"}])
    assert "Điều 23, 47" in invalid.value.errors["parts"][0]
    assert not Case.objects.filter(parent_case=case).exists()
