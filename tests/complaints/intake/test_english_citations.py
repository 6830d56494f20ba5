"""On the English form the legal citations read in English, as every other message's; the
timeline's system-written lines read in English for an English reader, the stored record
unchanged, an officer's own text kept as the Vietnamese record."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from complaints.kinds import CaseKind, CaseStatus
from complaints.selectors.tracking import case_public_view
from tests.complaints.intake.test_public_views import SUBMIT, form_data
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_signature_citations_read_in_english_on_the_english_form(client, hospital):
    client.get(SUBMIT + "?lang=en")
    for kind, article in (
        ("khieu_nai", "(Article 8(2) and Article 11(5) of the Law on Complaints)"),
        ("to_cao", "(Article 23 and Article 29(1)(a) of the Law on Denunciations)"),
    ):
        html = client.post(SUBMIT, form_data(hospital, kind=kind)).content.decode()
        assert article in html, kind
        # A sentence: "A complaint must be signed", not "Complaint must be signed".
        noun = "complaint" if kind == "khieu_nai" else "denunciation"
        assert f"A {noun} must be signed {article}" in html, kind
        assert "Luật Khiếu nại" not in html.split("must be signed")[1][:200]
        assert not re.search(r"must be signed \((khoản|Điều)", html)
    vietnamese = Client().post(SUBMIT, form_data(hospital, kind="khieu_nai")).content.decode()
    assert "Đơn khiếu nại phải có chữ ký (khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại)" \
        in vietnamese


def test_the_timeline_s_system_lines_read_in_english_the_record_unchanged(hospital):
    leader = UserFactory(superuser=True)
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    accepted = act(case, "accept", leader)
    stored = accepted.public_message
    assert stored.startswith("Phản ánh, kiến nghị đã được tiếp nhận để xử lý. Hạn trả lời: ")
    case.refresh_from_db()
    with translation.override("en"):
        english = case_public_view(case=case).timeline[-1]
    date = stored.rsplit(" ", 1)[1]
    assert english.message == (
        f"Your feedback or recommendation has been received for handling. Answer due: {date}"
    )
    assert not english.recorded  # shown as English, not as the Vietnamese record
    with translation.override("vi"):
        assert case_public_view(case=case).timeline[-1].message == stored
    accepted.refresh_from_db()
    assert accepted.public_message == stored


def test_an_officer_s_text_stays_the_vietnamese_record(hospital):
    case = case_in(CaseKind.PHAN_ANH, CaseStatus.RECEIVED)
    event = act(case, "request_info", UserFactory(superuser=True),
                message="Đề nghị gửi ảnh hóa đơn viện phí.")
    with translation.override("en"):
        shown = case_public_view(case=case).timeline[-1]
    assert shown.message == event.public_message and shown.recorded


def test_the_signature_owed_notice_cites_in_english_for_an_english_reader(hospital):
    from complaints.kinds import Channel
    from complaints.rules.signature import signature_notice_for_citizen

    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, channel=Channel.WEB,
                   signature_method="")
    with translation.override("en"):
        notice = signature_notice_for_citizen(case)
    assert "(Article 8(2) of the Law on Complaints)" in notice
    assert "(Article 11(5) of the Law on Complaints)" in notice
    assert "Luật" not in notice and "khoản" not in notice
