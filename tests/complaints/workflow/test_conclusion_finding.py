"""A complaint's decision and a denunciation's conclusion state their finding: đúng, đúng một
phần or sai (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40 Luật Khiếu nại; điểm c khoản 2
Điều 35 Luật Tố cáo; complaints/rules/decision.py). Required for these kinds, stored on the
case and in the step's event; a phản ánh, kiến nghị or press report has none."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, CaseEvent, DialogueMeeting
from complaints.rules.decision import DECISION_RULES, finding_label
from complaints.rules.dialogue import DialogueStatus
from complaints.services.workflow import TransitionInvalid
from tests.factories import UserFactory, paper_decision

from .helpers import act, case_in

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Nội dung khiếu nại đúng một phần.", "public_answer": "Đã khắc phục."}


@pytest.fixture
def boss():
    return UserFactory(superuser=True)


def _unchanged(case) -> None:
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and not case.finding and not case.conclusion
    assert not CaseEvent.objects.filter(case=case, action="conclude").exists()


@pytest.mark.parametrize(
    ("kind", "second_time", "article"),
    [
        (CaseKind.KHIEU_NAI, False, "điểm g khoản 2 Điều 31 Luật Khiếu nại"),
        (CaseKind.KHIEU_NAI, True, "điểm h khoản 2 Điều 40 Luật Khiếu nại"),
        (CaseKind.TO_CAO, False, "điểm c khoản 2 Điều 35 Luật Tố cáo"),
    ],
    ids=["khieu_nai", "khieu_nai_lan_hai", "to_cao"],
)
@pytest.mark.parametrize("finding", [None, "", "maybe"], ids=["missing", "blank", "invalid"])
def test_a_conclusion_without_a_valid_finding_is_refused_citing_the_article(
    boss, kind, second_time, article, finding
):
    case = case_in(kind, CaseStatus.VERIFYING, second_time=second_time)
    if second_time:  # past its mandatory dialogue (Điều 39 Luật Khiếu nại)
        DialogueMeeting.objects.create(
            case=case, scheduled_at=timezone.now() - datetime.timedelta(days=1),
            place="Sở Y tế", participants="Các bên", status=DialogueStatus.HELD,
            notified_on=timezone.localdate() - datetime.timedelta(days=7), led_by="Giám đốc Sở",
        )
    fields = {**ANSWER, **paper_decision()}
    fields.pop("finding")
    if finding is not None:
        fields["finding"] = finding
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "conclude", boss, **fields)
    message = " ".join(map(str, refused.value.errors["finding"]))
    assert article in message and "đúng một phần" in message
    _unchanged(case)


@pytest.mark.parametrize(
    ("kind", "finding", "label"),
    [
        (CaseKind.KHIEU_NAI, "correct", "Khiếu nại đúng"),
        (CaseKind.KHIEU_NAI, "partly_correct", "Khiếu nại đúng một phần"),
        (CaseKind.KHIEU_NAI, "wrong", "Khiếu nại sai toàn bộ"),
        (CaseKind.TO_CAO, "correct", "Tố cáo đúng"),
        (CaseKind.TO_CAO, "partly_correct", "Tố cáo đúng một phần"),
        (CaseKind.TO_CAO, "wrong", "Tố cáo sai sự thật"),
    ],
)
def test_the_finding_is_stored_on_the_case_and_in_the_event(boss, kind, finding, label):
    case = case_in(kind, CaseStatus.VERIFYING)
    event = act(case, "conclude", boss, **ANSWER | paper_decision(finding=finding))
    assert event.data["finding"] == finding
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.finding == finding
    assert case.finding_label() == label
    assert case.history.first().finding == finding  # simple-history keeps it


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI])
def test_other_kinds_conclude_without_a_finding(boss, kind):
    case = case_in(kind, CaseStatus.VERIFYING)
    event = act(case, "conclude", boss, **ANSWER, press_finding="accurate", finding="wrong")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.finding == ""
    assert "finding" not in event.data


def test_each_kind_names_its_findings_with_its_article():
    for rule in DECISION_RULES.values():
        assert set(rule.finding_labels) == {"correct", "partly_correct", "wrong"}
        assert "Điều" in rule.finding_article and "Điều" in rule.second_finding_article
    assert finding_label(CaseKind.PHAN_ANH, "correct") == ""


def test_the_staff_api_refuses_a_conclusion_without_its_finding_with_400():
    case = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    _token, key = ApiToken.issue(user=UserFactory(superuser=True), name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/conclude"
    fields = {**ANSWER, **paper_decision(symbol="05/KL-TTr")}
    fields.pop("finding")
    refused = client.post(url, data=json.dumps(fields), content_type="application/json")
    assert refused.status_code == 400
    assert "điểm c khoản 2 Điều 35 Luật Tố cáo" in refused.json()["errors"]["finding"][0]
    _unchanged(case)
    done = client.post(url, data=json.dumps({**fields, "finding": "wrong"}),
                       content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.content
    detail = client.get(f"/api/v1/cases/{case.tracking_code}").json()
    assert detail["finding"] == "wrong"
    assert detail["finding_label"] == "Tố cáo sai sự thật"
