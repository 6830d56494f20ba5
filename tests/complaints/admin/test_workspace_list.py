"""The case list of the admin workspace: scope, filters, counters, bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

from .helpers import days_ago, handler_user, intake_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"


def codes(response) -> set[str]:
    return {row["case"].tracking_code for row in response.context["rows"]}


def test_the_workspace_is_at_admin_ho_so():
    assert reverse("complaints_admin:index") == INDEX


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_case_permission_are_refused(client):
    CaseFactory()
    client.force_login(UserFactory(admin_access=True))
    response = client.get(INDEX)
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    home = client.get("/admin/").content.decode()
    assert 'href="/admin/ho-so/"' not in home  # no menu item, no panel


def test_a_province_officer_sees_every_case_with_vietnamese_labels(client):
    cases = [CaseFactory(), CaseFactory(kind=CaseKind.KIEN_NGHI), CaseFactory(bao_chi=True)]
    client.force_login(intake_user())
    response = client.get(INDEX)
    assert response.status_code == 200
    assert codes(response) == {c.tracking_code for c in cases}
    html = response.content.decode()
    for label in ("Quá hạn", "Chưa giao cán bộ", "Kiến nghị", "Lọc"):
        assert label in html
    # Every kind is listed: titled as the menu and the breadcrumbs name it.
    assert "<title>Hồ sơ - " in html and "phản ánh, kiến nghị" not in html
    assert 'lang="vi"' in html or "Trạng thái" in html


def test_a_facility_handler_sees_only_cases_of_their_units(client):
    centre = FacilityFactory()
    station = FacilityFactory(parent=centre)
    other = FacilityFactory()
    at_centre = CaseFactory(assigned_unit=centre)
    at_station = CaseFactory(assigned_unit=station)
    elsewhere = CaseFactory(assigned_unit=other)
    client.force_login(handler_user(centre))
    response = client.get(INDEX)
    assert codes(response) == {at_centre.tracking_code, at_station.tracking_code}
    assert elsewhere.tracking_code not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=khieu_nai", {"complaint"}),
        ("status=accepted", {"accepted"}),
        ("status=open", {"complaint", "accepted", "overdue", "mine", "soon", "station"}),
        ("overdue=1", {"overdue"}),
        ("due_soon=1", {"soon"}),
        ("mine=1", {"mine"}),
        ("q=khám+đêm", {"complaint"}),
    ],
)
def test_filters(client, query, expected):
    user = intake_user()
    today = timezone.localdate()
    cases = {
        "complaint": CaseFactory(khieu_nai=True, title="Khám đêm bị từ chối", assigned_user=user),
        "accepted": CaseFactory(accepted=True, assigned_user=user),
        "closed": CaseFactory(status=CaseStatus.CLOSED),
        "overdue": CaseFactory(
            received_at=days_ago(40), accept_by=today - datetime.timedelta(days=2)
        ),
        "mine": CaseFactory(assigned_user=user),
        "soon": CaseFactory(accept_by=today, assigned_user=user),
        "station": CaseFactory(assigned_user=user),
    }
    # Only "mine" is the user's among the open cases for the `mine` filter.
    for name, case in cases.items():
        if name not in {"mine", "closed"}:
            case.assigned_user = UserFactory()
            case.save(update_fields=["assigned_user"])
    client.force_login(user)
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    assert codes(response) == {cases[name].tracking_code for name in expected}


def test_facility_filter_includes_units_below_and_category_filter(client):
    centre = FacilityFactory(code="TTYT-X")
    station = FacilityFactory(parent=centre)
    food = CategoryFactory(code="attp")
    about_centre = CaseFactory(facility=centre)
    routed_to_station = CaseFactory(assigned_unit=station)
    CaseFactory()
    food_case = CaseFactory(category=food)
    client.force_login(intake_user())
    by_facility = client.get(f"{INDEX}?facility=TTYT-X")
    assert codes(by_facility) == {about_centre.tracking_code, routed_to_station.tracking_code}
    assert codes(client.get(f"{INDEX}?category=attp")) == {food_case.tracking_code}


def test_unassigned_filter_and_counter_agree(client):
    user = intake_user()
    CaseFactory(assigned_user=user)
    unassigned = [CaseFactory(), CaseFactory()]
    CaseFactory(status=CaseStatus.CLOSED)  # closed cases are not waiting for anyone
    client.force_login(user)
    response = client.get(INDEX)
    assert response.context["counters"].unassigned == 2
    assert response.context["counters"].mine == 1
    filtered = client.get(f"{INDEX}?unassigned=1")
    assert codes(filtered) == {c.tracking_code for c in unassigned}
    assert f'href="{INDEX}?unassigned=1"' in response.content.decode()


def test_ordering_by_deadline_puts_the_most_urgent_first(client):
    today = timezone.localdate()
    later = CaseFactory(accept_by=today + datetime.timedelta(days=9))
    urgent = CaseFactory(accept_by=today + datetime.timedelta(days=1))
    client.force_login(intake_user())
    response = client.get(f"{INDEX}?order=due")
    ordered = [row["case"].tracking_code for row in response.context["rows"]]
    assert ordered == [urgent.tracking_code, later.tracking_code]
    html = response.content.decode()
    assert "Còn 1 ngày" in html


def test_a_decided_case_shows_the_deadline_of_its_notice_still_to_send(client):
    """After the decision the case waits on its notice to the parties (Điều 32 Luật Khiếu
    nại): the counters count it as due soon, and the list shows that day, not "—"."""
    from complaints.models import CaseDeadline
    from complaints.rules.notices import NOTICE_STEPS

    today = timezone.localdate()
    decided = CaseFactory(kind=CaseKind.KHIEU_NAI, status=CaseStatus.CONCLUDED)
    due = today + datetime.timedelta(days=2)
    CaseDeadline.objects.create(
        case=decided, step=sorted(NOTICE_STEPS)[0], due=due, counted_in="working_days",
        amount=3, counted_from=today, legal_basis="Điều 32 Luật Khiếu nại", rule_version="t",
    )
    sent = CaseFactory(kind=CaseKind.KHIEU_NAI, status=CaseStatus.CONCLUDED)
    CaseDeadline.objects.create(
        case=sent, step=sorted(NOTICE_STEPS)[0], due=due, counted_in="working_days",
        amount=3, counted_from=today, legal_basis="Điều 32 Luật Khiếu nại", rule_version="t",
        settled_at=timezone.now(),
    )
    client.force_login(intake_user())
    response = client.get(INDEX)
    assert response.context["counters"].due_soon == 1
    dues = {row["case"].tracking_code: row["due"] for row in response.context["rows"]}
    assert dues[decided.tracking_code].day == due.strftime("%d/%m/%Y")
    assert dues[decided.tracking_code].text.startswith("Còn ")
    assert dues[sent.tracking_code] is None


def test_pagination_keeps_the_filters(client):
    for _ in range(52):
        CaseFactory(kind=CaseKind.KIEN_NGHI)
    client.force_login(intake_user())
    response = client.get(f"{INDEX}?kind=kien_nghi")
    assert response.context["total"] == 52
    assert len(response.context["rows"]) == 50
    assert "kind=kien_nghi&amp;p=2" in response.content.decode()
    assert len(client.get(f"{INDEX}?kind=kien_nghi&p=2").context["rows"]) == 2


def _list_queries(client, query: str = "") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{INDEX}{query}")
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_cases(client, django_assert_max_num_queries):
    centre = FacilityFactory()
    user = handler_user(centre)
    client.force_login(user)
    for _ in range(3):
        CaseFactory(assigned_unit=centre, assigned_user=user)
    _list_queries(client)  # warm caches (calendar, content types)
    # A filtered list: facet counts shown (one query, plus the unit and category names).
    few = _list_queries(client, "?status=open&order=due")
    for _ in range(32):
        CaseFactory(assigned_unit=centre, assigned_user=user, facility=FacilityFactory())
    # The new units change the filters' options: read again once (complaints.admin.choices).
    _list_queries(client, "?status=open&order=due")
    many = _list_queries(client, "?status=open&order=due")
    assert many == few
    with django_assert_max_num_queries(20):
        response = client.get(f"{INDEX}?status=open&order=due&overdue=1&facility={centre.code}")
    assert response.status_code == 200
    # Farthest first: the same, and one more query for the page that reaches the cases
    # without deadline (complaints.admin.due_order).
    assert _list_queries(client, "?status=open&order=-due") == few + 1
    assert _list_queries(client, "?order=-due") == _list_queries(client, "?order=due") + 1
