"""A line of the tracking page's timeline names the status after it once: a report's
conclusion is "Đã có kết quả xử lý" as an action and as a status, and the English line read
"Handled: answer given <answer> — Handled: answer given"."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from tests.complaints.workflow.helpers import act, case_in, valid_data
from tests.factories import DEFAULT_PIN, UserFactory

pytestmark = pytest.mark.django_db


def _line(client, case, action: str, language: str) -> str:
    client.cookies["django_language"] = language
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    line = re.search(rf'<li data-action="{action}">(.*?)</li>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", line).split("\n", 1)[1].strip()


def test_an_answered_report_names_its_status_once_in_english(client, hospital):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.ACCEPTED, facility=hospital)
    act(case, "conclude", UserFactory(superuser=True),
        **valid_data("conclude", facility_code=hospital.code, kind="phan_anh"))
    assert _line(client, case, "conclude", "en") == (
        "Answer given: Bệnh viện đã chấn chỉnh quy trình tiếp đón."
    )
    # In Vietnamese the answer leads: the status after it says what it is.
    assert _line(client, case, "conclude", "vi") == (
        "Bệnh viện đã chấn chỉnh quy trình tiếp đón. — Đã có kết quả xử lý"
    )


@pytest.mark.parametrize("language, words", [("vi", "Đã có kết luận"), ("en", "Concluded")])
def test_a_line_without_a_message_is_not_its_status_twice(client, hospital, language, words):
    case = case_in(CaseKind.TO_CAO, CaseStatus.CONCLUDED, facility=hospital)
    CaseEvent.objects.create(case=case, action="conclude", to_status=CaseStatus.CONCLUDED,
                             is_public=True, public_message="", at=timezone.now())
    assert _line(client, case, "conclude", language) == words
