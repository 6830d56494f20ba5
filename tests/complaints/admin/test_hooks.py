"""Wagtail registration: the "Hồ sơ" menu item and the admin home panel."""

from __future__ import annotations

import re

import pytest

from tests.factories import CaseFactory, FacilityFactory, UserFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db


def test_staff_see_the_menu_item_and_the_counters_panel(client):
    CaseFactory()
    client.force_login(intake_user())
    html = client.get("/admin/").content.decode()
    assert "/admin/ho-so/" in html  # the menu item (sidebar data) and the panel links
    # Headed for every kind, as the menu is ("Hồ sơ"), not as if it held reports only.
    heading = re.search(r'id="case-counters-heading".*?data-panel-heading-text>(.*?)</', html, re.S)
    assert heading and heading.group(1).strip() == "Hồ sơ"
    assert 'data-counter="overdue"' in html
    assert "Mở danh sách hồ sơ" in html


def test_the_panel_counts_only_the_users_scope(client):
    centre = FacilityFactory()
    CaseFactory(assigned_unit=FacilityFactory())
    CaseFactory(assigned_unit=centre)
    client.force_login(handler_user(centre))
    response = client.get("/admin/")
    panel = next(p for p in response.context["panels"] if p.name == "case_counters")
    assert panel.get_context_data()["counters"].total == 1


def test_other_admin_users_see_neither(client):
    client.force_login(UserFactory(admin_access=True))
    html = client.get("/admin/").content.decode()
    assert "/admin/ho-so/" not in html
    assert 'data-counter="overdue"' not in html


def panel_names(response) -> set[str]:
    return {panel.name for panel in response.context["panels"]}


def test_case_staff_who_edit_no_page_are_spared_the_page_editors_panels(client):
    client.force_login(intake_user())
    names = panel_names(client.get("/admin/"))
    assert "case_counters" in names
    assert not names & {"recent_edits", "locked_pages", "user_objects_in_workflow_moderation"}
    # Pages awaiting the user's approval stay: a moderator needs no page permission.
    assert "workflow_objects_to_moderate" in names


def test_page_editors_keep_their_panels(client, settings):
    settings.PORTAL_REQUIRE_2FA = False  # an administrator would first set up a device
    client.force_login(UserFactory(superuser=True))
    names = panel_names(client.get("/admin/"))
    assert {"recent_edits", "locked_pages", "user_objects_in_workflow_moderation"} <= names
