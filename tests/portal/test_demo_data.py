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
