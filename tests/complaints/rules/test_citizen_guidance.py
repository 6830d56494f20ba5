"""What the citizen is told they may still do: a second complaint or a suit once a complaint
is resolved (Điều 7, khoản 1 Điều 33 Luật Khiếu nại), and how to withdraw while it is handled
(Điều 10 Luật Khiếu nại; Điều 33 Luật Tố cáo)."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from complaints.kinds import CaseStatus
from complaints.models import CaseEvent
from complaints.signals import case_event_recorded
from tests.factories import DEFAULT_PIN, CaseFactory

pytestmark = pytest.mark.django_db


def _open(client, case):
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN}, follow=True)
    assert response.context["case"].tracking_code == case.tracking_code
    return response.content.decode()


def _concluded(**extra):
    return CaseFactory(
        khieu_nai=True, status=CaseStatus.CONCLUDED, concluded_at=timezone.now(),
        public_answer="Giữ nguyên quyết định thu viện phí.", **extra,
    )


def test_a_concluded_first_complaint_tells_of_the_second_complaint_and_the_court(client):
    case = _concluded()
    page = _open(client, case)
    section = re.search(r'id="next-steps".*?</section>', page, re.S).group(0)
    assert "khiếu nại lần hai" in section and "30 ngày" in section and "45 ngày" in section
    assert "Tòa án" in section and "Điều 7, khoản 1 Điều 33 Luật Khiếu nại" in section
    link = re.search(r'href="([^"]*lan=2[^"]*)"', section).group(1).replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert re.search(r'value="khieu_nai"[^>]*checked', form)
    assert re.search(r'name="second_time" value="1"[^>]*checked', form)
    assert case.tracking_code in re.search(r'<input[^>]*name="first_decision_ref"[^>]*>',
                                           form).group(0)


def test_a_concluded_second_complaint_tells_of_the_court_only(client):
    page = _open(client, _concluded(second_time=True))
    section = re.search(r'id="next-steps".*?</section>', page, re.S).group(0)
    assert "khởi kiện" in section and "khoản 2 Điều 7 Luật Khiếu nại" in section
    assert "lan=2" not in section


def test_an_open_complaint_or_a_report_has_no_next_steps(client):
    assert 'id="next-steps"' not in _open(client, CaseFactory(khieu_nai=True))
    report = CaseFactory(status=CaseStatus.CONCLUDED, concluded_at=timezone.now())
    assert 'id="next-steps"' not in _open(client, report)


def test_the_conclusion_mail_tells_of_the_second_complaint(django_capture_on_commit_callbacks):
    case = _concluded()
    event = CaseEvent.objects.create(case=case, action="conclude", to_status="concluded",
                                     at=timezone.now(), is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=type(case), case=case, event=event)
    body = mail.outbox[-1].body
    assert "khiếu nại lần hai" in body and "Điều 7, khoản 1 Điều 33 Luật Khiếu nại" in body
    assert f"ho_so={case.tracking_code}" in body


@pytest.mark.parametrize(("kind", "article"), [
    ("khieu_nai", "Điều 10 Luật Khiếu nại"),
    ("to_cao", "Điều 33 Luật Tố cáo"),
])
def test_the_tracking_page_says_how_to_withdraw(client, kind, article):
    case = CaseFactory(**{kind: True})
    page = _open(client, case)
    note = re.search(r'id="rut-don".*?</details>', page, re.S).group(0)
    assert article in note and "chữ ký" in note and case.tracking_code in note


def test_no_withdrawal_note_once_concluded_or_for_a_report(client):
    assert 'id="rut-don"' not in _open(client, _concluded())
    assert 'id="rut-don"' not in _open(client, CaseFactory())


def test_a_second_time_complaint_says_the_so_resolves_it(client):
    """The page named only the facility complained about; the Sở's Giám đốc resolves it."""
    from complaints.models import FacilityKind
    from tests.factories import FacilityFactory

    department = FacilityFactory(code="SYT-QNG", name="Sở Y tế tỉnh Quảng Ngãi",
                                 kind=FacilityKind.DEPARTMENT)
    hospital = FacilityFactory(parent=department)
    case = CaseFactory(khieu_nai=True, second_time=True, facility=hospital,
                       assigned_unit=department)
    page = _open(client, case)
    assert "Giám đốc Sở Y tế tỉnh Quảng Ngãi giải quyết khiếu nại lần hai" in page
    first = CaseFactory(khieu_nai=True, facility=hospital, assigned_unit=hospital)
    assert "giải quyết khiếu nại lần hai" not in _open(client, first)
