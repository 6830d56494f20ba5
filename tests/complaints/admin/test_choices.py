"""The options of the workspace's selects (complaints.admin.choices): read once, read
again when a unit, a category or a staff member changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.admin.choices import workspace_choices
from complaints.admin.forms import BulkAssignForm
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"


def _queries(client, path: str = INDEX) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_list_reads_units_categories_and_handlers_once(client):
    CaseFactory()
    client.force_login(intake_user())
    first = _queries(client)
    second = _queries(client)
    assert any("complaints_facilitymembership" in sql for sql in first)
    assert not any("complaints_facilitymembership" in sql for sql in second)
    assert not any('FROM "complaints_category"' in sql for sql in second)
    assert len(second) <= len(first) - 5


def test_a_new_unit_and_category_are_offered_at_the_next_request(client):
    client.force_login(intake_user())
    _queries(client)
    FacilityFactory(code="TTYT-MOI", name="Trung tâm Y tế Mới")
    CategoryFactory(code="moi", name="Lĩnh vực mới")
    html = client.get(INDEX).content.decode()
    assert '<option value="TTYT-MOI">Trung tâm Y tế Mới (TTYT-MOI)</option>' in html
    assert '<option value="moi">Lĩnh vực mới</option>' in html


def test_an_inactive_category_still_filters_old_cases(client):
    old = CategoryFactory(code="cu", name="Lĩnh vực cũ", is_active=False)
    case = CaseFactory(category=old)
    CaseFactory()
    client.force_login(intake_user())
    response = client.get(f"{INDEX}?category=cu")
    assert [row["case"].pk for row in response.context["rows"]] == [case.pk]


def test_a_new_member_of_a_unit_is_offered_as_its_handler():
    centre = FacilityFactory(code="TTYT-A", name="Trung tâm A")
    workspace_choices()
    handler = handler_user(centre, first_name="Lan", last_name="Nguyễn")
    groups = dict(BulkAssignForm().fields["user"].choices)
    assert (handler.username, f"Nguyễn Lan ({handler.username})") in groups[
        "Trung tâm A (TTYT-A)"
    ]


def test_a_revoked_permission_removes_the_handler():
    from django.contrib.auth.models import Permission

    centre = FacilityFactory(code="TTYT-B", name="Trung tâm B")
    handler = handler_user(centre)
    assert "Trung tâm B (TTYT-B)" in dict(workspace_choices().handlers_by_unit)
    handler.user_permissions.remove(
        Permission.objects.get(content_type__app_label="complaints", codename="act_on_case")
    )
    assert "Trung tâm B (TTYT-B)" not in dict(workspace_choices().handlers_by_unit)


def test_a_sign_in_keeps_the_options(client):
    user = intake_user()
    kept = workspace_choices()
    client.force_login(user)  # saves last_login
    assert workspace_choices() is kept
