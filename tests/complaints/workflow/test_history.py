"""History: every service writes its simple-history row with the acting user and the
reason, and the staff timeline shows them field by field, bounded in queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import (
    Case,
    CaseEvent,
    FacilityKind,
    IdentityAccessLog,
    InternalNote,
    Reporter,
)
from complaints.selectors.history import case_timeline
from complaints.services.assignment import cases_assign
from complaints.services.notes import case_note_add
from complaints.services.workflow import TransitionNotAllowed
from tests.complaints.workflow.helpers import act
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INTAKE = [*HANDLER, "complaints.view_all_cases"]
INSPECTOR = [*INTAKE, "complaints.view_denouncer_identity", "complaints.approve_case"]


def test_bulk_assignment_writes_one_history_row_per_case():
    intake = UserFactory(perms=INTAKE, first_name="Tiếp", last_name="Trần")
    unit = FacilityFactory()
    cases = [case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED) for _ in range(3)]
    events = cases_assign(
        case_ids=[c.pk for c in cases], facility_code=unit.code, actor=intake, origin="admin"
    )
    assert [e.action for e in events] == ["assign"] * 3
    for case in cases:
        case.refresh_from_db()
        assert case.assigned_unit == unit
        assert case.history.filter(
            history_user=intake, history_change_reason="origin=admin action=case_assign"
        ).exists()


def test_bulk_assignment_is_all_or_nothing():
    handler_unit = FacilityFactory()
    handler = UserFactory(perms=HANDLER, facility=handler_unit)
    target = FacilityFactory(parent=handler_unit)
    mine = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=handler_unit)
    closed = case_in(CaseKind.PHAN_ANH, CaseStatus.CLOSED, facility=handler_unit)
    with pytest.raises(TransitionNotAllowed) as refused:
        cases_assign(
            case_ids=[mine.pk, closed.pk], facility_code=target.code, actor=handler, origin="admin"
        )
    assert closed.tracking_code in refused.value.message
    foreign = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    with pytest.raises(Case.DoesNotExist):
        cases_assign(
            case_ids=[mine.pk, foreign.pk], facility_code=target.code, actor=handler, origin="admin"
        )
    mine.refresh_from_db()
    assert mine.assigned_unit == handler_unit
    assert not CaseEvent.objects.filter(action="assign").exists()


def test_a_note_is_added_with_history_within_scope_only():
    unit = FacilityFactory()
    handler = UserFactory(perms=HANDLER, facility=unit)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=unit)
    note = case_note_add(case_id=case.pk, actor=handler, text="  Đã gọi điện cho bệnh viện. ")
    assert note.text == "Đã gọi điện cho bệnh viện." and note.author == handler
    record = note.history.get()
    assert record.history_user == handler
    assert record.history_change_reason == "origin=admin action=case_note_add"
    with pytest.raises(ValidationError):
        case_note_add(case_id=case.pk, actor=handler, text="   ")
    with pytest.raises(Case.DoesNotExist):
        case_note_add(
            case_id=case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED).pk, actor=handler, text="x"
        )
    viewer = UserFactory(perms=["complaints.view_all_cases"])
    with pytest.raises(PermissionDenied):
        case_note_add(case_id=case.pk, actor=viewer, text="x")
    assert InternalNote.objects.count() == 1


def test_the_timeline_merges_events_changes_deadlines_and_notes():
    unit = FacilityFactory(name="Trung tâm Y tế Đức Phổ")
    # A leader of the unit given the case, which accepts it (complaints/rules/resolver.py).
    leader = UserFactory(perms=INSPECTOR, first_name="Lãnh Đạo", last_name="Phạm", facility=unit)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(case, "assign", leader, facility=unit.code)
    act(case, "accept", leader, decided_on="2026-09-04", note="Đủ điều kiện thụ lý")
    case_note_add(case_id=case.pk, actor=leader, text="Hẹn làm việc với bệnh viện.")
    entries = case_timeline(case=case, user=leader)
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    accept = next(e for e in entries if e.source == "event" and e.action == "accept")
    assert accept.title == "Thụ lý" and accept.actor == "Phạm Lãnh Đạo" and accept.public
    assert accept.note == "Đủ điều kiện thụ lý" and "05/10/2026" in accept.message
    status = next(c for c in accept.changes if c.field == "status")
    assert (status.label, status.old, status.new) == ("trạng thái", "Đã tiếp nhận", "Đã thụ lý")
    assign = next(e for e in entries if e.source == "event" and e.action == "assign")
    assert not assign.public
    unit_changes = [c for e in entries for c in e.changes if c.field == "assigned_unit"]
    assert any(
        c.new == "Trung tâm Y tế Đức Phổ" and c.label == "đơn vị xử lý" for c in unit_changes
    )
    deadline = [e for e in entries if e.source == "deadline"]
    assert any(e.title.startswith("Thời hạn “Giải quyết”: 05/10/2026") for e in deadline)
    assert any(
        e.source == "case" and any(c.field == "resolve_by" for c in e.changes) for e in entries
    )
    note = next(e for e in entries if e.source == "note")
    assert note.note == "Hẹn làm việc với bệnh viện." and note.actor == "Phạm Lãnh Đạo"


def _edit_reporter(case, actor, **values):
    reporter = Reporter.objects.get(case=case)
    for name, value in values.items():
        setattr(reporter, name, value)
    reporter._history_user = actor
    reporter._change_reason = "origin=test action=reporter_update"
    reporter.save()


def test_the_timeline_redacts_a_denouncers_changes_unless_allowed():
    inspector = UserFactory(perms=INSPECTOR)
    intake = UserFactory(perms=INTAKE)
    inspectorate = FacilityFactory(code="TTRA-H", kind=FacilityKind.INSPECTORATE)
    case = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, assigned_unit=inspectorate, assigned_user=inspector
    )
    _edit_reporter(case, inspector, phone="0911000111")
    hidden = next(e for e in case_timeline(case=case, user=intake) if e.source == "reporter")
    assert [(c.field, c.old, c.new) for c in hidden.changes] == [("phone", "Đã ẩn", "Đã ẩn")]
    assert not IdentityAccessLog.objects.exists()
    shown = next(e for e in case_timeline(case=case, user=inspector) if e.source == "reporter")
    assert [(c.label, c.old, c.new) for c in shown.changes] == [
        ("số điện thoại", "0905123456", "0911000111")
    ]
    assert IdentityAccessLog.objects.filter(user=inspector, purpose="timeline").count() == 1


def test_the_timeline_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    units = [FacilityFactory() for _ in range(6)]
    leader = UserFactory(perms=INSPECTOR, facility=units[-1])  # the last unit's, it accepts
    short = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED)
    act(short, "assign", leader, facility=units[0].code)
    long = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    for unit in units:
        act(long, "assign", leader, facility=unit.code)
        case_note_add(case_id=long.pk, actor=leader, text=f"Ghi chú {unit.code}")
    act(long, "accept", leader)
    act(long, "mark_complex", leader, reason="Phức tạp")
    act(long, "extend", leader, reason="Gia hạn")
    _edit_reporter(long, leader, address="Địa chỉ mới")
    with django_assert_max_num_queries(14):
        entries = case_timeline(case=long, user=leader)
    assert len(entries) > 20


def test_the_timeline_names_deadline_steps_and_services_in_vietnamese():
    # Regression: the timeline showed step codes ("resolve_extended") and English
    # fallbacks made of the code ("press response published").
    from complaints.services.press import case_press_response_published
    from complaints.step_labels import STEP_LABELS

    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    leader = UserFactory(perms=INSPECTOR, facility=case.assigned_unit)
    act(case, "accept", leader)
    act(case, "mark_complex", leader, reason="Nhiều nơi cần xác minh")
    press = case_in(CaseKind.BAO_CHI, CaseStatus.RECEIVED)
    case_press_response_published(
        case_id=press.pk, url="https://syt.example.vn/phan-hoi", title="Phản hồi", actor=leader
    )
    entries = case_timeline(case=case, user=leader) + case_timeline(case=press, user=leader)
    titles = [e.title for e in entries]
    deadline_titles = [e.title for e in entries if e.source == "deadline"]
    assert any("“Giải quyết khi gia hạn tối đa”" in t for t in deadline_titles)
    assert "Đăng phản hồi trên cổng thông tin" in titles
    for title in titles:
        assert not any(f"“{code}”" in title for code in STEP_LABELS), title
        assert "press response" not in title and "_" not in title, title
    # …and cites the law as it is read: "khoản 1 Điều 30 Luật Tố cáo", never "Luật TC
    # Art 30(1)" (the rule tables' compact form stored on the deadline rows).
    assert any("Điều 30 Luật Tố cáo" in t for t in deadline_titles), deadline_titles
    for title in deadline_titles:
        assert " Art " not in title and "Luật TC" not in title, title


def test_the_timeline_names_where_a_step_came_from_in_words():
    """The case page's timeline says "· trên trang quản trị", never the raw code
    "· admin" / "· cms"; an origin without words is left out."""
    from complaints.selectors.history import TimelineEntry

    def entry(origin):
        return TimelineEntry(at=None, source="event", action="x", title="", actor="", origin=origin)

    assert entry("admin").origin_label == "trên trang quản trị"
    assert entry("cms").origin_label == "từ phần quản lý trang tin"
    assert entry("test").origin_label == ""
    assert entry("").origin_label == ""


def test_the_case_page_shows_the_origin_in_words(client):
    intake = UserFactory(
        perms=[*INTAKE, "wagtailadmin.access_admin"], first_name="Tiếp", last_name="Trần"
    )
    unit = FacilityFactory()
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    cases_assign(case_ids=[case.pk], facility_code=unit.code, actor=intake, origin="admin")
    client.force_login(intake)
    page = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    assert "· trên trang quản trị" in page
    assert "· admin<" not in page and "· admin\n" not in page
