"""A tố cáo's title and content in the case's history ("Diễn biến hồ sơ"): every version
of the denouncer's words, the old and the new of a staff correction, reaches a reader who
may not see who denounced only with the denouncer's identity replaced by "[đã ẩn]"
(khoản 3 Điều 8, Điều 47 Luật Tố cáo), by the rule of the case page itself
(`confidential_text.text_reader`); whoever may see the identity reads the text."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.selectors.history import case_timeline
from tests.factories import UserFactory

from .helpers import case_in, hospital_denounced

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
IDENTITY = "complaints.view_denouncer_identity"
INTAKE = [*HANDLER, "complaints.view_all_cases"]

TITLE = "Le Thi Tocao to cao bac si"
CONTENT = "Toi ten la Le Thi Tocao, CCCD 051190001234, to cao ong Tran Van B nhan tien."
NEW_TITLE = "Le Thi Tocao to cao bac si nhan tien"
NEW_CONTENT = (
    "Toi ten la Le Thi Tocao, so dien thoai 0987654321, to cao ong Tran Van B nhan tien "
    "cua benh nhan tai khoa Noi."
)


@pytest.fixture
def world():
    made = hospital_denounced(title=TITLE, content=CONTENT)
    case, hospital, assigned = made.case, made.hospital, made.inspector
    reporter = case.reporter
    reporter.name, reporter.id_number = "Lê Thị Tocao", "051190001234"
    reporter.phone = "0987 654 321"
    reporter.save()
    # Staff correct the text: a new version of the case, recorded in its history.
    case = Case.objects.get(pk=case.pk)
    case.title, case.content = NEW_TITLE, NEW_CONTENT
    case._history_user = UserFactory(perms=INTAKE)
    case._change_reason = "origin=admin action=case_correct_facts"
    case.save()
    return {
        "case": Case.objects.get(pk=case.pk),
        "hospital": hospital,
        "assigned": assigned,
        # the denounced facility's own handler, who may never know who denounced
        "facility_handler": UserFactory(perms=HANDLER, facility=hospital, admin_access=True),
        # an inspector of the province, not the one assigned
        "inspector": UserFactory(perms=[*INTAKE, IDENTITY], admin_access=True),
    }


def _changes(case, user) -> dict[str, tuple[str, str]]:
    return {
        change.field: (change.old, change.new)
        for entry in case_timeline(case=case, user=user)
        for change in entry.changes
    }


def _timeline_html(user, case) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/admin/ho-so/{case.tracking_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<ol class="cw-timeline">(.*?)</ol>', html, re.S).group(1)


@pytest.mark.parametrize("reader", ["facility_handler", "inspector"])
def test_who_may_not_see_the_identity_reads_both_versions_redacted(world, reader):
    case, user = world["case"], world[reader]
    if reader == "facility_handler":  # a case the facility reads: sent to it to handle
        Case.objects.filter(pk=case.pk).update(assigned_unit=world["hospital"])
        case = Case.objects.get(pk=case.pk)
    changes = _changes(case, user)
    assert changes["title"] == ("[đã ẩn] to cao bac si", "[đã ẩn] to cao bac si nhan tien")
    assert changes["content"] == (
        "Toi ten la [đã ẩn], CCCD [đã ẩn], to cao ong Tran Van B nhan tien.",
        "Toi ten la [đã ẩn], so dien thoai [đã ẩn], to cao ong Tran Van B nhan tien "
        "cua benh nhan tai khoa Noi.",
    )
    timeline = _timeline_html(user, case)
    assert "[đã ẩn]" in timeline and "Tran Van B" in timeline
    for secret in ("Tocao", "051190001234", "0987654321"):
        assert secret not in timeline, secret


def test_the_assigned_handler_who_may_see_the_identity_reads_the_text(world):
    case, user = world["case"], world["assigned"]
    changes = _changes(case, user)
    assert changes["title"] == (TITLE, NEW_TITLE)
    assert changes["content"] == (CONTENT, NEW_CONTENT)
    timeline = _timeline_html(user, case)
    assert "051190001234" in timeline and "0987654321" in timeline


def test_a_phan_anh_history_is_shown_as_written(world):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED, title="Chờ lâu", content="A")
    case.content = "Nguyễn Văn An chờ khám bốn giờ."
    case._change_reason = "origin=admin action=case_correct_facts"
    case.save()
    user = UserFactory(perms=INTAKE)
    assert _changes(case, user)["content"] == ("A", "Nguyễn Văn An chờ khám bốn giờ.")


# ---- the other places a tố cáo's title reaches a reader who may not see the denouncer ----


def test_the_staff_api_list_shows_the_title_redacted(world):
    from complaints.models import ApiToken

    _token, token = ApiToken.issue(user=world["inspector"], name="t")
    response = Client(headers={"Authorization": f"Token {token}"}).get("/api/v1/cases")
    assert response.status_code == 200, response.content
    [row] = [r for r in response.json()["results"]
             if r["tracking_code"] == world["case"].tracking_code]
    assert row["title"] == "[đã ẩn] to cao bac si nhan tien"


def test_the_related_cases_lines_show_the_title_redacted(world):
    from complaints.admin.rows import RowLabels, related_lines

    [line] = related_lines([world["case"]], labels=RowLabels())
    assert line["title"] == "[đã ẩn] to cao bac si nhan tien"


def test_the_approval_proposal_page_shows_the_title_as_the_reader_may_read_it(world):
    # A step open on the received case (one not open now is refused on opening).
    url = f"/admin/phe-duyet/de-xuat/{world['case'].tracking_code}/accept/"
    as_inspector = _page(world["inspector"], url)
    assert "[đã ẩn] to cao bac si nhan tien" in as_inspector and "Tocao" not in as_inspector
    assert NEW_TITLE in _page(world["assigned"], url)


def _page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_period_report_lists_an_overdue_tocao_redacted(world):
    import datetime

    from django.utils import timezone

    from complaints.reports.period import period_report

    case = world["case"]
    received = timezone.localtime(case.received_at).date()
    Case.objects.filter(pk=case.pk).update(accept_by=received)
    report = period_report(
        user=world["inspector"], start=received, end=received,
        today=received + datetime.timedelta(days=30),
    )
    [row] = [r for r in report.overdue if r.tracking_code == case.tracking_code]
    assert row.title == "[đã ẩn] to cao bac si nhan tien"
