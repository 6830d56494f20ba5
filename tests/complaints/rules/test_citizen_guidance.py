"""What the citizen is told they may still do: a second complaint or a suit once a complaint
is resolved (Điều 7, khoản 1 Điều 33 Luật Khiếu nại), and how to withdraw while it is handled
(Điều 10 Luật Khiếu nại; Điều 33 Luật Tố cáo)."""

import datetime
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
    assert "khởi kiện" in section and "khoản 1 Điều 7, Điều 42 Luật Khiếu nại" in section
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


# ---- The time limit for resolving passed without a decision (khoản 1 Điều 7, Điều 33) ----


def _accepted(resolve_by, **extra):
    return CaseFactory(khieu_nai=True, accepted=True, resolve_by=resolve_by, **extra)


def _section(page):
    found = re.search(r'id="next-steps".*?</section>', page, re.S)
    return found.group(0) if found else None


def test_no_second_complaint_guidance_on_the_last_day_of_the_time_limit(client):
    assert _section(_open(client, _accepted(timezone.localdate()))) is None


def test_the_day_after_the_time_limit_the_page_tells_of_the_second_complaint(client):
    case = _accepted(timezone.localdate() - datetime.timedelta(days=1))
    section = _section(_open(client, case))
    assert "Khiếu nại chưa được giải quyết trong thời hạn" in section
    assert "khiếu nại lần hai" in section and "Tòa án" in section
    assert "khoản 1 Điều 7, khoản 1 và khoản 2 Điều 33 Luật Khiếu nại" in section
    assert case.resolve_by.strftime("%d/%m/%Y") in section
    link = re.search(r'href="([^"]*lan=2[^"]*)"', section).group(1).replace("&amp;", "&")
    assert "het_han=1" in link
    form = client.get(link).content.decode()
    assert re.search(r'name="second_time" value="1"[^>]*checked', form)
    assert re.search(r'<input[^>]*name="first_deadline_passed"[^>]*checked', form)
    assert case.tracking_code in re.search(
        r'<input[^>]*name="already_sent_elsewhere"[^>]*>', form
    ).group(0)
    assert "Quyết định giải quyết hồ sơ" not in form  # there is no decision to name


def test_the_second_complaint_period_ends_30_days_after_the_time_limit():
    """Counted as intake counts it: calendar days from the day the time limit expired, the
    last day moved off a weekend or holiday (Điều 148 Bộ luật Dân sự)."""
    from complaints.rules.citizen_guidance import next_steps_for_citizen

    case = _accepted(datetime.date(2026, 11, 2))  # a Monday
    assert next_steps_for_citizen(case, today=datetime.date(2026, 11, 2)) is None
    step = next_steps_for_citizen(case, today=datetime.date(2026, 11, 3))
    assert step.second_complaint_until == datetime.date(2026, 12, 2)
    assert "đến hết ngày 02/12/2026" in step.text and "30 ngày" in step.text
    assert "45 ngày, đến hết ngày 17/12/2026" in step.text
    remote = _accepted(datetime.date(2026, 11, 2), is_remote=True)
    step = next_steps_for_citizen(remote, today=datetime.date(2026, 11, 3))
    assert step.second_complaint_until == datetime.date(2026, 12, 17)
    assert "45 ngày" in step.text and "30 ngày" not in step.text


def test_an_extended_time_limit_counts_not_the_first_one():
    """`resolve_by` is the time limit as extended (vụ việc phức tạp: 45 days)."""
    from complaints.rules.citizen_guidance import next_steps_for_citizen

    accepted = datetime.date(2026, 10, 1)
    case = _accepted(accepted + datetime.timedelta(days=45), is_complex=True,
                     extensions_used=1)
    assert next_steps_for_citizen(case, today=accepted + datetime.timedelta(days=31)) is None
    assert next_steps_for_citizen(case, today=accepted + datetime.timedelta(days=46))


def test_a_suspended_complaint_has_not_run_out_of_time(client):
    """Its time limit is paused (khoản 2 Điều 28b Nghị định 124/2020), though the date it
    had when suspended is behind us."""
    case = _accepted(timezone.localdate() - datetime.timedelta(days=10),
                     status=CaseStatus.SUSPENDED)
    assert _section(_open(client, case)) is None


def test_a_complaint_not_yet_accepted_has_no_resolution_time_limit(client):
    case = CaseFactory(khieu_nai=True, resolve_by=timezone.localdate() - datetime.timedelta(1))
    assert _section(_open(client, case)) is None


def test_a_concluded_complaint_keeps_the_decision_text_after_the_time_limit(client):
    case = _concluded(resolve_by=timezone.localdate() - datetime.timedelta(days=5))
    section = _section(_open(client, case))
    assert "Nếu bạn không đồng ý với kết quả giải quyết" in section
    assert "kể từ ngày nhận được quyết định giải quyết lần đầu" in section
    assert "het_han" not in section and "chưa được giải quyết" not in section


def test_a_second_time_complaint_out_of_time_tells_of_the_court_only(client):
    case = _accepted(timezone.localdate() - datetime.timedelta(days=1), second_time=True)
    section = _section(_open(client, case))
    assert "khởi kiện vụ án hành chính" in section
    assert "khoản 1 Điều 7, Điều 42 Luật Khiếu nại" in section
    assert "lan=2" not in section


# ---- A second-time complaint already received for the first decision ----


def _second_round(first, **extra):
    return CaseFactory(
        khieu_nai=True, second_time=True, parent_case=first, pin="97531864",
        title="Khiếu nại lần hai về viện phí", content="Nội dung riêng của lần hai.", **extra,
    )


def test_a_received_second_complaint_replaces_the_button_with_its_code_and_date(client):
    first = _concluded()
    second = _second_round(first, received_at=timezone.now() - datetime.timedelta(days=3))
    section = _section(_open(client, first))
    assert "lan=2" not in section and "Gửi khiếu nại lần hai" not in section
    day = timezone.localtime(second.received_at).strftime("%d/%m/%Y")
    assert second.tracking_code in section and day in section
    assert "đã được tiếp nhận" in section and "mã PIN" in section
    # Never its PIN nor what it says: the first case's PIN holder may be someone else.
    assert "97531864" not in section
    assert second.title not in section and second.content not in section


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.FORWARDED,
                                    CaseStatus.CONCLUDED])
def test_a_second_complaint_being_resolved_or_decided_counts(client, status):
    first = _concluded()
    second = _second_round(first, status=status)
    section = _section(_open(client, first))
    assert "lan=2" not in section and second.tracking_code in section


@pytest.mark.parametrize("status", [CaseStatus.REJECTED, CaseStatus.WITHDRAWN,
                                    CaseStatus.FILED])
def test_a_second_complaint_that_ended_undecided_leaves_the_button(client, status):
    """Refused, withdrawn or filed away, it was never decided the second time: the right
    is not spent (khoản 7 Điều 11 Luật Khiếu nại bars only a complaint already decided the
    second time), so the form is offered again."""
    first = _concluded()
    second = _second_round(first, status=status)
    section = _section(_open(client, first))
    assert "lan=2" in section and second.tracking_code not in section


def test_a_split_case_is_not_a_second_complaint(client):
    first = _concluded()
    CaseFactory(parent_case=first)  # a report split off the first case
    assert "lan=2" in _section(_open(client, first))


def test_the_decision_mail_sent_after_a_second_complaint_names_it_instead_of_the_form(
    django_capture_on_commit_callbacks,
):
    case = _concluded()
    second = _second_round(case)
    event = CaseEvent.objects.create(case=case, action="conclude", to_status="concluded",
                                     at=timezone.now(), is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        case_event_recorded.send(sender=type(case), case=case, event=event)
    body = mail.outbox[-1].body
    assert f"ho_so={case.tracking_code}" not in body and "lan=2" not in body
    assert second.tracking_code in body and "97531864" not in body


def test_the_tracking_page_queries_do_not_grow_with_linked_cases(client):
    """One indexed look-up for the second complaint, whatever the number of cases linked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(case):
        _open(client, case)
        client.get(f"/tra-cuu/{case.tracking_code}/")  # caches warmed
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/tra-cuu/{case.tracking_code}/").status_code == 200
        return len(captured.captured_queries)

    alone = _concluded()
    linked = _concluded()
    for _n in range(3):
        _second_round(linked)
    CaseFactory(parent_case=linked)
    assert queries(linked) == queries(alone)


def test_an_english_reader_gets_the_sos_english_name(client):
    """"The Director of Sở Y tế tỉnh Quảng Ngãi resolves …" inside an English sentence; every
    other English page says "Department of Health of Quảng Ngãi province" (walk-english F16)."""
    from complaints.models import FacilityKind
    from tests.factories import FacilityFactory

    department = FacilityFactory(code="SYT-QNG", name="Sở Y tế tỉnh Quảng Ngãi",
                                 kind=FacilityKind.DEPARTMENT)
    case = CaseFactory(khieu_nai=True, second_time=True, assigned_unit=department,
                       facility=FacilityFactory(parent=department))
    client.cookies["django_language"] = "en"
    page = _open(client, case)
    assert "The Director of Department of Health of Quảng Ngãi province resolves" in page
    assert "Sở Y tế tỉnh Quảng Ngãi resolves" not in page
