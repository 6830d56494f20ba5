"""What each kind requires (DOMAIN.md §2), decided by the intake service only."""

import dataclasses
import datetime

import pytest

from complaints.kinds import Channel
from complaints.models import Case, Reporter
from complaints.services.intake import (
    ReporterData,
    SubmissionInvalid,
    case_submit,
    submission_check,
)
from tests.complaints.intake_factories import submission

pytestmark = pytest.mark.django_db


def errors_of(data):
    with pytest.raises(SubmissionInvalid) as error:
        case_submit(data=data, channel=Channel.WEB)
    assert Case.objects.count() == 0
    return error.value.errors


@pytest.mark.parametrize("kind", ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"])
def test_each_kind_is_accepted_when_complete(kind, hospital):
    result = case_submit(data=submission(kind, facility=hospital.code), channel=Channel.WEB)
    assert result.case.kind == kind


@pytest.mark.parametrize("kind", ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"])
def test_consent_to_processing_is_required(kind, hospital):
    errors = errors_of(submission(kind, facility=hospital.code, consent=False))
    assert "Điều 9" in errors["consent"][0]


def test_anonymous_phan_anh_keeps_no_identity(hospital):
    data = submission(
        facility=hospital.code,
        anonymous=True,
        reporter=ReporterData(name="Không muốn nêu", address="Ở đâu đó", id_number="051190000123",
                              email="tin@example.vn"),
    )
    case = case_submit(data=data, channel=Channel.WEB).case
    reporter = Reporter.objects.get(case=case)
    assert case.anonymous is True
    assert (reporter.name, reporter.address, reporter.id_number) == ("", "", "")
    assert reporter.email == "tin@example.vn"  # kept only to send the news they asked for


def test_anonymous_phan_anh_keeps_no_contact_unless_news_were_asked_for(hospital):
    data = submission(
        facility=hospital.code,
        anonymous=True,
        consent_contact=False,
        reporter=ReporterData(phone="0905111222", email="tin@example.vn"),
    )
    reporter = Reporter.objects.get(case=case_submit(data=data, channel=Channel.WEB).case)
    assert (reporter.phone, reporter.email) == ("", "")


def test_phan_anh_needs_no_name_at_all(hospital):
    data = submission(facility=hospital.code, anonymous=True, reporter=ReporterData(),
                      consent_contact=False)
    assert case_submit(data=data, channel=Channel.WEB).case.anonymous


def test_kien_nghi_needs_a_name_and_a_contact(hospital):
    errors = errors_of(submission("kien_nghi", facility=hospital.code, reporter=ReporterData(),
                                  consent_contact=False))
    assert "reporter.name" in errors
    assert "reporter.phone" in errors  # at least one way to answer


def test_kien_nghi_cannot_be_anonymous(hospital):
    errors = errors_of(submission("kien_nghi", facility=hospital.code, anonymous=True))
    assert "anonymous" in errors


@pytest.mark.parametrize("kind", ["khieu_nai", "to_cao"])
def test_complaint_and_denunciation_need_name_address_and_id_number(kind, hospital):
    data = submission(kind, facility=hospital.code,
                      reporter=ReporterData(email="a@example.vn"))
    errors = errors_of(data)
    assert {"reporter.name", "reporter.address", "reporter.id_number"} <= errors.keys()


@pytest.mark.parametrize("kind", ["khieu_nai", "to_cao"])
def test_truth_declaration_stands_in_for_the_signature(kind, hospital):
    errors = errors_of(submission(kind, facility=hospital.code, truth_declaration=False))
    assert "chữ ký" in errors["truth_declaration"][0]


def test_id_number_format(hospital):
    data = submission("khieu_nai", facility=hospital.code)
    data = dataclasses.replace(data, reporter=dataclasses.replace(data.reporter, id_number="12ab"))
    assert "reporter.id_number" in errors_of(data)


def test_complaint_names_the_decision_its_maker_and_date(hospital):
    errors = errors_of(
        submission("khieu_nai", facility=hospital.code, decision_complained="",
                   decision_maker="", decision_date=None)
    )
    assert {"decision_complained", "decision_maker", "decision_date"} <= errors.keys()


def test_second_complaint_needs_the_first_decision(hospital):
    errors = errors_of(submission("khieu_nai", facility=hospital.code, second_time=True))
    assert "first_decision_ref" in errors
    case = case_submit(
        data=submission("khieu_nai", facility=hospital.code, second_time=True,
                        first_decision_ref="Quyết định số 12/QĐ-BV ngày 02/03/2026"),
        channel=Channel.WEB,
    ).case
    assert case.second_time and case.first_decision_ref.startswith("Quyết định số 12")


def test_complaint_and_denunciation_need_the_facility():
    for kind in ("khieu_nai", "to_cao"):
        assert "facility" in submission_check(submission(kind))


def test_anonymous_denunciation_is_refused_with_the_law_and_an_offer(hospital):
    errors = errors_of(submission("to_cao", facility=hospital.code, anonymous=True))
    message = errors["anonymous"][0]
    assert "Điều 25" in message
    assert "phản ánh ẩn danh" in message


def test_denunciation_records_the_accused_and_position(hospital):
    errors = errors_of(submission("to_cao", facility=hospital.code, accused_name="",
                                  accused_position=""))
    assert {"accused_name", "accused_position"} <= errors.keys()
    case = case_submit(
        data=submission("to_cao", facility=hospital.code, accused_is_head=True),
        channel=Channel.WEB,
    ).case
    assert case.accused_is_head and case.accused_name == "Trần Văn Bình"


def test_press_reports_are_not_filed_by_citizens(hospital):
    assert "kind" in errors_of(submission("bao_chi", facility=hospital.code))
    assert "kind" in errors_of(submission("khac", facility=hospital.code))


def test_common_field_checks(hospital):
    errors = errors_of(
        submission(
            facility="KHONG-CO",
            category="khong-co",
            title="",
            content="ngắn",
            incident_date=datetime.date.today() + datetime.timedelta(days=3),
            reporter=ReporterData(name="A", email="khong-phai-email", phone="12"),
        )
    )
    assert {"facility", "category", "title", "content", "incident_date",
            "reporter.email", "reporter.phone"} <= errors.keys()
    assert all(isinstance(m, str) for messages in errors.values() for m in messages)


def test_contact_consent_needs_an_email(hospital):
    data = submission(facility=hospital.code, consent_contact=True,
                      reporter=ReporterData(name="Lan", phone="0905123456"))
    assert "reporter.email" in errors_of(data)


def test_inactive_facility_is_refused(hospital):
    hospital.is_active = False
    hospital.save()
    assert "facility" in errors_of(submission(facility=hospital.code))


@pytest.mark.parametrize(
    "phone", ["0912 345 678", "0912.345.678", "(0255) 3822 123", "024 3825 1234",
              "+84 912 345 678", "+44 20 7946 0958"],
)
def test_mobile_landline_and_international_phones_are_accepted(phone):
    from complaints.validation import phone_problem

    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["09123", "12", "0912 345 67", "abc 0912345678"])
def test_a_bad_phone_says_what_is_accepted(phone):
    from complaints.validation import phone_problem

    assert "0912 345 678" in phone_problem(phone) and "0255 3822 123" in phone_problem(phone)


def test_the_rules_the_script_gets_are_written_for_javascript():
    """The patterns of the phone and e-mail rules as the filing form's script reads them
    (tests/browser/test_intake_client_checks.py checks that both sides agree)."""
    from complaints.validation import browser_email_rule, browser_phone_rule, js_pattern

    assert js_pattern(r"^a\Z") == "^a$"
    assert js_pattern(r"[\001-\037]") == r"[\x01-\x1f]"
    assert js_pattern(r"\\Z") == r"\\Z"  # an escaped backslash, then Z
    assert js_pattern("[a-z\u00a1-\uffff]") == r"[a-z\u00a1-\uffff]"
    assert all(pattern.isascii() for pattern in browser_email_rule().values() if
               isinstance(pattern, str))
    assert "^0[2-9][0-9]{8,9}$" in browser_phone_rule()["accept"]


@pytest.mark.parametrize(("kind", "own", "other"), [
    ("khieu_nai", "Luật Khiếu nại", "Luật Tố cáo"),
    ("to_cao", "Luật Tố cáo", "Luật Khiếu nại"),
])
def test_the_missing_declaration_cites_the_kinds_own_law(kind, own, other):
    from complaints.services.intake import submission_check

    errors = submission_check(submission(kind, truth_declaration=False))
    [message] = errors["truth_declaration"]
    assert own in message and other not in message
