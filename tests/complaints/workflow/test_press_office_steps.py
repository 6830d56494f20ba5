"""A press case given to the facility named in the article for verification: the facility
verifies and reports; the finding on the article, the request for correction and its
publication are the Sở's press office's and spokesperson's (DOMAIN.md §3a rule 5, §6;
khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP; complaints/rules/press_office.py). Refused to the
facility's director through the one service, the case page, the staff API's list and the
proposal of a draft; taken by the press office."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from complaints.approvals.services import draft_propose
from complaints.models import CaseEvent, Facility
from complaints.services.press_intake import case_log_press_report
from complaints.services.workflow import TransitionNotAllowed
from complaints.transitions import allowed_actions
from portal.roles import install_roles
from tests.factories import UserFactory

from .helpers import act

pytestmark = pytest.mark.django_db

REFUSAL = "Chỉ bộ phận báo chí, người phát ngôn của Sở Y tế"
FINDING = {
    "conclusion": "Bệnh viện không thu thêm tiền ngoài bảng giá.",
    "public_answer": "Thông tin bài báo nêu không đúng.",
    "press_finding": "inaccurate",
}


def _today():
    return timezone.localdate()


def _correction():
    return {"medium": "online", "outlet_received_on": _today().isoformat()}


@pytest.fixture
def people(demo_reference_data):
    """The demo's roles (portal/roles.py): the press office, its head, and the director and
    a handler of the facility the article names."""
    groups = install_roles()
    unit = Facility.objects.get(code="TTYT-DP")

    def user(name, role, **extra):
        return UserFactory(username=name, groups=[groups[role]], **extra)

    return {
        "press": user("press", "press"),
        "press_head": user("press_head", "press_head"),
        "director": user("facility_leader", "facility_leader", facility=unit),
        "handler": user("facility_handler", "facility_handler", facility=unit),
    }


def given_to_the_facility(people):
    """An article naming the facility: logged, accepted and given to it to verify."""
    received = timezone.now() - datetime.timedelta(days=1)
    case = case_log_press_report(
        actor=people["press"],
        outlet="Báo Quảng Ngãi",
        article_title="Trung tâm y tế thu thêm tiền của người bệnh",
        published_on=timezone.localtime(received).date(),
        matter="Thu tiền ngoài bảng giá",
        facility="TTYT-DP",
        received_at=received,
    ).case
    act(case, "accept", people["press"])
    act(case, "assign", people["press"], facility="TTYT-DP")
    case.refresh_from_db()
    assert case.assigned_unit.code == "TTYT-DP"  # the facility's director is in scope
    return case


def offered(case, user) -> set[str]:
    case.refresh_from_db()
    return {t.action for t in allowed_actions(case=case, user=user)}


def test_the_facility_s_director_does_not_conclude_on_the_article(people):
    case = given_to_the_facility(people)
    director = people["director"]
    assert "conclude" not in offered(case, director)
    assert "request_correction" not in offered(case, director)
    with pytest.raises(TransitionNotAllowed, match=REFUSAL):
        act(case, "conclude", director, **FINDING)
    with pytest.raises(TransitionNotAllowed, match="khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP"):
        act(case, "request_correction", director, **_correction())
    case.refresh_from_db()
    assert case.status == "accepted" and not case.press_finding

    # The facility keeps the verification.
    assert "start_verification" in offered(case, director)
    act(case, "start_verification", people["handler"])

    # The press office's head concludes and asks for the correction.
    act(case, "conclude", people["press_head"], **FINDING)
    assert {"close", "reopen"}.isdisjoint(offered(case, director))
    with pytest.raises(TransitionNotAllowed, match=REFUSAL):
        act(case, "reopen", director, reason="Bệnh viện không đồng ý")
    act(case, "request_correction", people["press"], **_correction())

    # The outlet's correction is recorded by the press office, not by the facility.
    assert "record_correction_published" not in offered(case, director)
    with pytest.raises(TransitionNotAllowed, match=REFUSAL):
        act(case, "record_correction_published", director, published_on=_today().isoformat())
    act(case, "record_correction_published", people["press"], published_on=_today().isoformat())
    assert list(
        CaseEvent.objects.filter(
            case=case,
            action__in=["conclude", "request_correction", "record_correction_published"],
        ).values_list("actor__username", flat=True)
    ) == ["press_head", "press", "press"]


def test_the_facility_s_handler_does_not_draft_the_finding(people):
    case = given_to_the_facility(people)
    act(case, "start_verification", people["handler"])
    with pytest.raises(TransitionNotAllowed, match=REFUSAL):
        draft_propose(
            case_id=case.pk, action="conclude", data=FINDING, actor=people["handler"],
            origin="test",
        )  # fmt: skip
    # The press office's editor proposes it to its head.
    draft = draft_propose(
        case_id=case.pk, action="conclude", data=FINDING, actor=people["press"], origin="test"
    )
    assert draft.pk


def test_the_case_page_offers_the_facility_the_verification_only(client, people):
    case = given_to_the_facility(people)
    page_url = f"/admin/ho-so/{case.tracking_code}/"
    client.force_login(people["director"])
    html = client.get(page_url).content.decode()
    assert "thao-tac/start_verification/" in html
    for action in ("conclude", "request_correction"):
        assert f"thao-tac/{action}/" not in html
    refused = client.post(
        f"{page_url}thao-tac/conclude/",
        {f"conclude-{name}": value for name, value in
         {**FINDING, "expected_status": case.status}.items()},
    )  # fmt: skip
    assert refused.status_code == 409 and REFUSAL in refused.content.decode()

    client.force_login(people["handler"])
    html = client.get(page_url).content.decode()
    assert f"/admin/phe-duyet/de-xuat/{case.tracking_code}/conclude/" not in html

    client.force_login(people["press_head"])
    html = client.get(page_url).content.decode()
    assert "thao-tac/conclude/" in html and "thao-tac/request_correction/" in html


def test_the_staff_api_lists_no_finding_for_the_facility(people):
    from complaints.models import ApiToken

    case = given_to_the_facility(people)
    _token, key = ApiToken.issue(user=people["director"], name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    response = api.post(
        f"/api/v1/cases/{case.tracking_code}/actions/conclude",
        data=FINDING,
        content_type="application/json",
    )
    assert response.status_code in (403, 409), response.content
    assert REFUSAL in response.content.decode()


# ---- the case's own steps: its notices, the outlet's request, who handles it, its split ----
# The press office holds the case: the facility verifying the article does not record the
# statement given to the press or the outlet's request, give the case to another unit or
# handler, or split the article into cases (khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP).

def _steps():
    return {
        "record_notice": {
            "notice": "press_initial_statement",
            "sent_on": _today().isoformat(),
            "sent_via": "email",
            "recipients": ["outlet"],
        },
        "record_press_request": {"requested_on": _today().isoformat(), "document_ref": "15/BQN"},
        "assign": {"facility": "TTYT-DP", "user": "facility_handler"},
        "split": {
            "parts": [
                {
                    "title": "Thu tiền ngoài bảng giá",
                    "content": "Người bệnh bị thu thêm tiền dịch vụ.",
                    "kind": "phan_anh",
                }
            ]
        },
    }


# The same steps as the case page's forms send them.
def _page():
    return {
        "record_notice": {
            "record_notice-notice": "press_initial_statement",
            "record_notice-sent_on": _today().isoformat(),
            "record_notice-sent_via": "email",
            "record_notice-recipients": ["outlet"],
        },
        "record_press_request": {"record_press_request-requested_on": _today().isoformat()},
        "assign": {"assign-facility": "TTYT-DP"},
        "split": {
            "split-part_1_title": "Thu tiền ngoài bảng giá",
            "split-part_1_content": "Người bệnh bị thu thêm tiền dịch vụ.",
            "split-part_1_kind": "phan_anh",
        },
    }


CASE_STEPS = ("record_notice", "record_press_request", "assign", "split")


def given_with_its_statement(people):
    """As `given_to_the_facility`, the 24-hour statement owed (so `record_notice` is open)."""
    case = given_to_the_facility(people)
    act(case, "mark_press_statement", people["press"], statement_ground="divided_opinion")
    case.refresh_from_db()
    return case


def api_for(user):
    from complaints.models import ApiToken

    _token, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Token {key}"})


@pytest.mark.parametrize("who", ["director", "handler"])
@pytest.mark.parametrize("action", CASE_STEPS)
def test_the_facility_does_not_take_the_press_case_s_own_steps(people, action, who):
    case = given_with_its_statement(people)
    facility = people[who]
    assert "start_verification" in offered(case, facility)  # still in its scope
    assert action not in offered(case, facility)
    with pytest.raises(TransitionNotAllowed, match="khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP"):
        act(case, action, facility, **_steps()[action])
    assert not CaseEvent.objects.filter(case=case, action=action, actor=facility).exists()


@pytest.mark.parametrize("action", CASE_STEPS)
def test_the_case_page_refuses_the_facility_the_press_case_s_own_steps(client, people, action):
    case = given_with_its_statement(people)
    page_url = f"/admin/ho-so/{case.tracking_code}/"
    client.force_login(people["director"])
    assert f"thao-tac/{action}/" not in client.get(page_url).content.decode()
    refused = client.post(
        f"{page_url}thao-tac/{action}/",
        {f"{action}-expected_status": case.status, **_page()[action]},
    )
    body = refused.content.decode()
    assert refused.status_code == 409, body[:2000]
    assert REFUSAL in body and "khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP" in body
    assert not CaseEvent.objects.filter(case=case, action=action, actor=people["director"]).exists()

    # The press office takes it on the same page.
    client.force_login(people["press"])
    assert f"thao-tac/{action}/" in client.get(page_url).content.decode()
    done = client.post(
        f"{page_url}thao-tac/{action}/",
        {f"{action}-expected_status": case.status, **_page()[action]},
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    assert CaseEvent.objects.filter(case=case, action=action, actor=people["press"]).exists()


@pytest.mark.parametrize("action", CASE_STEPS)
def test_the_staff_api_refuses_the_facility_the_press_case_s_own_steps(people, action):
    case = given_with_its_statement(people)
    url = f"/api/v1/cases/{case.tracking_code}"
    director = api_for(people["director"])
    listed = director.get(url).json()
    assert action not in {a["action"] for a in listed["allowed_actions"]}, listed
    refused = director.post(f"{url}/actions/{action}", data=_steps()[action],
                            content_type="application/json")  # fmt: skip
    assert refused.status_code == 409, refused.content
    assert REFUSAL in refused.content.decode()

    done = api_for(people["press_head"]).post(
        f"{url}/actions/{action}", data=_steps()[action], content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert CaseEvent.objects.filter(case=case, action=action, actor=people["press_head"]).exists()


def test_the_facility_proposes_none_of_the_press_case_s_own_steps(people, settings):
    """Were a unit's working rules to send these steps to the head, the facility still could
    not propose them on a press case."""
    settings.PORTAL_APPROVAL_ACTIONS = ["conclude", *CASE_STEPS]
    case = given_with_its_statement(people)
    for action in CASE_STEPS:
        with pytest.raises(TransitionNotAllowed, match=REFUSAL):
            draft_propose(
                case_id=case.pk, action=action, data=_steps()[action], actor=people["handler"],
                origin="test",
            )  # fmt: skip


def test_on_other_kinds_the_facility_keeps_these_steps(people):
    """A phản ánh the facility handles: it still gives it to its handler, splits it and
    records its filing notice itself (the guard is the press case's only)."""
    from tests.complaints.workflow.helpers import case_in

    unit = Facility.objects.get(code="TTYT-DP")
    director = people["director"]
    case = case_in("phan_anh", "received", facility=unit)
    assert {"assign", "split"} <= offered(case, director)
    act(case, "assign", director, facility="TTYT-DP", user="facility_handler")
    act(case, "split", director, parts=[
        {"title": "Thái độ nhân viên", "content": "Nhân viên quát mắng người bệnh."},
    ])  # fmt: skip
    act(case, "file", director, reason="duplicate")
    assert "record_notice" in offered(case, director)
    act(case, "record_notice", director, notice="filing_notice", sent_on=_today().isoformat(),
        sent_via="post", recipients=["reporter"])  # fmt: skip
    assert set(
        CaseEvent.objects.filter(case=case, actor=director).values_list("action", flat=True)
    ) >= {"assign", "split", "file", "record_notice"}


def test_the_refusal_cites_the_article_in_the_reader_s_language(people):
    """Read in English (the staff API asked in English), the article is cited the English
    way, never "khoản 6 Điều 7" (complaints/citations.py)."""
    from django.utils import translation

    from complaints.rules.press_office import press_office_refusal

    case = given_to_the_facility(people)
    with translation.override("en"):
        refusal = press_office_refusal(case=case, user=people["director"], action="assign")
    assert "Article 7(6) of Decree 244/2026/ND-CP" in refusal
    assert "Điều" not in refusal and "khoản" not in refusal
    refusal = press_office_refusal(case=case, user=people["director"], action="assign")
    assert "khoản 6 Điều 7 Nghị định 244/2026/NĐ-CP" in refusal
