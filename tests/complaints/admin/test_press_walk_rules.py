"""The press office's walk of 07/12/2026 (findings 2, 4, 6, 8, 9): a press case's steps cite
the press rules in force and speak to an outlet, not to a citizen.

- propose "Kết luận" on a concluded press case: refused on opening, never another kind's form;
- recording the 24-hour statement: its own article (khoản 3–4 Điều 7 Nghị định 244/2026),
  the outlet or the public as recipients, the outlet chosen;
- the correction: one citation, the one in force when the outlet received the document, on
  the deadline row, the "Ghi nhận báo đã đăng cải chính" form and the public page's data;
- a step counted in hours is shown by its hour; the notice of measures is not "hạn thụ lý";
- the draft's public answer and the accept step are worded for an outlet."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from complaints.approvals.services import draft_approve, draft_propose
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline, CaseEvent
from complaints.selectors.history import case_timeline
from complaints.selectors.press import press_correction_state
from complaints.services.press_intake import case_log_press_report
from tests.complaints.workflow.helpers import act, case_in
from tests.complaints.workflow.test_press_office_steps import (  # noqa: F401 (fixture)
    FINDING,
    given_to_the_facility,
    people,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---- 2. proposing a conclusion ------------------------------------------------------------


def test_the_conclusion_form_of_a_press_case_is_the_press_one(people):  # noqa: F811
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    html = client_of(people["press"]).get(
        f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/"
    ).content.decode()
    assert "Kết quả xác minh thông tin báo chí" in html
    assert "244/2026" in html
    assert "Luật Khiếu nại" not in html and "Luật Tố cáo" not in html


def test_proposing_a_conclusion_on_a_concluded_press_case_is_refused_on_opening(
    people,  # noqa: F811
):
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    draft = draft_propose(
        case_id=case.pk, action="conclude", data=FINDING, actor=people["press"], origin="test"
    )
    draft_approve(
        draft_id=draft.pk, actor=people["press_head"], origin="test",
        expected_version=draft.version,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    client = client_of(people["press"])
    response = client.get(f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/ho-so/{case.tracking_code}/")
    page = client.get(response["Location"]).content.decode()
    assert "Không thể đề xuất" in page

    # The draft's page names the press case's fields in the press words (finding 9).
    html = client_of(people["press_head"]).get(f"/admin/phe-duyet/{draft.pk}/").content.decode()
    assert "Nội dung phản hồi công khai" in html
    assert "Trả lời công khai cho người dân" not in html
    assert "Kết quả xác minh thông tin báo chí" in html


# ---- 4. the 24-hour statement ---------------------------------------------------------------


def logged(actor, received_at, **extra):
    return case_log_press_report(
        actor=actor,
        outlet="Báo Quảng Ngãi",
        article_title="Bệnh nhân chờ khám 5 giờ",
        article_url="https://baoquangngai.vn/cho-kham",
        published_on=timezone.localtime(received_at).date(),
        matter="Thời gian chờ khám kéo dài",
        received_at=received_at,
        statement_needed=True,
        **extra,
    ).case


def _form(html: str, action: str) -> str:
    start = html.index(f'thao-tac/{action}/"')
    return html[start : html.index("</form>", start)]


def test_recording_the_statement_cites_its_article_and_offers_the_outlet(
    people,  # noqa: F811
):
    case = logged(people["press"], timezone.now() - datetime.timedelta(hours=2))
    html = client_of(people["press"]).get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    form = _form(html, "record_notice")
    assert "khoản 3–4 Điều 7 Nghị định 244/2026/NĐ-CP" in form
    assert "Điều 18" not in form
    boxes = re.findall(r'<input[^>]*name="record_notice-recipients"[^>]*>', form)
    values = [re.search(r'value="([^"]*)"', box)[1] for box in boxes]
    assert values == ["outlet", "public"]
    assert "checked" in boxes[0] and "checked" not in boxes[1]
    assert "Người khiếu nại" not in form and "Người tố cáo" not in form


# ---- 6. the correction's citation -----------------------------------------------------------


def test_a_correction_received_in_december_2026_cites_the_rules_in_force(client):
    leader = UserFactory(superuser=True, admin_access=True, username="leader")
    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING)
    act(case, "request_correction", leader, medium="online", outlet_received_on="2026-12-01")
    row = CaseDeadline.objects.get(case=case, step="press_correction")
    assert row.legal_basis.startswith("điểm a khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP")
    assert "Luật Báo chí 2016" not in row.legal_basis
    assert "từ 01/7/2026" not in row.legal_basis
    # The public page's data and the form recording the publication cite the same.
    assert press_correction_state(case).legal_basis == row.legal_basis
    client.force_login(leader)
    html = client.get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    form = _form(html, "record_correction_published")
    assert "điểm a khoản 3 Điều 19 Nghị định 237/2026/NĐ-CP" in form
    assert "Điều 42" not in form
    act(case, "record_correction_published", leader, published_on="2026-12-01")
    event = CaseEvent.objects.get(case=case, action="record_correction_published")
    assert event.data["legal_basis"] == row.legal_basis


def test_a_correction_received_before_july_2026_cites_the_2016_law():
    leader = UserFactory(superuser=True, username="leader")
    case = case_in(
        CaseKind.BAO_CHI, CaseStatus.VERIFYING,
        received_at=timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 0)),
    )
    act(case, "request_correction", leader, medium="daily_print", outlet_received_on="2026-06-10")
    row = CaseDeadline.objects.get(case=case, step="press_correction")
    assert row.legal_basis.startswith("điểm b khoản 5 Điều 42 Luật Báo chí 2016")
    assert "237/2026" not in row.legal_basis


# ---- 8. hours, and the notice of measures ---------------------------------------------------


def test_the_24_hour_step_is_shown_by_its_hour(people):  # noqa: F811
    received = timezone.now() - datetime.timedelta(hours=19, minutes=30)
    case = logged(people["press"], received)
    due_at = timezone.localtime(received + datetime.timedelta(hours=24))
    html = client_of(people["press"]).get(f"/admin/ho-so/{case.tracking_code}/").content.decode()
    headline = re.search(r"Hạn của bước đang chờ:(.*?)</p>", html, re.S).group(1)
    when = f"trước {due_at:%H:%M} ngày {due_at:%d/%m/%Y}"
    assert when in headline
    assert "Còn 5 giờ" in headline
    assert "ngày làm việc" not in headline
    table = html[html.index('id="cw-deadlines"') :]
    row = table[table.index("Cung cấp thông tin ban đầu cho báo chí") :]
    row = row[: row.index("</tr>")]
    assert when in row and "Còn 5 giờ" in row and "ngày làm việc" not in row


def test_the_notice_of_measures_is_not_called_the_acceptance_deadline(people):  # noqa: F811
    case = logged(people["press"], timezone.now() - datetime.timedelta(hours=2))
    act(case, "accept", people["press"])
    changes = [
        change.label
        for entry in case_timeline(case=case, user=people["press"])
        for change in entry.changes
        if change.field == "accept_by"
    ]
    assert changes and all(
        label == "hạn thông báo biện pháp xử lý cho cơ quan báo chí" for label in changes
    )


# ---- 9. the accept step of a press case -----------------------------------------------------


def test_accepting_a_press_case_is_not_public(people):  # noqa: F811
    case = logged(people["press"], timezone.now() - datetime.timedelta(hours=2))
    act(case, "accept", people["press"])
    assert not CaseEvent.objects.get(case=case, action="accept").is_public


# ---- the press case's screens speak of the outlet and the public, never of a citizen ---------


def _text(html: str) -> str:
    """The words a person reads on the page (no scripts, no markup)."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_press_case_s_screens_never_address_a_citizen(people):  # noqa: F811
    """A press case has no sender (báo chí phản ánh: the answer goes to the outlet and the
    public, khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP): its page, its forms, its timeline, its
    notes and the press response made from it never speak of "người gửi" or "người dân",
    and its public answer is the response's text ("Nội dung phản hồi công khai")."""
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    page = f"/admin/ho-so/{case.tracking_code}/"
    screens = [client_of(people[who]).get(page).content.decode() for who in ("press", "handler")]
    draft = draft_propose(
        case_id=case.pk, action="conclude", data=FINDING, actor=people["press"], origin="test"
    )
    draft_approve(
        draft_id=draft.pk, actor=people["press_head"], origin="test",
        expected_version=draft.version,
    )
    concluded = client_of(people["press"]).get(page).content.decode()
    from_case = client_of(people["press"]).get(
        f"/admin/phan-hoi-bao-chi/tu-ho-so/{case.tracking_code}/"
    ).content.decode()
    for html in (*screens, concluded, from_case):
        text = _text(html).lower()
        assert "người gửi" not in text and "người dân" not in text
        assert "trả lời công khai" not in text
    assert "Nội dung phản hồi công khai" in _text(concluded)
    assert "Nội dung phản hồi công khai" in _text(from_case)
    assert "Cơ quan báo chí" in _text(screens[0])
