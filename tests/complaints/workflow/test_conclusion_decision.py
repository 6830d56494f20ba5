"""A complaint's or a denunciation's conclusion names its written decision (khoản 1 Điều 31,
khoản 1 Điều 40 Luật Khiếu nại; khoản 1 Điều 35 Luật Tố cáo; complaints/rules/decision.py):
issued with the step in the portal, or signed on paper and recorded by its số, ký hiệu and
ngày ban hành. Without it the step is refused and nothing is saved; a phản ánh, kiến nghị or
press report is concluded as before."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.documents.models import Document, DocumentStatus
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseDeadline, CaseEvent, DialogueMeeting
from complaints.rules.decision import symbol_plausible
from complaints.rules.dialogue import DialogueStatus
from complaints.services.decision import decision_recorded
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from tests.complaints.documents.helpers import leader, province, resolver_writes
from tests.factories import UserFactory, conclusion_finding, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Khiếu nại đúng một phần.", "public_answer": "Đã khắc phục.",
    **conclusion_finding()}


@pytest.fixture
def boss():
    return UserFactory(superuser=True)


def _unchanged(case) -> None:
    """Nothing of a refused conclusion was saved."""
    status = case.status
    case.refresh_from_db()
    assert case.status == status and case.concluded_at is None and not case.conclusion
    assert not CaseEvent.objects.filter(case=case, action="conclude").exists()


def _second_time_complaint():
    """A second-time complaint past its mandatory dialogue (Điều 39 Luật Khiếu nại)."""
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, second_time=True)
    DialogueMeeting.objects.create(
        case=case, scheduled_at=timezone.now() - datetime.timedelta(days=1), place="Sở Y tế",
        participants="Các bên", notified_on=timezone.localdate() - datetime.timedelta(days=7),
        status=DialogueStatus.HELD, led_by="Giám đốc Sở",
    )
    return case


@pytest.mark.parametrize(
    ("make", "article", "decision"),
    [
        (lambda: case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING),
         "khoản 1 Điều 31 Luật Khiếu nại", "quyết định giải quyết khiếu nại"),
        (_second_time_complaint, "khoản 1 Điều 40 Luật Khiếu nại",
         "quyết định giải quyết khiếu nại"),
        (lambda: case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING), "khoản 1 Điều 35 Luật Tố cáo",
         "kết luận nội dung tố cáo"),
    ],
    ids=["khieu_nai", "khieu_nai_lan_hai", "to_cao"],
)
def test_a_conclusion_without_its_decision_is_refused_citing_the_article(
    boss, make, article, decision
):
    case = make()
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "conclude", boss, **ANSWER)
    message = refused.value.errors["decision_symbol"][0]
    assert article in message and decision in message
    assert "trên giấy" in message  # how to give it
    _unchanged(case)


def test_a_decision_signed_on_paper_is_recorded_with_the_conclusion(boss):
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    signed = case.accepted_at.date() + datetime.timedelta(days=20)
    event = act(case, "conclude", boss, **ANSWER |
                paper_decision(symbol=" 05/KL-TTr ", on=signed))  # fmt: skip
    assert event.data["decision_source"] == "paper"
    assert event.data["decision_symbol"] == "05/KL-TTr"
    assert event.data["decision_date"] == signed.isoformat()
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    # Resolved the day the conclusion was signed, not the day it was recorded.
    assert timezone.localtime(case.concluded_at).date() == signed
    recorded = decision_recorded(case)
    assert recorded.on_paper
    assert recorded.text() == (
        f"Kết luận nội dung tố cáo số 05/KL-TTr ngày {signed.strftime('%d/%m/%Y')}"
    )
    # The conclusion is sent within 05 working days from its issue (khoản 3 Điều 35 Luật
    # Tố cáo): counted from the day it was signed.
    notice = CaseDeadline.objects.get(case=case, step="decision_notice", superseded_at__isnull=True)
    assert notice.counted_from == signed


TOMORROW = object()


def _tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"decision_symbol": "12/QĐ-SYT", "decision_date": TOMORROW}, "decision_date",
         "tương lai"),
        ({"decision_symbol": "   ", "decision_date": "2026-09-20"}, "decision_symbol",
         "số, ký hiệu"),
        ({"decision_date": "2026-09-20"}, "decision_symbol", "số, ký hiệu"),
        ({"decision_symbol": "12/QĐ-SYT"}, "decision_date", "ngày ban hành"),
        ({"decision_symbol": "quyết định 12", "decision_date": "2026-09-20"}, "decision_symbol",
         "12/QĐ-SYT"),
        ({"decision_symbol": "12/QĐ-SYT", "decision_date": "2026-08-31"}, "decision_date",
         "trước ngày thụ lý"),
        ({"decision_symbol": "12/QĐ-SYT", "decision_date": "2026-02-30"}, "decision_date",
         "không hợp lệ"),
    ],
    ids=["future", "blank_symbol", "no_symbol", "no_date", "not_a_symbol", "before_acceptance",
         "no_such_day"],
)
def test_a_paper_decision_is_validated(boss, fields, field, words):
    if fields.get("decision_date") is TOMORROW:  # the day the test runs, not the day it loaded
        fields = {**fields, "decision_date": _tomorrow().isoformat()}
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)  # accepted 01/09/2026
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "conclude", boss, **ANSWER, **fields)
    assert words in " ".join(map(str, refused.value.errors[field]))
    _unchanged(case)


def test_plausible_symbols():
    assert symbol_plausible("12/QĐ-SYT") == 12
    assert symbol_plausible("123/2026/QĐ-UBND") == 123
    assert symbol_plausible("05/KL-TTr") == 5
    for wrong in ("QĐ-SYT", "12", "12/", "12/QĐ SYT", "0/QĐ-SYT", "Số 12/QĐ-SYT", "12/-SYT"):
        assert symbol_plausible(wrong) is None, wrong


def test_a_decision_issued_with_the_step_in_the_portal_concludes(boss):
    _department, hospital = province()
    head = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=head, origin="test")  # fmt: skip
    draft = resolver_writes(draft, head)  # the legal basis, the order's terms
    from complaints.services.workflow import case_transition

    event = case_transition(case_id=case.pk, action="conclude", actor=head, data=ANSWER,
                            origin="test", document_id=draft.pk, signed_confirmed=True)  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED and "QĐ" in draft.symbol
    event.refresh_from_db()
    assert event.data["decision_source"] == "portal"
    assert event.data["decision_document"] == draft.pk
    assert event.data["decision_symbol"] == draft.symbol
    assert event.data["decision_date"] == timezone.localdate().isoformat()
    assert not decision_recorded(case).on_paper


def test_another_document_or_a_paper_reference_besides_it_is_refused(boss):
    from complaints.services.workflow import case_transition

    _department, hospital = province()
    head = leader()
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital,
                   accused_name="Bác sĩ A")  # fmt: skip
    # The notice to the denouncer is not the conclusion itself (khoản 3 Điều 35 Luật Tố cáo).
    notice = document_draft(case_id=case.pk, template_code="tc_thong_bao_ket_luan_nguoi_to_cao",
                            actor=head, origin="test")  # fmt: skip
    with pytest.raises(TransitionNotAllowed) as refused:
        case_transition(case_id=case.pk, action="conclude", actor=head, data=ANSWER,
                        origin="test", document_id=notice.pk, signed_confirmed=True)  # fmt: skip
    assert "kết luận nội dung tố cáo" in refused.value.message
    assert "khoản 1 Điều 35 Luật Tố cáo" in refused.value.message
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=head,
                                origin="test")  # fmt: skip
    with pytest.raises(TransitionInvalid) as both:
        case_transition(case_id=case.pk, action="conclude", actor=head,
                        data={**ANSWER, **paper_decision()}, origin="test",
                        document_id=conclusion.pk, signed_confirmed=True)  # fmt: skip
    assert "trên Cổng" in both.value.errors["decision_symbol"][0]
    _unchanged(case)
    assert set(Document.objects.filter(case=case).values_list("status", flat=True)) == {
        DocumentStatus.DRAFT
    }


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI])
def test_a_report_or_recommendation_is_concluded_without_a_decision(boss, kind):
    case = case_in(kind, CaseStatus.VERIFYING)
    event = act(case, "conclude", boss, **ANSWER)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED
    assert "decision_source" not in event.data and decision_recorded(case) is None
    # The decision's fields are not theirs: given, they are not taken.
    other = case_in(kind, CaseStatus.VERIFYING)
    event = act(other, "conclude", boss, **ANSWER | paper_decision())
    assert "decision_symbol" not in event.data


def test_a_press_report_is_concluded_without_a_decision(boss):
    case = case_in(CaseKind.BAO_CHI, CaseStatus.VERIFYING)
    act(case, "conclude", boss, **ANSWER, press_finding="accurate")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and decision_recorded(case) is None


def test_the_staff_api_answers_a_conclusion_without_its_decision_with_the_article():
    import json

    from django.test import Client

    from complaints.models import ApiToken

    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    _token, key = ApiToken.issue(user=UserFactory(superuser=True), name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/conclude"
    refused = client.post(url, data=json.dumps(ANSWER), content_type="application/json")
    assert refused.status_code == 400
    assert "khoản 1 Điều 35 Luật Tố cáo" in refused.json()["errors"]["decision_symbol"][0]
    done = client.post(url, data=json.dumps({**ANSWER, **paper_decision(symbol="05/KL-TTr")}),
                       content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "concluded"
