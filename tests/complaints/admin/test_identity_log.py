"""The log of views of a denouncer's identity: read-only, for superusers and for
users with `approve_case` and `view_denouncer_identity`, filtered by user and date."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.models import IdentityAccessLog
from tests.factories import CaseFactory, UserFactory, inspectorate

from .helpers import inspector_user, intake_user, leader_user

pytestmark = pytest.mark.django_db

URL = "/admin/nhat-ky-xem-danh-tinh/"


def log(user, *, days_ago=0):
    case = CaseFactory(to_cao=True)
    row = IdentityAccessLog.objects.create(case=case, user=user, purpose="screen")
    IdentityAccessLog.objects.filter(pk=row.pk).update(
        at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return case


def test_a_case_page_view_appears_in_the_log(client):
    leader = leader_user(username="lanhdao")
    denunciation = CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=leader)
    client.force_login(leader)
    client.get(f"/admin/ho-so/{denunciation.tracking_code}/?danh_tinh=1")
    html = client.get(URL).content.decode()
    assert denunciation.tracking_code in html and "lanhdao" in html


def test_filters_by_user_and_by_date(client):
    viewer_a = inspector_user(username="thanhtra_a")
    viewer_b = inspector_user(username="thanhtra_b")
    case_a = log(viewer_a)
    case_b = log(viewer_b)
    old = log(viewer_a, days_ago=40)
    client.force_login(leader_user())
    html = client.get(URL, {"user": viewer_a.pk}).content.decode()
    assert case_a.tracking_code in html and old.tracking_code in html
    assert case_b.tracking_code not in html
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    html = client.get(URL, {"at_from": since}).content.decode()
    assert case_a.tracking_code in html and case_b.tracking_code in html
    assert old.tracking_code not in html


def test_nobody_adds_edits_or_deletes_a_row(client):
    log(inspector_user())
    row = IdentityAccessLog.objects.get()
    client.force_login(UserFactory(superuser=True))
    assert client.get(URL).status_code == 200
    for path in ("new/", f"edit/{row.pk}/", f"delete/{row.pk}/"):
        assert client.get(URL + path).status_code == 404
        assert client.post(URL + path, {}).status_code == 404
    assert IdentityAccessLog.objects.count() == 1


def test_only_superusers_and_approving_identity_holders_see_it(client):
    log(inspector_user())
    for user, allowed in (
        (UserFactory(superuser=True), True),
        (leader_user(), True),
        (inspector_user(), False),  # sees identities, does not approve
        (intake_user(), False),
        (UserFactory(perms=["complaints.approve_case"], admin_access=True), False),
    ):
        client.force_login(user)
        response = client.get(URL)
        assert (response.status_code == 200) is allowed, user
        menu = client.get("/admin/").content.decode()
        assert (URL in menu) is allowed
