"""Second-time complaints (Luật KN Art 33(1); issue 9 item 7): the filing window, a second
complaint without a first decision once the first deadline passed, a premature one. Dates
counted by hand on the 2026 calendar."""

from __future__ import annotations

import datetime

import pytest

from complaints.kinds import CaseKind
from complaints.models import Case
from complaints.services.intake import (
    ReporterData,
    SubmissionData,
    SubmissionInvalid,
    case_submit,
    submission_warning,
)
from complaints.services.second_time import second_time_check
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db
D = datetime.date

# (what the complainant says, today, status, window due, first deadline, article in the text)
CASES = [
    pytest.param(
        {"first_decision_ref": "12/QĐ-BV", "first_decision_received_on": D(2026, 9, 1)},
        D(2026, 10, 1), "in_time", D(2026, 10, 1), None, None,
        id="decision received 1/9: 30 days to Thu 1/10 — Art 33(1)",
    ),
    pytest.param(
        {"first_decision_ref": "12/QĐ-BV", "first_decision_received_on": D(2026, 9, 1)},
        D(2026, 10, 2), "late", D(2026, 10, 1), None, "Điều 33",
        id="decision received 1/9, filed 2/10: late — Art 33(1)",
    ),
    pytest.param(
        {"first_decision_ref": "12/QĐ-BV", "first_decision_received_on": D(2026, 9, 1),
         "remote": True},
        D(2026, 10, 2), "in_time", D(2026, 10, 16), None, None,
        id="remote area: 45 days to Fri 16/10 — Art 33(1)",
    ),
    pytest.param(
        {"first_deadline_passed": True, "first_accepted_on": D(2026, 8, 3)},
        D(2026, 9, 10), "in_time", D(2026, 10, 5), D(2026, 9, 3), None,
        id="no decision: accepted 3/8, deadline 2/9 off → 3/9 (Art 28), window to Sat 3/10 "
           "→ Mon 5/10 — Art 33(1), BLDS Art 148(5)",
    ),
    pytest.param(
        {"first_deadline_passed": True, "first_accepted_on": D(2026, 8, 3)},
        D(2026, 8, 20), "premature", None, D(2026, 9, 3), "Điều 28",
        id="no decision yet, first still within its 30 days: premature — Arts 28, 33",
    ),
    pytest.param(
        {"first_deadline_passed": True, "first_accepted_on": D(2026, 8, 3)},
        D(2026, 10, 6), "late", D(2026, 10, 5), D(2026, 9, 3), "hết thời hạn giải quyết lần đầu",
        id="no decision, window passed on 5/10 — Art 33(1)",
    ),
    pytest.param(
        {"first_decision_ref": "12/QĐ-BV"}, D(2026, 10, 5), "unknown", None, None, None,
        id="no date of receipt given: no warning",
    ),
]


@pytest.mark.parametrize(("given", "today", "status", "window", "first", "text"), CASES)
def test_second_time_window(given, today, status, window, first, text):
    check = second_time_check(
        first_decision_ref=given.get("first_decision_ref", ""),
        first_decision_received_on=given.get("first_decision_received_on"),
        first_deadline_passed=given.get("first_deadline_passed", False),
        first_accepted_on=given.get("first_accepted_on"),
        remote=given.get("remote", False),
        today=today,
    )
    assert (check.status, check.window_due, check.first_deadline) == (status, window, first)
    if text is None:
        assert check.message is None
    else:
        assert text in check.message


@pytest.fixture
def hospital():
    return FacilityFactory(code="BV-A")


def complaint(**extra) -> SubmissionData:
    values = {
        "kind": CaseKind.KHIEU_NAI,
        "title": "Khiếu nại lần hai về quyết định thu viện phí",
        "content": "Tôi không đồng ý với quyết định giải quyết lần đầu của bệnh viện.",
        "facility": "BV-A",
        "reporter": ReporterData(name="Nguyễn Văn A", address="Xã X", id_number="001234567890",
                                 phone="0912345678"),
        "consent": True,
        "truth_declaration": True,
        "decision_complained": "Quyết định thu viện phí",
        "decision_maker": "Giám đốc bệnh viện",
        "decision_date": D(2026, 7, 1),
        "second_time": True,
        **extra,
    }
    return SubmissionData(**values)


def test_a_second_complaint_needs_a_first_decision_or_the_passed_deadline(hospital):
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=complaint(facility=hospital.code), channel="web")
    assert "first_decision_ref" in invalid.value.errors
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=complaint(facility=hospital.code, first_deadline_passed=True),
                    channel="web")
    assert "first_accepted_on" in invalid.value.errors
    assert "first_decision_ref" not in invalid.value.errors
    assert not Case.objects.exists()


def test_a_premature_second_complaint_is_received_and_recognised(hospital):
    today = datetime.date.today()
    data = complaint(facility=hospital.code, first_deadline_passed=True,
                     first_accepted_on=today - datetime.timedelta(days=5))
    assert "vẫn còn trong thời hạn" in submission_warning(data)
    result = case_submit(data=data, channel="web")
    case = result.case
    assert case.second_time and case.first_deadline_passed and not case.first_decision_ref
    assert case.first_accepted_on == today - datetime.timedelta(days=5)
    assert any("vẫn còn trong thời hạn" in w for w in result.warnings)
    received = case.events.get(action="received")
    assert any("Điều 28" in w for w in received.data["warnings"])


def test_a_late_second_complaint_warns_instead_of_the_90_days(hospital):
    received_on = datetime.date.today() - datetime.timedelta(days=60)
    data = complaint(facility=hospital.code, first_decision_ref="12/QĐ-BV",
                     first_decision_received_on=received_on)
    warning = submission_warning(data)
    assert "Điều 33" in warning and "Điều 9" not in warning
    result = case_submit(data=data, channel="api")
    assert result.case.first_decision_received_on == received_on
    assert result.warnings == (warning,)
