"""A press case's page: the sender is the outlet (not a person's fields shown "Đã ẩn"),
the headline gives the most urgent step still pending, and the facility chooser names its
column for what it lists."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from complaints.services.press_intake import case_log_press_report
from tests.complaints.workflow.helpers import act
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

PRESS = ["complaints.view_case", "complaints.act_on_case", "complaints.view_press_cases"]


@pytest.fixture
def press():
    return UserFactory(perms=PRESS, admin_access=True, username="press")


def logged(actor, **extra):
    return case_log_press_report(
        actor=actor,
        outlet="Báo Quảng Ngãi",
        article_title="Bệnh nhân chờ khám 5 giờ",
        article_url="https://baoquangngai.vn/cho-kham",
        published_on=datetime.date(2026, 9, 1),
        matter="Thời gian chờ khám kéo dài",
        received_at=timezone.make_aware(datetime.datetime(2026, 9, 1, 10, 0)),
        **extra,
    ).case


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_the_sender_of_a_press_case_is_the_outlet(client, press, demo_reference_data):
    case = logged(press)
    client.force_login(press)
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    sender = section(html, "cw-reporter")
    assert "Báo Quảng Ngãi" in sender and "Bệnh nhân chờ khám 5 giờ" in sender
    assert "01/09/2026" in sender
    assert "Họ và tên" not in sender and "Đã ẩn" not in sender


def test_the_headline_gives_the_most_urgent_pending_step(client, press, demo_reference_data):
    leader = UserFactory(superuser=True)
    case = logged(press, statement_needed=True)
    act(case, "accept", leader, decided_on="2026-09-01")
    client.force_login(press)
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    headline = re.search(r"Hạn của bước đang chờ:(.*?)</p>", html, re.S).group(1)
    # The 24-hour initial statement (02/09/2026), before the notice of measures.
    assert "02/09/2026" in headline


def test_the_facility_chooser_heads_its_column_with_the_facilitys_name(client, press):
    FacilityFactory(name="Trung tâm Y tế Đức Phổ")
    client.force_login(press)
    html = client.get("/admin/chon-co-so-y-te/results/").content.decode()
    assert "Tên cơ sở" in html and ">Title<" not in html.replace(" ", "").replace("\n", "")


def test_the_workspace_records_the_initial_statement_as_given(client, press, demo_reference_data):
    from complaints.models import CaseDeadline

    leader = UserFactory(superuser=True, admin_access=True)
    case = logged(press, statement_needed=True)
    client.force_login(leader)
    response = client.post(
        f"/admin/ho-so/{case.tracking_code}/thao-tac/record_notice/",
        {
            "record_notice-expected_status": case.status,
            "record_notice-notice": "press_initial_statement",
            "record_notice-sent_on": "2026-09-01",
            "record_notice-sent_via": "email",
            "record_notice-recipients": ["outlet"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = CaseDeadline.objects.get(case=case, step="press_initial_statement")
    assert row.settled_at is not None


def _notice_form(html: str) -> str:
    start = html.index('thao-tac/record_notice/"')
    return html[start : html.index("</form>", start)]


def test_the_notice_form_shows_one_labelled_select_of_the_press_case_s_notices(
    client, press, demo_reference_data
):
    """"Ghi nhận đã gửi thông báo": the form's field `notice` is not mistaken for the form's
    message (one select, one id, no warning box), and a press case is offered its own
    pending notice only, never a denunciation's or a suspension's."""
    case = logged(press, statement_needed=True)
    client.force_login(press)
    form = _notice_form(client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode())
    assert form.count('name="record_notice-notice"') == 1
    assert form.count('id="id_record_notice-notice"') == 1
    assert "help-warning" not in form
    select = form[form.index('name="record_notice-notice"') :]
    options = re.findall(r'<option value="([^"]*)"', select[: select.index("</select>")])
    assert options == ["", "press_initial_statement"]
    assert "Thông báo việc thụ lý tố cáo" not in form
    assert "tạm đình chỉ" not in form


def test_a_notice_form_sent_incomplete_keeps_the_choice(client, press, demo_reference_data):
    case = logged(press, statement_needed=True)
    client.force_login(press)
    response = client.post(
        f"/admin/ho-so/{case.tracking_code}/thao-tac/record_notice/",
        {
            "record_notice-expected_status": case.status,
            "record_notice-notice": "press_initial_statement",
            "record_notice-sent_via": "email",
            "record_notice-recipients": ["outlet"],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('id="id_record_notice-notice"') == 1
    assert re.search(r'<option value="press_initial_statement"[^>]*selected', html)
