"""The workspace list's search box also finds cases by their reporter (name, phone,
e-mail), and says so; a tố cáo only for who may see its denouncer (Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import pytest

from complaints.models import IdentityAccessLog, Reporter
from tests.factories import CaseFactory, FacilityFactory, UserFactory

from .helpers import STAFF, intake_user, leader_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"
NOTE = "tìm theo người gửi"


def codes(response) -> set[str]:
    return {row["case"].tracking_code for row in response.context["rows"]}


def named(case, name: str, phone: str = "0905123456"):
    reporter = Reporter.objects.get(case=case)
    reporter.name, reporter.phone = name, phone
    reporter.save()
    return case


def test_a_name_typed_without_accents_lists_the_citizens_cases_and_says_why(client):
    case = named(CaseFactory(title="Chờ khám quá lâu"), "Phạm Thị Hoà")
    CaseFactory(title="Việc khác")
    client.force_login(intake_user())
    response = client.get(INDEX, {"q": "pham thi hoa"})
    assert codes(response) == {case.tracking_code}
    html = response.content.decode()
    assert NOTE in html
    # The CSV export of the same filters lists the same cases.
    export = b"".join(client.get("/admin/ho-so/xuat-csv/", {"q": "pham thi hoa"})
                      .streaming_content).decode("utf-8-sig")
    assert case.tracking_code in export and "Phạm Thị Hoà" not in export


def test_no_note_when_no_reporter_matched(client):
    CaseFactory(title="Chờ khám quá lâu")
    client.force_login(intake_user())
    html = client.get(INDEX, {"q": "chờ khám"}).content.decode()
    assert NOTE not in html
    # The search box says what it finds, the reporter included.
    assert "người gửi" in html


def test_a_handler_of_the_denounced_facility_cannot_find_it_by_the_denouncer(client):
    department = FacilityFactory()
    hospital = FacilityFactory(parent=department)
    handler = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity", "complaints.approve_case"],
        admin_access=True, facility=hospital,
    )
    denunciation = named(
        CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital,
                    assigned_user=handler, title="Thu tiền sai quy định"),
        "Lê Văn Tố", "0911 222 333",
    )
    client.force_login(handler)
    assert codes(client.get(INDEX, {"q": "thu tiền"})) == {denunciation.tracking_code}
    for q in ("Lê Văn Tố", "le van to", "0911222333"):
        response = client.get(INDEX, {"q": q})
        assert codes(response) == set(), q
        assert NOTE not in response.content.decode()
    assert not IdentityAccessLog.objects.exists()
    # The leader of the unit above, who supervises it, finds it; the look-up is logged.
    leader = leader_user(facility=department)
    client.force_login(leader)
    assert codes(client.get(INDEX, {"q": "le van to"})) == {denunciation.tracking_code}
    assert IdentityAccessLog.objects.filter(user=leader, purpose="lookup").count() == 1
    log = client.get("/admin/nhat-ky-xem-danh-tinh/").content.decode()
    assert "Tìm hồ sơ theo người gửi" in log
