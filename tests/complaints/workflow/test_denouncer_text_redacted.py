"""A denouncer who writes their own name, CCCD and phone into their tố cáo: whoever may
not see who denounced reads that text with each of those values replaced by "[đã ẩn]"
(khoản 3 Điều 8, Điều 47 Luật Tố cáo): the case page, the staff API, the national export
(always) and the search index (always: a CCCD search finds the case for no one). Whoever
may see the identity still reads the original on the case page and in the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from complaints.exports.national import national_export_run
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from complaints.services.confidential_text import redacted
from search.cases import case_search
from tests.factories import FacilityFactory, UserFactory

from .helpers import case_in

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
IDENTITY = "complaints.view_denouncer_identity"
LEADER = [*HANDLER, "complaints.view_all_cases", IDENTITY, "complaints.approve_case"]
INTAKE = [*HANDLER, "complaints.view_all_cases"]

TITLE = "Le Thi Tocao to cao bac si"
CONTENT = (
    "Toi ten la Le Thi Tocao, CCCD 051190001234, so dien thoai 0987654321, "
    "to cao ong Tran Van B nhan tien cua benh nhan."
)
SHOWN = (
    "Toi ten la [đã ẩn], CCCD [đã ẩn], so dien thoai [đã ẩn], "
    "to cao ong Tran Van B nhan tien cua benh nhan."
)


@pytest.fixture
def world():
    department = FacilityFactory(code="SYT")
    hospital = FacilityFactory(code="BV-A", parent=department)
    other = FacilityFactory(code="TTYT-B", parent=department)
    inspector = UserFactory(perms=[*HANDLER, IDENTITY], facility=other)
    case = case_in(
        CaseKind.TO_CAO, CaseStatus.RECEIVED, facility=hospital, assigned_unit=other,
        assigned_user=inspector, title=TITLE, content=CONTENT,
    )
    reporter = case.reporter
    reporter.name, reporter.id_number = "Lê Thị Tocao", "051190001234"
    reporter.phone = "0987 654 321"
    reporter.save()  # the identity saved: the case's search row is written again
    return {
        "case": Case.objects.get(pk=case.pk),
        "intake": UserFactory(perms=INTAKE, admin_access=True),
        "leader": UserFactory(perms=LEADER, facility=department, admin_access=True),
    }


def page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def api(user, path):
    _token, token = ApiToken.issue(user=user, name="t")
    response = Client(headers={"Authorization": f"Token {token}"}).get(path)
    assert response.status_code == 200, response.content
    return response.json()


def exported(directory, run, case) -> dict:
    text = (directory / run.file_name).read_text(encoding="utf-8")
    lines = [json.loads(line)["record"] for line in text.splitlines()]
    return next(r for r in lines if r["tracking_code"] == case.tracking_code)


def test_the_function_replaces_each_value_and_keeps_the_rest_exactly(world):
    case = world["case"]
    assert redacted(CONTENT, case=case) == SHOWN
    assert redacted("+84 987-654-321 hoặc lê thị TOCAO.", case=case) == "[đã ẩn] hoặc [đã ẩn]."
    plain = "Bác sĩ Trần Văn B nhận tiền ngày 05/12/2026 (phòng 0123)."
    assert redacted(plain, case=case) == plain


def test_the_case_page_redacts_for_intake_and_shows_the_leader_the_original(world):
    url = f"/admin/ho-so/{world['case'].tracking_code}/"
    as_intake = page(world["intake"], url)
    assert "051190001234" not in as_intake and "0987654321" not in as_intake
    assert "Tocao" not in as_intake
    assert "[đã ẩn], CCCD [đã ẩn]" in as_intake and "Tran Van B" in as_intake
    as_leader = page(world["leader"], url)
    assert CONTENT in as_leader and TITLE in as_leader


def test_the_staff_api_redacts_for_intake_and_not_for_the_leader(world):
    path = f"/api/v1/cases/{world['case'].tracking_code}"
    as_intake = api(world["intake"], path)
    assert as_intake["content"] == SHOWN and as_intake["title"] == "[đã ẩn] to cao bac si"
    as_leader = api(world["leader"], path)
    assert as_leader["content"] == CONTENT and as_leader["title"] == TITLE


def test_a_cccd_search_finds_the_denunciation_for_no_one(world):
    case = world["case"]
    for user in (world["intake"], world["leader"]):
        assert case.tracking_code not in page(user, "/admin/ho-so/?q=051190001234")
    assert not case_search(Case.objects.all(), "051190001234").exists()
    assert not case_search(Case.objects.all(), "0987654321").exists()
    assert case_search(Case.objects.all(), "Tran Van B").filter(pk=case.pk).exists()


def test_the_national_export_always_sends_the_redacted_text(world, tmp_path, settings):
    settings.NATIONAL_EXPORT_DENOUNCER_IDENTITY = True
    run = national_export_run(directory=tmp_path)
    record = exported(tmp_path, run, world["case"])
    assert record["content"] == SHOWN and record["title"] == "[đã ẩn] to cao bac si"


def test_other_kinds_keep_their_text(world, tmp_path):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, title=TITLE, content=CONTENT)
    reporter = case.reporter
    reporter.name, reporter.id_number = "Lê Thị Tocao", "051190001234"
    reporter.save()
    assert redacted(CONTENT, case=case) == CONTENT
    assert case_search(Case.objects.all(), "051190001234").filter(pk=case.pk).exists()
    run = national_export_run(directory=tmp_path)
    record = exported(tmp_path, run, case)
    # Only the phone number is left out of the export, as for every kind (docs/api.md).
    assert record["content"] == CONTENT.replace("0987654321", "[đã ẩn]")
    assert api(world["intake"], f"/api/v1/cases/{case.tracking_code}")["content"] == CONTENT


def test_the_workspace_list_shows_the_title_redacted(world):
    html = page(world["intake"], "/admin/ho-so/")
    assert world["case"].tracking_code in html
    assert "[đã ẩn] to cao bac si" in html and "Tocao" not in html


def test_the_csv_export_writes_the_title_as_the_list_shows_it(world):
    """The workspace's CSV export leaves the portal: a tố cáo's title in it is redacted as on
    the list, for everyone, whatever else the export holds."""
    client = Client()
    client.force_login(world["leader"])
    response = client.get("/admin/ho-so/xuat-csv/")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [line] = [row for row in text.splitlines() if world["case"].tracking_code in row]
    assert "[đã ẩn] to cao bac si" in line and "Tocao" not in line
