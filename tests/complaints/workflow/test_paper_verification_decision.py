"""The verification step records the decision giving it when it was signed on paper, not issued
in the portal (điểm b khoản 1 Điều 29 Luật Khiếu nại; khoản 1, khoản 2 Điều 31 Luật Tố cáo): its
số, ký hiệu ("12/QĐ-SYT", the form of Phụ lục I Nghị định 30/2020/NĐ-CP, free enough for other
units' symbols) and its ngày ban hành (not in the future, not before the case was received),
kept in the step's event and shown with the step on the case page. Both optional: a step taken
without them is as before; refused input saves nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.services.workflow import TransitionInvalid
from complaints.transitions import transition_for
from tests.factories import UserFactory

from .helpers import RECEIVED, act, case_in

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _signed_on():
    return _today() - datetime.timedelta(days=2)


def _paper():
    return {"paper_decision_symbol": "12/QĐ-SYT", "paper_decision_date": _signed_on().isoformat()}


DECLARED = {"verifier_no_conflict": True}  # a denunciation's (khoản 3 Điều 10 NĐ 31/2019)


@pytest.fixture
def boss():
    return UserFactory(superuser=True)


def _accepted(kind=CaseKind.KHIEU_NAI):
    return case_in(kind, CaseStatus.ACCEPTED, resolve_by=_today() + datetime.timedelta(days=30))


def _untouched(case) -> None:
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.status == CaseStatus.ACCEPTED and fresh.verification_days is None
    assert not CaseEvent.objects.filter(case=case, action="start_verification").exists()


@pytest.mark.parametrize(("kind", "extra"), [(CaseKind.KHIEU_NAI, {}),
                                             (CaseKind.TO_CAO, DECLARED)])
def test_the_step_keeps_the_paper_decision_in_its_event(boss, kind, extra):
    case = _accepted(kind)
    event = act(case, "start_verification", boss, verification_days=5, **extra, **_paper())
    assert event.data["paper_decision_symbol"] == "12/QĐ-SYT"
    assert event.data["paper_decision_date"] == _signed_on().isoformat()


def test_without_them_the_step_is_as_before(boss):
    case = _accepted()
    event = act(case, "start_verification", boss, verification_days=5)
    assert not {"paper_decision_symbol", "paper_decision_date"} & set(event.data)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING


def test_a_future_date_is_refused_in_vietnamese_and_nothing_is_saved(boss):
    case = _accepted()
    tomorrow = _today() + datetime.timedelta(days=1)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "start_verification", boss, verification_days=5,
            paper_decision_symbol="12/QĐ-SYT", paper_decision_date=tomorrow.isoformat())
    (message,) = refused.value.errors["paper_decision_date"]
    assert message == "Ngày ban hành quyết định giao nhiệm vụ xác minh không được ở tương lai."
    _untouched(case)


def test_a_date_before_the_case_was_received_is_refused(boss):
    case = _accepted()
    before = RECEIVED.date() - datetime.timedelta(days=1)
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "start_verification", boss, paper_decision_symbol="12/QĐ-SYT",
            paper_decision_date=before.isoformat())
    (message,) = refused.value.errors["paper_decision_date"]
    assert "không được trước ngày tiếp nhận" in message
    _untouched(case)


@pytest.mark.parametrize("symbol", ["12/QĐ-SYT", "05/QĐ-TTr.SYT", "123/2026/QĐ-UBND",
                                    "07/QĐ-BVĐK", "3/QĐ-TTYT-TXM"])
def test_other_units_symbols_are_taken(boss, symbol):
    case = _accepted()
    event = act(case, "start_verification", boss, paper_decision_symbol=f" {symbol} ",
                paper_decision_date=_signed_on().isoformat())
    assert event.data["paper_decision_symbol"] == symbol


@pytest.mark.parametrize("symbol", ["QĐ-SYT", "12", "0/QĐ-SYT", "12/QĐ SYT", "số 12/QĐ-SYT"])
def test_a_symbol_that_does_not_read_as_one_is_refused(boss, symbol):
    case = _accepted()
    with pytest.raises(TransitionInvalid) as refused:
        act(case, "start_verification", boss, paper_decision_symbol=symbol,
            paper_decision_date=_signed_on().isoformat())
    (message,) = refused.value.errors["paper_decision_symbol"]
    assert "ví dụ 12/QĐ-SYT" in message and "Nghị định 30/2020/NĐ-CP" in message
    _untouched(case)


def test_the_number_and_the_date_go_together(boss):
    case = _accepted()
    with pytest.raises(TransitionInvalid) as no_date:
        act(case, "start_verification", boss, paper_decision_symbol="12/QĐ-SYT")
    assert "Ghi ngày ban hành" in no_date.value.errors["paper_decision_date"][0]
    with pytest.raises(TransitionInvalid) as no_symbol:
        act(case, "start_verification", boss, paper_decision_date=_signed_on().isoformat())
    assert "Ghi số, ký hiệu" in no_symbol.value.errors["paper_decision_symbol"][0]
    _untouched(case)


def test_kinds_without_a_written_assignment_are_not_asked():
    """A phản ánh, kiến nghị or press report has no decision giving its verification in the
    Luật Khiếu nại or the Luật Tố cáo: its step has no such fields."""
    for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        row = transition_for(case=_accepted(kind), action="start_verification")
        assert "paper_decision_symbol" not in row.fields, kind
        assert "verification_days" in row.fields


@pytest.mark.parametrize(("kind", "name", "article"), [
    (CaseKind.KHIEU_NAI, "quyết định giao nhiệm vụ xác minh",
     "điểm b khoản 1 Điều 29 Luật Khiếu nại"),
    (CaseKind.TO_CAO, "văn bản giao xác minh", "khoản 1, khoản 2 Điều 31 Luật Tố cáo"),
])
def test_the_form_names_the_decision_in_the_kinds_words_with_its_article(kind, name, article):
    case = _accepted(kind)
    fields = TransitionForm(transition=transition_for(case=case, action="start_verification"),
                            case=case).fields
    symbol, day = fields["paper_decision_symbol"], fields["paper_decision_date"]
    assert not symbol.required and not day.required
    assert str(symbol.label) == f"Số, ký hiệu {name} đã ký trên giấy"
    assert article in str(symbol.help_text) and "12/QĐ-SYT" in str(symbol.help_text)
    assert str(day.label) == f"Ngày ban hành {name}"


def test_the_case_page_takes_it_and_shows_it_with_the_step(client):
    from tests.complaints.admin.helpers import leader_user

    case = _accepted()
    client.force_login(leader_user(facility=case.assigned_unit))
    url = reverse("complaints_admin:action", args=[case.tracking_code, "start_verification"])
    posted = {"start_verification-expected_status": "accepted",
              "start_verification-paper_decision_symbol": "12/QĐ-SYT"}
    future = client.post(url, {**posted, "start_verification-paper_decision_date": (
        _today() + datetime.timedelta(days=3)).isoformat()})
    assert future.status_code == 400
    assert future.context["form"].errors["paper_decision_date"] == [
        "Ngày ban hành quyết định giao nhiệm vụ xác minh không được ở tương lai."]
    _untouched(case)
    done = client.post(url, {**posted,
                             "start_verification-paper_decision_date": _signed_on().isoformat()})
    assert done.status_code == 302
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert (f"Quyết định giao nhiệm vụ xác minh số 12/QĐ-SYT ngày {_signed_on():%d/%m/%Y} "
            "(ký trên giấy).") in html.content.decode()


def test_every_row_offering_the_fields_names_its_decision_for_each_kind():
    """The rules name the decision and its article for each kind a row offers the fields to
    (complaints/rules/paper_decision.py), so no form or message goes without them."""
    from complaints.rules.paper_decision import PAPER_DECISION_FIELDS, PAPER_DECISION_RULES
    from complaints.transitions import TRANSITIONS

    rows = [t for t in TRANSITIONS if set(PAPER_DECISION_FIELDS) & set(t.fields)]
    assert {t.action for t in rows} == {"start_verification"}
    for row in rows:
        assert set(PAPER_DECISION_FIELDS) <= set(row.optional_fields)
        for kind in row.kinds:
            assert (row.action, kind) in PAPER_DECISION_RULES, (row.action, kind)
