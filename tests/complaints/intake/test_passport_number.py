"""A foreign resident gives a passport number where a Vietnamese gives the số định danh cá
nhân/CCCD (walk F5): the field says so and does not ask a phone for a numeric keypad; the
check takes 12 digits (CCCD), 9 (CMND), or 6 to 9 letters and digits (a passport); a
denouncer's own passport number written in a tố cáo is hidden as their CCCD is (khoản 1
Điều 47 Luật Tố cáo)."""

import dataclasses
import re

import pytest

from complaints.documents.context import identity_redacted
from complaints.kinds import Channel
from complaints.services.intake import SubmissionInvalid, case_submit
from tests.complaints.intake_factories import submission
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_field_names_the_passport_and_takes_letters(client):
    page = client.get("/gui-phan-anh/").content.decode()
    field = re.search(r'<input[^>]*name="reporter_id_number"[^>]*>', page).group(0)
    assert "inputmode" not in field
    assert "Số CCCD, hoặc số hộ chiếu với người nước ngoài" in page


def _with_id(hospital, id_number):
    data = submission("khieu_nai", facility=hospital.code)
    return dataclasses.replace(
        data, reporter=dataclasses.replace(data.reporter, id_number=id_number)
    )


@pytest.mark.parametrize(
    "value", ["051190000123", "051190001", "C12345678", "X1234567", "AB123456", "p 123 456"]
)
def test_cccd_cmnd_or_passport_are_accepted(hospital, value):
    case = case_submit(data=_with_id(hospital, value), channel=Channel.WEB).case
    assert case.reporter.id_number == value.replace(" ", "").upper()


@pytest.mark.parametrize(
    "value",
    ["1234567", "0511900001", "05119000012", "1234567890123", "AB12", "ABCDEFGHIJ", "C1234-567"],
)
def test_other_numbers_are_refused(hospital, value):
    with pytest.raises(SubmissionInvalid) as refused:
        case_submit(data=_with_id(hospital, value), channel=Channel.WEB)
    assert "hộ chiếu" in refused.value.errors["reporter.id_number"][0]


def test_a_denouncers_passport_number_in_the_text_is_hidden(hospital):
    case = CaseFactory(to_cao=True, facility=hospital)
    case.reporter.id_number = "C12345678"
    case.reporter.save()
    text = "Tôi, hộ chiếu số C12345678, tố cáo bác sĩ khoa Nội."
    hidden = identity_redacted(text, case=case, label="[đã ẩn]")
    assert "12345678" not in hidden and "[đã ẩn]" in hidden
