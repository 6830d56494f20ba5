"""The outlet's deadline to publish a correction after the Sở's written reply (DOMAIN.md §6;
khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP; complaints/rules/press_correction.py): due dates per
medium, the periodical's next issue, settling, the case page and history, and that the
outlet's step is never the Sở's overdue."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.filters import CaseFilter
from complaints.admin.views import deadline_rows
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseDeadline
from complaints.reports.figures import _steering_figures
from complaints.rules.press_correction import correction_due
from complaints.selectors.dashboard import dashboard_counters
from complaints.selectors.history import case_timeline
from complaints.services.calendar import working_calendar
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import transitions_for
from tests.complaints.admin.helpers import handler_user
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


def correction_row(case) -> CaseDeadline:
    return CaseDeadline.objects.get(case=case, step="press_correction", superseded_at__isnull=True)


def press_case(**extra):
    return case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING, **extra)


# ---- due dates per medium -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("medium", "received", "next_issue", "due", "point"),
    [
        # điểm a: online, the day received, even a Saturday (nothing to roll).
        ("online", "2026-09-12", None, D(2026, 9, 12), "điểm a khoản 3 Điều 19"),
        # điểm b: daily print and broadcast, 02 days.
        ("daily_print", "2026-09-14", None, D(2026, 9, 16), "điểm b khoản 3 Điều 19"),
        ("broadcast", "2026-09-15", None, D(2026, 9, 17), "điểm b khoản 3 Điều 19"),
        # Friday + 2 days is a Sunday: rolled to Monday (BLDS Art 148(5)).
        ("daily_print", "2026-09-11", None, D(2026, 9, 14), "điểm b khoản 3 Điều 19"),
        # điểm b: weekly and magazine, the next issue.
        ("periodical", "2026-09-14", "2026-09-25", D(2026, 9, 25), "điểm b khoản 3 Điều 19"),
    ],
)
def test_the_outlet_s_deadline_follows_its_medium(leader, medium, received, next_issue, due,
                                                  point):
    case = press_case()
    data = {"medium": medium, "outlet_received_on": received, "reply_ref": "45/SYT-VP"}
    if next_issue:
        data["next_issue_on"] = next_issue
    event = act(case, "request_correction", leader, **data)
    row = correction_row(case)
    assert row.due == due
    assert row.counted_from == D.fromisoformat(received)
    # Received from 01/07/2026: the decree in force then, not Luật Báo chí 2016.
    assert row.legal_basis.startswith(point) and "Nghị định 237/2026/NĐ-CP" in row.legal_basis
    assert "Luật Báo chí 2016" not in row.legal_basis
    assert row.settled_at is None and row.rule_version == "2026-07-01"
    assert event.data["medium"] == medium and event.data["due"] == due.isoformat()
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING  # no state change, no case deadline moved


def test_the_two_days_roll_over_a_weekend_in_the_rule_itself():
    calendar = working_calendar()
    friday = D(2026, 9, 11)
    assert correction_due(
        medium="broadcast", received=friday, next_issue=None, calendar=calendar
    ).due == D(2026, 9, 14)
    assert correction_due(
        medium="online", received=D(2026, 9, 13), next_issue=None, calendar=calendar
    ).due == D(2026, 9, 13)
    with pytest.raises(ValueError):
        correction_due(medium="periodical", received=friday, next_issue=None, calendar=calendar)


def test_a_periodical_needs_its_next_issue_date(leader):
    case = press_case()
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "request_correction", leader, medium="periodical",
            outlet_received_on="2026-09-14")
    assert "next_issue_on" in invalid.value.errors
    assert "số ra gần nhất" in invalid.value.errors["next_issue_on"][0]
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "request_correction", leader, medium="periodical",
            outlet_received_on="2026-09-14", next_issue_on="2026-09-10")
    assert "next_issue_on" in invalid.value.errors
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "request_correction", leader, medium="newspaper",
            outlet_received_on="2026-09-14")
    assert "medium" in invalid.value.errors
    assert not CaseDeadline.objects.filter(case=case, step="press_correction").exists()


def test_only_a_press_case_takes_a_correction_request(leader):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.VERIFYING)
    with pytest.raises(TransitionNotAllowed):
        act(case, "request_correction", leader, medium="online", outlet_received_on="2026-09-14")


# ---- settling --------------------------------------------------------------------------------


def test_publication_settles_the_step_on_time_or_late(leader):
    case = press_case()
    assert "record_correction_published" not in {t.action for t in transitions_for(case=case)}
    with pytest.raises(TransitionNotAllowed):
        act(case, "record_correction_published", leader, published_on="2026-09-15")

    act(case, "request_correction", leader, medium="daily_print", outlet_received_on="2026-09-14")
    event = act(case, "record_correction_published", leader, published_on="2026-09-16",
                correction_url="https://baomoi.example/cai-chinh")
    row = correction_row(case)
    assert row.settled_at is not None
    assert event.data["late"] is False and event.data["published_on"] == "2026-09-16"
    # Nothing left to publish.
    with pytest.raises(TransitionNotAllowed):
        act(case, "record_correction_published", leader, published_on="2026-09-17")

    # A new request supersedes the settled step; published a day late, recorded as late.
    act(case, "request_correction", leader, medium="online", outlet_received_on="2026-09-20")
    assert CaseDeadline.objects.filter(case=case, step="press_correction").count() == 2
    with pytest.raises(TransitionInvalid) as invalid:  # before the outlet had the letter
        act(case, "record_correction_published", leader, published_on="2026-09-19")
    assert "published_on" in invalid.value.errors
    late = act(case, "record_correction_published", leader, published_on="2026-09-21")
    assert late.data["late"] is True
    assert correction_row(case).settled_at is not None


# ---- the Sở's counters ignore the outlet's duty ---------------------------------------------


def test_the_outlet_s_overdue_step_is_not_the_so_s_overdue(leader):
    unit = press_case().assigned_unit
    today = D(2026, 11, 27)
    future = today + datetime.timedelta(days=20)
    open_case = press_case(facility=unit, resolve_by=future)
    concluded = case_in(CaseKind.BAO_CHI, CaseStatus.CONCLUDED, facility=unit,
                        resolve_by=future)
    for case in (open_case, concluded):
        act(case, "request_correction", leader, medium="online", outlet_received_on="2026-09-14")
        assert correction_row(case).due < today  # the outlet is late

    user = handler_user(unit)
    counters = dashboard_counters(user=user, today=today)
    figures = _steering_figures(user=user, today=today)
    assert counters.overdue == figures.totals["overdue"] == 0
    assert Case.objects.in_scope_of(user).overdue(at=today).count() == 0
    row = next(r for r in figures.by_unit if r.overdue_query)
    params = {k: v[0] for k, v in parse_qs(row.overdue_query.lstrip("?")).items()}
    listed = CaseFilter(params, queryset=Case.objects.in_scope_of(user), user=user, today=today)
    assert listed.qs.count() == 0
    # The press office's scope (the live counters' press scope) neither.
    press = UserFactory(perms=["complaints.view_case", "complaints.view_press_cases"],
                        admin_access=True)
    assert dashboard_counters(user=press, today=today).overdue == 0


# ---- the case page and the history -----------------------------------------------------------


def test_the_case_page_shows_the_outlet_s_duty_and_its_state(leader, client):
    case = press_case()
    act(case, "request_correction", leader, medium="daily_print", outlet_received_on="2026-09-14",
        reply_ref="45/SYT-VP")
    current, _old = deadline_rows(case, D(2026, 9, 15))
    item = next(i for i in current if i["row"].step == "press_correction")
    assert str(item["label"]) == "Hạn cơ quan báo chí đăng cải chính"
    assert not item["countdown"] and not item["done"] and item["outlet_overdue_days"] == 0
    current, _old = deadline_rows(case, D(2026, 9, 18))
    item = next(i for i in current if i["row"].step == "press_correction")
    assert item["outlet_overdue_days"] == 2 and not item["countdown"]

    client.force_login(leader)
    url = reverse("complaints_admin:detail", args=[case.tracking_code])
    html = client.get(url).content.decode()
    assert "Hạn cơ quan báo chí đăng cải chính" in html
    assert "nghĩa vụ của cơ quan báo chí" in html
    assert "Báo in hằng ngày" in html and "16/09/2026" in html
    assert "quá hạn" in html  # today is past 16/09/2026
    assert "điểm b khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP" in html

    act(case, "record_correction_published", leader, published_on="2026-09-17",
        correction_url="https://baomoi.example/cai-chinh")
    html = client.get(url).content.decode()
    assert "đã đăng 17/09/2026" in html and "đăng quá hạn" in html
    assert "https://baomoi.example/cai-chinh" in html

    entries = {e.action: e for e in case_timeline(case=case, user=leader)}
    request = entries["request_correction"]
    assert request.title == "Ghi nhận đã gửi văn bản đề nghị cải chính"
    assert "Báo in hằng ngày" in request.detail and "14/09/2026" in request.detail
    assert "16/09/2026" in request.detail and "45/SYT-VP" in request.detail
    published = entries["record_correction_published"]
    assert published.title == "Ghi nhận báo đã đăng cải chính"
    assert "17/09/2026" in published.detail and "quá hạn" in published.detail


def test_a_pending_correction_reads_chờ_on_the_page(leader, client, monkeypatch):
    case = press_case()
    act(case, "request_correction", leader, medium="periodical", outlet_received_on="2026-09-14",
        next_issue_on="2026-09-25")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 9, 20))
    client.force_login(leader)
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    html = html.decode()
    assert "chờ cơ quan báo chí đăng" in html and "số ra gần nhất" in html
    assert "25/09/2026" in html


def test_the_workspace_forms_record_both_actions(leader, client):
    case = press_case()
    client.force_login(leader)

    def post(action, **fields):
        url = reverse("complaints_admin:action", args=[case.tracking_code, action])
        data = {f"{action}-expected_status": "verifying"}
        data.update({f"{action}-{k}": v for k, v in fields.items()})
        return client.post(url, data)

    form = client.get(reverse("complaints_admin:action",
                              args=[case.tracking_code, "request_correction"])).content.decode()
    assert "Loại hình báo chí của cơ quan báo chí" in form and "Báo tuần, tạp chí" in form
    response = post("request_correction", medium="periodical", outlet_received_on="2026-09-14")
    assert "hãy nhập ngày phát hành số ra gần nhất" in response.content.decode()
    assert not CaseDeadline.objects.filter(case=case, step="press_correction").exists()
    response = post("request_correction", medium="periodical", outlet_received_on="2026-09-14",
                    next_issue_on="2026-09-25", reply_ref="45/SYT-VP")
    assert response.status_code in (200, 302)
    assert correction_row(case).due == D(2026, 9, 25)
    response = post("record_correction_published", published_on="2026-09-25",
                    correction_url="https://tapchi.example/cai-chinh")
    assert response.status_code in (200, 302)
    assert correction_row(case).settled_at is not None
