"""Links between cases never lead from a denunciation to its reporter's identity
(Luật TC Arts 8(3), 47): the API's `possible_duplicate_of` and `parent_case`, the admin
case page and the history follow the identity rule of both ends; responses carrying
identity are never stored by a cache."""

from __future__ import annotations

import json

import pytest

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, FacilityKind
from complaints.selectors.history import case_timeline
from complaints.selectors.related import case_links
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INTAKE = [*HANDLER, "complaints.view_all_cases"]
INSPECTOR = [*INTAKE, "complaints.view_denouncer_identity"]


def token_for(user) -> str:
    _token, key = ApiToken.issue(user=user, name="test")
    return key


def api_get(client, user, path):
    return client.get(path, HTTP_AUTHORIZATION=f"Token {token_for(user)}")


@pytest.fixture
def linked():
    """An identified phản ánh and a denunciation by the same person, flagged as its
    possible duplicate, and a part split from the denunciation."""
    hospital = FacilityFactory(code="BV-LINK")
    report = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital)
    denunciation = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital, possible_duplicate_of=report
    )
    part = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, facility=hospital,
                   parent_case=denunciation)
    return report, denunciation, part


def test_the_api_never_links_a_denunciation_to_an_identified_case(client, linked):
    report, denunciation, part = linked
    intake = UserFactory(perms=INTAKE)
    body = api_get(client, intake, f"/api/v1/cases/{denunciation.tracking_code}").json()
    assert body["reporter"]["visible"] is False
    assert body["possible_duplicate_of"] is None
    # The identified case whose reporter the reader sees in full is not named.
    assert report.tracking_code not in json.dumps(body)
    part_body = api_get(client, intake, f"/api/v1/cases/{part.tracking_code}").json()
    assert part_body["parent_case"] is None
    assert part_body["reporter"]["visible"] is True  # the part's own reporter...
    assert denunciation.tracking_code not in json.dumps(part_body)  # ...not tied to it


def test_the_officer_handling_the_denunciation_follows_the_link(client, linked):
    report, denunciation, _part = linked
    inspector = UserFactory(perms=INSPECTOR)
    # Given to the Sở's inspectorate, whose people the province's inspectors are.
    denunciation.assigned_unit = FacilityFactory(code="TTRA-LINK", kind=FacilityKind.INSPECTORATE)
    denunciation.assigned_user = inspector
    denunciation.save()
    body = api_get(client, inspector, f"/api/v1/cases/{denunciation.tracking_code}").json()
    assert body["reporter"]["visible"] is True
    assert body["possible_duplicate_of"] == report.tracking_code
    # A colleague with the same permission who does not handle it does not.
    colleague = UserFactory(perms=INSPECTOR)
    assert case_links(case=denunciation, user=colleague).possible_duplicate_of is None


def test_the_admin_page_and_the_history_hide_the_link(client, linked):
    from complaints.services.workflow import case_transition

    report, denunciation, part = linked
    intake = UserFactory(perms=INTAKE, admin_access=True)
    client.force_login(intake)
    html = client.get(f"/admin/ho-so/{part.tracking_code}/").content.decode()
    assert "Hồ sơ gốc" not in html  # the parent link is not shown
    # Filing the denunciation as a duplicate records the link in its history.
    leader = UserFactory(superuser=True)
    other = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=denunciation.facility)
    case_transition(
        case_id=other.pk, action="file", actor=leader, origin="test",
        data={"reason": "duplicate", "duplicate_of": report.tracking_code},
    )
    other.refresh_from_db()
    timeline = case_timeline(case=other, user=intake)
    shown = [c for e in timeline for c in e.changes if c.field == "possible_duplicate_of"]
    assert shown and all(report.tracking_code not in (c.old + c.new) for c in shown)
    related = client.get(f"/admin/ho-so/{other.tracking_code}/").context["related"]
    assert report not in related.duplicates


def test_responses_carrying_identity_are_never_stored(client, linked):
    report, _denunciation, _part = linked
    intake = UserFactory(perms=INTAKE, admin_access=True)
    api = api_get(client, intake, f"/api/v1/cases/{report.tracking_code}")
    assert api.json()["reporter"]["visible"] is True
    assert "no-store" in api["Cache-Control"]
    client.force_login(intake)
    page = client.get(f"/admin/ho-so/{report.tracking_code}/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]


def test_a_leader_under_the_denounced_facility_never_sees_the_denouncer():
    """The issue's finding: the rule was checked the wrong way round."""
    from complaints.selectors.identity import can_see_identity

    centre = FacilityFactory(code="TTYT-X")
    station = FacilityFactory(code="TYT-X", parent=centre)
    leader_below = UserFactory(perms=[*INSPECTOR, "complaints.approve_case"], facility=station)
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=centre,
                   assigned_unit=station, assigned_user=leader_below)
    assert not can_see_identity(case=case, user=leader_below)
