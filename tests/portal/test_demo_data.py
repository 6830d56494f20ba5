import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from complaints.models import CalendarOverride, Case, Category, Facility, FacilityMembership

pytestmark = pytest.mark.django_db


def snapshot():
    User = get_user_model()
    return {
        "facilities": sorted(
            Facility.objects.values_list("code", "name", "parent__code", "is_active")
        ),
        "facility_history": Facility.history.count(),
        "categories": sorted(Category.objects.values_list("code", "name", "default_unit__code")),
        "users": sorted(User.objects.values_list("username", "password", "is_superuser")),
        "groups": sorted(User.groups.through.objects.values_list("user__username", "group__name")),
        "memberships": sorted(
            FacilityMembership.objects.values_list("user__username", "facility__code")
        ),
        "calendar": sorted(CalendarOverride.objects.values_list("date", "kind", "reason")),
        "cases": sorted(Case.objects.values_list("tracking_code", "status", "rating")),
        "pages": sorted(Page.objects.values_list("url_path", "live", "latest_revision_id")),
    }


def test_load_demo_data_loads_the_province_and_accounts(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)

    assert Facility.objects.count() == 24
    station = Facility.objects.get(code="TYT-PHOHOA")
    assert station.parent.code == "TTYT-DP"
    assert station.parent.parent.code == "SYT-QNG"
    assert Category.objects.get(code="an-toan-thuc-pham").default_unit.code == "ATTP-QNG"

    User = get_user_model()
    for username in ("admin", "inspector", "intake", "facility", "press", "press_head"):
        user = User.objects.get(username=username)
        assert user.check_password("demo-pass-123")
        assert user.has_perm("wagtailadmin.access_admin")
    assert FacilityMembership.objects.filter(
        user__username="facility", facility__code="TTYT-DP"
    ).exists()
    assert "demo-pass-123" in out.getvalue()

    # The days moved in 2026 (DOMAIN.md §4): Friday 2/1 off, Saturday 10/1 worked.
    from complaints.services.calendar import working_calendar

    calendar = working_calendar()
    assert not calendar.is_working_day(datetime.date(2026, 1, 2))
    assert calendar.is_working_day(datetime.date(2026, 1, 10))


def test_load_demo_data_twice_changes_nothing(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())
    first = snapshot()
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert snapshot() == first
    assert "0 mới, 0 cập nhật, 24 không đổi" in out.getvalue()


def test_demo_cases_show_a_case_handled_to_the_end_and_a_press_report(monkeypatch):
    from complaints.kinds import CaseKind, CaseStatus
    from complaints.models import Case
    from complaints.selectors.public_figures import public_figures

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())

    closed = Case.objects.get(status=CaseStatus.CLOSED)
    assert closed.rating == 4
    assert list(closed.events.filter(is_public=True).values_list("to_status", flat=True)) == [
        "received",
        "accepted",
        "concluded",
        "closed",
    ]
    press = Case.objects.get(kind=CaseKind.BAO_CHI)
    assert (press.status, press.press_finding) == (CaseStatus.CONCLUDED, "partly_accurate")
    figures = public_figures()
    assert figures.received == Case.objects.count()
    assert figures.resolved_on_time >= 1 and figures.average_rating == 4.0


def test_the_demo_hospital_director_decides_its_complaint_and_sees_only_its_cases(monkeypatch):
    # A complaint's decisions are its competent unit's leader's (complaints/rules/resolver.py):
    # the demo ships the hospital's director ("Lãnh đạo cơ sở", no province-wide view), so the
    # sample complaint can be taken through by a person, not only by the superuser.
    from complaints.kinds import CaseKind
    from complaints.rules.resolver import is_competent_leader

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    call_command("load_demo_data", stdout=io.StringIO())
    User = get_user_model()
    director, so_leader = User.objects.get(username="facility_leader"), User.objects.get(
        username="leader"
    )
    assert director.groups.filter(name="Lãnh đạo cơ sở").exists()
    assert director.has_perm("complaints.approve_case")
    assert not director.has_perm("complaints.view_all_cases")
    complaint = Case.objects.get(kind=CaseKind.KHIEU_NAI)
    assert complaint.assigned_unit.code == "BV-DTT"
    assert is_competent_leader(case=complaint, user=director)
    assert not is_competent_leader(case=complaint, user=so_leader)
    seen = set(Case.objects.in_scope_of(director).values_list("assigned_unit__code", flat=True))
    assert seen == {"BV-DTT"}


def test_the_demo_maternity_hospital_director_decides_its_denunciation(monkeypatch):
    # A denunciation is decided by the head of the body managing the denounced person
    # (khoản 1 Điều 12 Luật Tố cáo; complaints/rules/resolver.py): the demo ships the
    # director of Bệnh viện Sản - Nhi tỉnh, where its sample denunciation is, so a person of
    # the demo takes it through, not only the superuser; the director of another hospital
    # (facility_leader, BV-DTT) cannot.
    from complaints.kinds import CaseKind, CaseStatus
    from complaints.rules.resolver import is_competent_leader, resolver_refusal
    from complaints.services.workflow import case_transition
    from tests.factories import paper_decision

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "facility_leader_sn" in out.getvalue()
    User = get_user_model()
    director = User.objects.get(username="facility_leader_sn")
    other = User.objects.get(username="facility_leader")
    assert director.check_password("demo-pass-123")
    assert director.get_full_name() and director.groups.filter(name="Lãnh đạo cơ sở").exists()
    assert not director.has_perm("complaints.view_all_cases")
    assert FacilityMembership.objects.filter(
        user=director, facility__code="BV-SAN-QNG"
    ).exists()
    denunciation = Case.objects.get(kind=CaseKind.TO_CAO)
    assert denunciation.assigned_unit.code == "BV-SAN-QNG"
    seen = set(Case.objects.in_scope_of(director).values_list("assigned_unit__code", flat=True))
    assert seen == {"BV-SAN-QNG"}

    # The other hospital's director neither sees it nor may decide it.
    assert not Case.objects.in_scope_of(other).filter(pk=denunciation.pk).exists()
    assert not is_competent_leader(case=denunciation, user=other)
    for action in ("accept", "conclude"):
        refusal = resolver_refusal(case=denunciation, action=action, actor=other, label=action)
        assert "Bệnh viện Sản - Nhi tỉnh" in refusal and "Luật Tố cáo" in refusal
        with pytest.raises(Case.DoesNotExist):
            case_transition(case_id=denunciation.pk, action=action, actor=other, data={},
                            origin="test")

    # Filed online: the signed copy is recorded first (Điều 23 Luật Tố cáo), by the Sở, which
    # keeps the letter naming the denouncer from the hospital denounced (khoản 3 Điều 8,
    # Điều 47 Luật Tố cáo); the director may not record it.
    from complaints.transitions import allowed_actions

    signature = {"method": "in_person", "document_ref": "Biên bản số 01"}
    assert "confirm_signature" not in [
        t.action for t in allowed_actions(case=denunciation, user=director)
    ]
    case_transition(case_id=denunciation.pk, action="confirm_signature",
                    actor=User.objects.get(username="leader"), data=signature, origin="test")
    # Its own director accepts it, has it verified and concludes it.
    steps = [
        ("accept", {}),
        ("start_verification", {"verifier_no_conflict": True}),  # khoản 3 Điều 10 NĐ 31/2019
        ("conclude", {
            "conclusion": "Xác minh: nữ hộ sinh trực đêm 12 đã nhận 500.000 đồng.",
            "public_answer": "Tố cáo đúng; bệnh viện đã xử lý kỷ luật và trả lại tiền.",
            # the notices of acceptance sent on paper (khoản 3 Điều 29 Luật Tố cáo)
            "notices_given_outside": True,
            **paper_decision(symbol="05/KL-BVSN"),
        }),
    ]
    for action, data in steps:
        assert resolver_refusal(case=denunciation, action=action, actor=director,
                                label=action) is None
        case_transition(case_id=denunciation.pk, action=action, actor=director, data=data,
                        origin="test")
    denunciation.refresh_from_db()
    assert denunciation.status == CaseStatus.CONCLUDED
    assert denunciation.events.filter(action="conclude", actor=director).exists()


def test_the_demo_handler_has_a_director_who_approves_the_handlers_drafts(
    monkeypatch, django_capture_on_commit_callbacks
):
    # CONTRACT.md puts `facility` at Trung tâm Y tế Đức Phổ (TTYT-DP): the demo ships that
    # centre's director too, so "the handler proposes, the head approves" can be played,
    # and the handler's draft reaches him (queue, e-mail).
    from django.core import mail

    from complaints.approvals.deciders import approvers
    from complaints.approvals.selectors import approval_queue
    from complaints.approvals.services import draft_propose
    from complaints.kinds import CaseKind, CaseStatus
    from complaints.rules.resolver import is_competent_leader
    from tests.complaints.workflow.helpers import case_in

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "facility_leader_dp" in out.getvalue()
    User = get_user_model()
    director, handler = (User.objects.get(username=u) for u in ("facility_leader_dp", "facility"))
    assert director.check_password("demo-pass-123") and director.get_full_name()
    assert director.groups.filter(name="Lãnh đạo cơ sở").exists()
    assert not director.has_perm("complaints.view_all_cases")
    assert FacilityMembership.objects.filter(user=director, facility__code="TTYT-DP").exists()

    centre = Facility.objects.get(code="TTYT-DP")
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=centre)
    assert is_competent_leader(case=complaint, user=director)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_propose(case_id=complaint.pk, action="accept", data={}, actor=handler,
                              origin="test")
    assert [d.pk for d in approval_queue(user=director)] == [draft.pk]
    assert [u.username for u in approvers(draft)] == ["facility_leader_dp"]
    assert any(m.to == ["facility_leader_dp@syt.example.vn"] for m in mail.outbox)
