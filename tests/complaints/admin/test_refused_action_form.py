"""A refused action form in the workspace, for the keyboard and the screen reader (the
keyboard walk, findings 3 and 4): the page lands on a summary first in the form
(role="alert", tabindex="-1", autofocus: without JavaScript too) that counts the errors
and links each to its field; the title starts with "Lỗi:"; each field's input is
described by its error message as well as its help text. With one notice pending,
"Ghi nhận đã gửi thông báo" has it chosen already."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.approvals.test_admin import client_of, setting  # noqa: F401
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return UserFactory(superuser=True, username="leader")


@pytest.fixture
def accepted(leader):
    case = case_in(CaseKind.TO_CAO, CaseStatus.RECEIVED)
    act(case, "accept", leader, decided_on="2026-09-01")
    return case


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _summary(html: str, summary_id: str) -> str:
    found = re.search(rf'<div [^>]*id="{summary_id}"[^>]*>.*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


def _tag(html: str, element_id: str) -> str:
    return re.search(rf'<[a-z]+ [^>]*id="{re.escape(element_id)}"[^>]*>', html).group(0)


def test_a_refused_notice_form_is_summed_up_first_and_its_select_names_its_error(
    client, leader, accepted
):
    client.force_login(leader)
    url = f"/admin/ho-so/{accepted.tracking_code}/thao-tac/record_notice/"
    page = client.get(url).content.decode()
    assert "cw-errors-record_notice" not in page and not _title(page).startswith("Lỗi:")

    response = client.post(url, {"record_notice-expected_status": accepted.status,
                                 "record_notice-notice": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html, "cw-errors-record_notice")
    opening = summary[: summary.index(">") + 1]
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening and "autofocus" in opening
    count = len(re.findall(r"<li>", summary))
    assert count >= 2  # the notice and the day at least
    assert f"Chưa thực hiện được: {count} lỗi cần sửa." in summary
    assert '<a href="#id_record_notice-notice">Thông báo</a>: Trường này bắt buộc.' in summary
    assert '<a href="#id_record_notice-sent_on">' in summary
    # First in the form: before its first field.
    assert html.index('id="cw-errors-record_notice"') < html.index('id="id_record_notice-notice"')
    assert _title(html).startswith("Lỗi: ")
    assert html.count("autofocus") == 1

    select = _tag(html, "id_record_notice-notice")
    described = re.search(r'aria-describedby="([^"]*)"', select).group(1).split()
    assert described == ["id_record_notice-notice-helptext", "id_record_notice-notice_error"]
    error = re.search(r'<div [^>]*id="id_record_notice-notice_error"[^>]*>(.*?)</div>', html, re.S)
    assert error and "Trường này bắt buộc." in error.group(1)
    # A field without help text names its error too, and the error has that id.
    sent_on = _tag(html, "id_record_notice-sent_on")
    assert 'aria-describedby="id_record_notice-sent_on_error"' in sent_on
    assert 'id="id_record_notice-sent_on_error"' in html


def test_the_one_pending_notice_is_chosen_already(client, leader, accepted):
    client.force_login(leader)
    for url in (
        reverse("complaints_admin:detail", args=[accepted.tracking_code]),
        f"/admin/ho-so/{accepted.tracking_code}/thao-tac/record_notice/",
    ):
        html = client.get(url).content.decode()
        select = html[html.index('name="record_notice-notice"'):]
        select = select[: select.index("</select>")]
        assert re.search(r'<option value="notify_acceptance"[^>]*selected', select), url


def test_a_refused_proposal_is_summed_up_first_with_an_error_title(setting):  # noqa: F811
    case, handler, _leader = setting
    url = f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/"
    page = client_of(handler).get(url).content.decode()
    assert "cw-errors-propose" not in page and not _title(page).startswith("Lỗi:")
    response = client_of(handler).post(url, {"conclude-expected_status": case.status})
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html, "cw-errors-propose")
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert '<a href="#id_conclude-conclusion">' in summary
    assert html.index('id="cw-errors-propose"') < html.index('id="id_conclude-conclusion"')
    assert _title(html).startswith("Lỗi: ")


def test_a_refused_edit_of_a_draft_is_summed_up_first(setting):  # noqa: F811
    from complaints.approvals.models import Draft
    from tests.complaints.approvals.test_admin import CONCLUSION

    case, handler, _leader = setting
    client_of(handler).post(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/",
        {"conclude-expected_status": case.status, "conclude-conclusion": CONCLUSION["conclusion"],
         "conclude-public_answer": CONCLUSION["public_answer"], "comment": "Kính trình."},
    )
    draft = Draft.objects.get()
    response = client_of(handler).post(
        reverse("approvals_admin:edit", args=[draft.pk]),
        {"conclude-expected_status": case.status, "conclude-conclusion": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "autofocus" in _summary(html, "cw-errors-edit")
    assert _title(html).startswith("Lỗi: ")
