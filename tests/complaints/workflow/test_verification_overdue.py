"""The verifications past their period with no report of their result: the case keeps the
report's day (`verification_reported_on`, set by `report_verification`: khoản 4 Điều 29 Luật
Khiếu nại, khoản 6 Điều 31 Luật Tố cáo), and the workspace list, its CSV export and the staff
API find the cases being verified past the period's last day (`verification_until`) without
it, from a partial index (`verification_overdue_condition`)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.selectors.history import case_timeline
from tests.complaints.admin.helpers import leader_user
from tests.complaints.api.test_staff_api import LEADER, token_client
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _past():
    return _today() - datetime.timedelta(days=3)


def _resolve_by():
    return _today() + datetime.timedelta(days=40)


REPORT = {
    "verification_result": "Bệnh viện thu tiền khám cao hơn bảng giá 20.000 đồng.",
    "proposed_finding": "partly_correct",
    "recommendation": "Sửa đổi quyết định thu tiền, hoàn trả phần thu thừa.",
}


def _officer(unit):
    return UserFactory(perms=["complaints.view_case", "complaints.act_on_case"], facility=unit)


@pytest.fixture
def unit():
    return FacilityFactory(code="TTYT-QHXM")


@pytest.fixture
def cases(unit):
    """One case of each situation, every one in the unit."""
    def verifying(kind, until, **extra):
        return case_in(kind, CaseStatus.VERIFYING, facility=unit, resolve_by=_resolve_by(),
                       verification_days=10, verification_until=until, **extra)

    late = verifying(CaseKind.KHIEU_NAI, _past())
    reported = verifying(CaseKind.KHIEU_NAI, _past())
    act(reported, "report_verification", _officer(unit), **REPORT)
    return {
        "late": late,
        "reported": reported,
        "ends_today": verifying(CaseKind.TO_CAO, _today(), accused_name="Phạm Văn Bị"),
        "no_period": verifying(CaseKind.KHIEU_NAI, None),
        # A phản ánh has no report step: past its period it is late until concluded.
        "late_feedback": verifying(CaseKind.PHAN_ANH, _past()),
        "suspended": case_in(CaseKind.KHIEU_NAI, CaseStatus.SUSPENDED, facility=unit,
                             verification_days=10, verification_until=_past()),
    }


def _late(cases) -> set[str]:
    return {cases["late"].tracking_code, cases["late_feedback"].tracking_code}


def test_the_report_keeps_its_day_on_the_case_with_its_history(unit):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=unit, resolve_by=_resolve_by())
    officer = _officer(unit)
    act(case, "start_verification", officer, verification_days=15)
    case.refresh_from_db()
    assert case.verification_reported_on is None
    act(case, "report_verification", officer, **REPORT)
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert case.verification_reported_on == _today()
    latest = case.history.order_by("-history_id").first()
    assert latest.verification_reported_on == _today()
    assert latest.history_change_reason == "origin=test action=case_report_verification"


def test_the_queryset_finds_the_verifications_past_their_period_without_a_report(cases):
    found = set(Case.objects.verification_overdue().values_list("tracking_code", flat=True))
    assert found == _late(cases)
    # Tomorrow the one ending today is late too.
    tomorrow = _today() + datetime.timedelta(days=1)
    later = set(Case.objects.verification_overdue(at=tomorrow)
                .values_list("tracking_code", flat=True))
    assert later == _late(cases) | {cases["ends_today"].tracking_code}


def test_the_workspace_list_and_its_export_filter_them(client, cases, unit):
    client.force_login(leader_user(facility=unit))
    index = reverse("complaints_admin:index")
    page = client.get(index).content.decode()
    assert "Quá hạn xác minh</label>" in page
    listed = client.get(index, {"verification_overdue": "on"}).content.decode()
    for name, case in cases.items():
        assert (case.tracking_code in listed) == (case.tracking_code in _late(cases)), name
    # Unfiltered, the late ones carry a pill under their deadline, the others none.
    rows = client.get(index).context["rows"]
    marked = {row["case"].tracking_code for row in rows if row["verification_late"]}
    assert marked == _late(cases)
    assert page.count("data-verification-late") == 2
    export = client.get(reverse("complaints_admin:export"), {"verification_overdue": "1"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    for case in cases.values():
        assert (case.tracking_code in text) == (case.tracking_code in _late(cases))


def test_the_list_reads_them_in_as_many_queries_whatever_their_number(client, unit, cases):
    client.force_login(leader_user(facility=unit))
    index = reverse("complaints_admin:index")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index, {"verification_overdue": "on"}).status_code == 200
        return len(captured)

    queries()  # the process's first reads (calendar, reference data) out of the way
    before = queries()
    for _ in range(4):
        case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit, resolve_by=_resolve_by(),
                verification_days=5, verification_until=_past())
    queries()  # the counters the new cases invalidated, counted again once
    assert queries() == before


def test_the_staff_api_filters_them_and_gives_the_reports_day(cases, unit):
    client = token_client(UserFactory(perms=LEADER, facility=unit))
    response = client.get("/api/v1/cases?verification_overdue=true&page_size=50")
    assert response.status_code == 200, response.json()
    assert {r["tracking_code"] for r in response.json()["results"]} == _late(cases)
    detail = client.get(f"/api/v1/cases/{cases['reported'].tracking_code}").json()
    assert detail["verification_reported_on"] == _today().isoformat()
    assert client.get(f"/api/v1/cases/{cases['late'].tracking_code}").json()[
        "verification_reported_on"] is None


def test_the_case_page_names_a_missing_report_only_where_the_law_asks_one(client, cases, unit):
    client.force_login(leader_user(facility=unit))

    def page(name):
        url = reverse("complaints_admin:detail", args=[cases[name].tracking_code])
        return client.get(url).content.decode()

    assert "Quá hạn xác minh 3 ngày, chưa có báo cáo kết quả xác minh" in page("late")
    feedback = page("late_feedback")
    assert "Quá hạn xác minh 3 ngày" in feedback
    assert "chưa có báo cáo kết quả xác minh" not in feedback
    assert f"đã báo cáo kết quả xác minh ngày {_today():%d/%m/%Y}" in page("reported")


def test_the_migration_gives_the_reports_already_made_their_day(unit):
    """0038 reads the day from the report events recorded before the field existed: the
    latest report, unless a verification started after it."""
    from importlib import import_module

    migration = import_module("complaints.migrations.0038_verification_reported_on")
    reported = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit)
    restarted = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit)
    never = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit)
    # 23:30 in Vietnam on 1 December is 16:30 UTC: the day is Vietnam's.
    late_evening = datetime.datetime(2026, 12, 1, 16, 30, tzinfo=datetime.UTC)
    for case, action, at in (
        (reported, "start_verification", late_evening - datetime.timedelta(days=5)),
        (reported, "report_verification", late_evening - datetime.timedelta(days=1)),
        (reported, "report_verification", late_evening),
        (restarted, "report_verification", late_evening - datetime.timedelta(days=3)),
        (restarted, "start_verification", late_evening),
        (never, "start_verification", late_evening),
    ):
        CaseEvent.objects.create(case=case, action=action, from_status="verifying",
                                 to_status="verifying", at=at)
    migration.reported_days_from_events(apps, None)
    days = dict(Case.objects.filter(pk__in=[reported.pk, restarted.pk, never.pk])
                .values_list("pk", "verification_reported_on"))
    assert days == {reported.pk: datetime.date(2026, 12, 1), restarted.pk: None, never.pk: None}


def test_the_dashboard_counts_them_per_unit_with_a_link_to_the_list(client, cases, unit):
    client.force_login(leader_user(facility=unit))
    page = client.get(reverse("complaints_admin:dashboard")).content.decode()
    assert "Quá hạn xác minh</th>" in page
    assert ("2 hồ sơ đang xác minh đã quá thời hạn xác minh (khiếu nại, tố cáo: chưa có báo cáo "
            "kết quả xác minh).") in page
    assert (f'<a href="/admin/ho-so/?verification_overdue=1&amp;unit={unit.code}" '
            f'class="cw-alert-figure">2</a>') in page


def _reminded(case, due):
    from complaints.models import DeadlineReminder

    return DeadlineReminder.objects.create(case=case, step="verify", threshold="overdue",
                                           due=due)


def test_a_case_reopened_to_be_verified_again_starts_without_the_old_period(unit):
    """The old period has run and no step sets a new one from there: a reopened case is not
    late for a verification it has not been given (its event keeps what was undone)."""
    from complaints.models import DeadlineReminder

    case = case_in(CaseKind.PHAN_ANH, CaseStatus.CONCLUDED, facility=unit,
                   verification_days=10, verification_until=_past(),
                   verification_reported_on=_past())
    _reminded(case, _past())
    event = act(case, "reopen", leader_user(facility=unit), reason="Kết luận chưa đầy đủ")
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert (case.verification_days, case.verification_until,
            case.verification_reported_on) == (None, None, None)
    assert event.data["undone"] == {"verification_days": 10,
                                    "verification_until": _past().isoformat(),
                                    "verification_reported_on": _past().isoformat()}
    assert not Case.objects.verification_overdue().filter(pk=case.pk).exists()
    assert not DeadlineReminder.objects.filter(case=case, step="verify").exists()
    entry = next(e for e in case_timeline(case=case, user=leader_user(facility=unit))
                 if e.action == "reopen")
    assert entry.detail == (f"Thời hạn xác minh trước đó (đến hết ngày {_past():%d/%m/%Y}) không "
                            "còn áp dụng.")


def test_a_resumed_verification_gets_its_days_left_back(unit):
    """Suspended 5 days ago with its period ending in 10 days: 16 days were left (the day of
    the suspension not used, as for the resolution: khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP),
    run again from the resume decision; the reminders of the old last day are forgotten."""
    from complaints.models import DeadlineReminder
    from complaints.services.verification import verification_end

    leader = leader_user(facility=unit)
    suspended_on = _today() - datetime.timedelta(days=5)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=_today() + datetime.timedelta(days=40), verification_days=20,
                   verification_until=_today() + datetime.timedelta(days=10))
    act(case, "suspend", leader, reason="Chờ kết quả giám định",
        decided_on=suspended_on.isoformat())
    _reminded(case, _today() + datetime.timedelta(days=10))
    event = act(case, "resume", leader, decided_on=_today().isoformat())
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING
    assert case.verification_until == verification_end(_today(), 16)
    assert event.data["previous_verification_until"] == (
        _today() + datetime.timedelta(days=10)).isoformat()
    assert event.data["verification_resume_article"] == (
        "khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP")
    assert not DeadlineReminder.objects.filter(case=case, step="verify").exists()
    entry = next(e for e in case_timeline(case=case, user=leader) if e.action == "resume")
    assert entry.detail.startswith(
        "Thời hạn xác minh tính tiếp từ ngày tiếp tục giải quyết: đến hết ngày "
        f"{case.verification_until:%d/%m/%Y} (trước khi tạm đình chỉ: ")
    assert entry.detail.endswith("; khoản 2 Điều 28b Nghị định 124/2020/NĐ-CP).")
    # A period over before the suspension, or reported, stays as it was.
    over = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=unit, accused_name="Bị",
                   resolve_by=_today() + datetime.timedelta(days=40), verification_days=5,
                   verification_until=suspended_on - datetime.timedelta(days=2))
    act(over, "suspend", leader, reason="Chờ giám định", decided_on=suspended_on.isoformat())
    act(over, "resume", leader, decided_on=_today().isoformat())
    over.refresh_from_db()
    assert over.verification_until == suspended_on - datetime.timedelta(days=2)


def test_a_verification_suspended_the_day_it_began_gets_every_day_back(unit):
    """Started, suspended and resumed the same day: no day of the period was used (its days
    count from the next day), so its last day stays. It gained a day (17/12 → 18/12), while
    the resolution's deadline, whose suspended days are counted alike, stayed put."""
    leader = leader_user(facility=unit)
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=unit,
                   resolve_by=_today() + datetime.timedelta(days=40))
    act(case, "start_verification", leader, verification_days="10")
    case.refresh_from_db()
    until = case.verification_until
    act(case, "suspend", leader, reason="Chờ giám định", decided_on=_today().isoformat())
    act(case, "resume", leader, decided_on=_today().isoformat())
    case.refresh_from_db()
    assert case.verification_until == until


def test_an_extended_period_is_reminded_again(unit):
    from complaints.models import DeadlineReminder

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=unit,
                   resolve_by=_today() + datetime.timedelta(days=40), verification_days=10,
                   verification_until=_today() + datetime.timedelta(days=1))
    _reminded(case, _today() + datetime.timedelta(days=1))
    act(case, "extend_verification", leader_user(facility=unit), verification_extra_days=7,
        reason="Cần xác minh thêm tại khoa Dược")
    assert not DeadlineReminder.objects.filter(case=case, step="verify").exists()


def test_the_list_says_a_report_is_missing_only_where_the_law_asks_one(client, cases, unit):
    client.force_login(leader_user(facility=unit))
    rows = {row["case"].tracking_code: row["verification_late"]
            for row in client.get(reverse("complaints_admin:index")).context["rows"]}
    assert rows[cases["late"].tracking_code] == "Quá hạn xác minh, chưa báo cáo kết quả"
    assert rows[cases["late_feedback"].tracking_code] == "Quá hạn xác minh"


def test_the_admin_home_links_to_them(client, cases, unit):
    client.force_login(leader_user(facility=unit))
    page = client.get("/admin/").content.decode()
    assert ('<a href="/admin/ho-so/?verification_overdue=1" class="cw-alert-figure" '
            'data-verification-overdue>2 hồ sơ quá hạn xác minh</a>') in page
