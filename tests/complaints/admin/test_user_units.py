"""The admin's user form (/admin/users/): the units a staff member works for, and what
happens to the cases they handle when they leave a unit or are deactivated
(complaints/admin/users.py, complaints/services/staff.py)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from complaints.kinds import CaseStatus
from complaints.models import CaseEvent, FacilityMembership
from complaints.selectors.dashboard import dashboard_counters
from tests.factories import CaseFactory, FacilityFactory, UserFactory

from .helpers import STAFF, intake_user

pytestmark = pytest.mark.django_db
INDEX = "/admin/ho-so/"


def form_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on" if user.is_active else "",
        "groups": [g.pk for g in user.groups.all()],
        "units": [m.facility_id for m in user.facility_memberships.all()],
        "receives_notifications": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


@pytest.fixture
def admin(client):
    user = UserFactory(superuser=True, username="quantri")
    client.force_login(user)
    return user


def test_the_user_form_puts_a_person_in_units_with_history(client, admin):
    ward, centre = FacilityFactory(name="Trạm Y tế xã A"), FacilityFactory(name="TTYT huyện B")
    person = UserFactory(perms=STAFF, admin_access=True, facility=ward)
    url = f"/admin/users/edit/{person.pk}/"
    page = html.unescape(client.get(url).content.decode())
    assert "Đơn vị công tác" in page and f"Trạm Y tế xã A ({ward.code})" in page
    # A box per unit, the person's own ticked: no multiple select a click without Ctrl empties.
    ticked = re.search(rf'<input type="checkbox" name="units" value="{ward.pk}"[^>]*>', page)
    assert ticked and "checked" in ticked.group(0)
    assert '<select name="units"' not in page

    response = client.post(url, form_data(person, units=[centre.pk], receives_notifications=""))
    assert response.status_code == 302
    memberships = FacilityMembership.objects.filter(user=person)
    assert [(m.facility, m.receives_notifications) for m in memberships] == [(centre, False)]
    history = FacilityMembership.history.filter(user=person, history_user=admin)
    assert {(h.facility_id, h.history_type) for h in history} == {(ward.pk, "-"), (centre.pk, "+")}


def test_the_creation_form_sets_the_units(client, admin):
    ward = FacilityFactory()
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "canbo_moi",
            "email": "canbo_moi@syt.example.vn",
            "first_name": "Thị B",
            "last_name": "Lê",
            "password1": "mat-khau-dai-2026!",
            "password2": "mat-khau-dai-2026!",
            "units": [ward.pk],
            "receives_notifications": "on",
        },
    )
    assert response.status_code == 302
    membership = FacilityMembership.objects.get(user__username="canbo_moi")
    assert membership.facility == ward and membership.receives_notifications


def test_moving_a_handler_out_of_a_unit_warns_then_leaves_its_cases_unassigned(client, admin):
    ward, centre = FacilityFactory(), FacilityFactory()
    person = UserFactory(perms=STAFF, admin_access=True, facility=[ward, centre])
    held = CaseFactory(assigned_unit=ward, assigned_user=person)
    kept = CaseFactory(assigned_unit=centre, assigned_user=person)
    closed = CaseFactory(assigned_unit=ward, assigned_user=person, status=CaseStatus.CLOSED)
    url = f"/admin/users/edit/{person.pk}/"
    assert "đang xử lý 3 hồ sơ" not in client.get(url).content.decode()
    assert "đang xử lý 2 hồ sơ chưa kết thúc" in html.unescape(client.get(url).content.decode())

    refused = client.post(url, form_data(person, units=[centre.pk]))
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "đang xử lý 1 hồ sơ chưa kết thúc của đơn vị sắp rời" in page
    assert f'href="{INDEX}?status=open&handler={person.username}"' in page
    assert FacilityMembership.objects.filter(user=person, facility=ward).exists()

    response = client.post(url, form_data(person, units=[centre.pk], release_confirmed="on"))
    assert response.status_code == 302
    for case in (held, kept, closed):
        case.refresh_from_db()
    assert held.assigned_user is None
    assert (kept.assigned_user, closed.assigned_user) == (person, person)
    event = CaseEvent.objects.get(case=held, action="handler_released")
    assert event.actor == admin and not event.is_public
    assert "nghỉ hoặc chuyển đơn vị" in event.note
    assert held.history.first().history_user == admin

    leader = intake_user()
    assert dashboard_counters(user=leader).unassigned == 1
    client.force_login(leader)
    listed = client.get(f"{INDEX}?unassigned=1").content.decode()
    assert held.tracking_code in listed and kept.tracking_code not in listed


def test_deactivating_a_handler_warns_then_leaves_all_their_open_cases_unassigned(
    client, admin
):
    ward = FacilityFactory()
    person = UserFactory(perms=STAFF, admin_access=True, facility=ward)
    cases = [CaseFactory(assigned_unit=ward, assigned_user=person) for _ in range(2)]
    url = f"/admin/users/edit/{person.pk}/"

    refused = client.post(url, form_data(person, is_active=""))
    assert refused.status_code == 200
    assert "đang xử lý 2 hồ sơ chưa kết thúc" in html.unescape(refused.content.decode())
    person.refresh_from_db()
    assert person.is_active

    response = client.post(url, form_data(person, is_active="", release_confirmed="on"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert all(c.assigned_user is None for c in [type(c).objects.get(pk=c.pk) for c in cases])
    assert CaseEvent.objects.filter(action="handler_released").count() == 2
    assert dashboard_counters(user=intake_user()).unassigned == 2


def test_the_bulk_deactivation_leaves_the_cases_unassigned(client, admin):
    ward = FacilityFactory()
    person = UserFactory(perms=STAFF, admin_access=True, facility=ward)
    case = CaseFactory(assigned_unit=ward, assigned_user=person)
    response = client.post(
        reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state"))
        + f"?id={person.pk}",
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_user is None
    assert CaseEvent.objects.filter(case=case, action="handler_released").exists()


def test_the_case_list_filters_by_handler(client, admin):
    person = UserFactory(username="canbo_a")
    mine, other = CaseFactory(assigned_user=person), CaseFactory()
    page = client.get(f"{INDEX}?status=open&handler=canbo_a").content.decode()
    assert mine.tracking_code in page and other.tracking_code not in page


def test_the_user_list_names_each_person_s_roles_units_and_state(
    client, admin, django_assert_max_num_queries
):
    """The list says who each person is for the portal, in words: their roles (groups),
    their units and whether the account is open; Wagtail's "True"/"False" icon titles do
    not appear. The queries do not grow with the people listed."""
    from django.contrib.auth.models import Group

    inspectors = Group.objects.get_or_create(name="Thanh tra viên")[0]
    ward = FacilityFactory(name="Trạm Y tế xã An Phú")
    person = UserFactory(admin_access=True, facility=ward, first_name="Lan", last_name="Trần")
    person.groups.add(inspectors)
    UserFactory(admin_access=True, is_active=False, username="nghiviec")

    page = html.unescape(client.get("/admin/users/").content.decode())
    assert "Vai trò" in page and "Đơn vị công tác" in page and "Trạng thái" in page
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{person.username}(?:(?!</tr>).)*</tr>", page, re.S)
    assert row, page
    assert "Thanh tra viên" in row.group(0) and "Trạm Y tế xã An Phú" in row.group(0)
    assert "Đang hoạt động" in row.group(0)
    assert "Đã khóa" in page
    assert 'title="True"' not in page and 'title="False"' not in page

    for n in range(10):
        more = UserFactory(admin_access=True, facility=ward, username=f"them{n}")
        more.groups.add(inspectors)
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/users/")
    for n in range(10, 20):
        UserFactory(admin_access=True, facility=ward, username=f"them{n}").groups.add(inspectors)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/users/")
