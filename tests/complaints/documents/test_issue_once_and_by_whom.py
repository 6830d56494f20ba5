"""Who issues a step's document, and how many: one document of each form per step, a second
only as the stated replacement of the first, with its reason (the citizen never gets two
official notices of one act unexplained); the verification's report (Mẫu số 10, Mẫu số
11-KN) issued by the verifier, whose own report it is (khoản 4 Điều 29 Luật Khiếu nại,
khoản 6 Điều 31 Luật Tố cáo), every decision still by a leader; and the page an issue
leads to confirming the issue from the document it shows, not from the session's messages
another tab may have left."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from complaints.documents.models import DocumentStatus
from complaints.documents.services import DocumentError, document_draft, document_issue
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent
from complaints.services.workflow import case_transition
from tests.complaints.workflow.helpers import case_in

from .helpers import director, handler, leader, province, step_taken

pytestmark = pytest.mark.django_db

NOTICE = "kn_thong_bao_thu_ly"


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


REPORT = {"verification_result": "Thu cao hơn bảng giá 20.000 đồng.",
          "proposed_finding": "partly_correct", "recommendation": "Hoàn trả tiền thu thừa."}


@pytest.fixture
def units():
    return province()


def _accepted(hospital):
    return step_taken(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")


def _page(client, document, query=""):
    url = reverse("complaints_admin:document", args=[document.case.tracking_code, document.pk])
    return url, client.get(url + query).content.decode()


# ---- one document of each form per step ---------------------------------------------------


def test_a_second_notice_of_the_same_step_is_issued_only_as_a_stated_replacement(units):
    _department, hospital = units
    boss = director(hospital, username="giamdoc2")
    case = _accepted(hospital)
    first = document_issue(
        document_id=document_draft(case_id=case.pk, template_code=NOTICE, actor=boss,
                                   origin="test").pk,
        actor=boss, origin="test",
        signed_confirmed=True,
    )
    assert first.symbol == "01/TB-BVDK-DUC-PHO"
    second = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=second.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "01/TB-BVDK-DUC-PHO" in refused.value.message
    assert "Thay thế văn bản số 01/TB-BVDK-DUC-PHO đã ban hành" in refused.value.message
    with pytest.raises(DocumentError) as no_reason:
        document_issue(document_id=second.pk, actor=boss, origin="test", replaces=first.pk,
                       signed_confirmed=True)
    assert "lý do" in no_reason.value.message
    second.refresh_from_db()
    assert second.status == DocumentStatus.DRAFT and second.number is None

    issued = document_issue(document_id=second.pk, actor=boss, origin="test",
                            replaces=first.pk, replacement_reason="Sai ngày nhận đơn.",
                            signed_confirmed=True)
    assert issued.symbol == "02/TB-BVDK-DUC-PHO"
    event = CaseEvent.objects.get(case=case, action="document_issued", data__document_id=issued.pk)
    assert event.data["replaces"] == "01/TB-BVDK-DUC-PHO"
    assert event.data["replaces_document_id"] == first.pk
    assert event.data["replacement_reason"] == "Sai ngày nhận đơn."
    # A third must replace the latest, not the first again.
    third = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    with pytest.raises(DocumentError) as stale:
        document_issue(document_id=third.pk, actor=boss, origin="test", replaces=first.pk,
                       replacement_reason="x", signed_confirmed=True)
    assert "02/TB-BVDK-DUC-PHO" in stale.value.message


def test_a_step_taken_again_has_its_own_document(units):
    _department, hospital = units
    boss = director(hospital, username="giamdoc2")
    case = _accepted(hospital)
    document_issue(document_id=document_draft(case_id=case.pk, template_code=NOTICE, actor=boss,
                                              origin="test").pk, actor=boss, origin="test",
                                              signed_confirmed=True)
    step_taken(case, "accept")  # the step recorded again (a new event)
    again = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    assert document_issue(document_id=again.pk, actor=boss, origin="test",
                          signed_confirmed=True).symbol == (
        "02/TB-BVDK-DUC-PHO"
    )


def test_the_reason_for_replacing_a_denunciations_document_names_no_denouncer(units):
    """The reason is shown on both documents' pages: on a tố cáo it may not hold the
    denouncer's identity (khoản 3 Điều 8, Điều 47 Luật Tố cáo)."""
    _department, hospital = units
    boss = leader()
    case = step_taken(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital),
                      "accept")
    code = "tc_thong_bao_thu_ly_nguoi_bi_to_cao"
    first = document_issue(
        document_id=document_draft(case_id=case.pk, template_code=code, actor=boss,
                                   origin="test").pk,
        actor=boss, origin="test",
        signed_confirmed=True,
    )
    second = document_draft(case_id=case.pk, template_code=code, actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=second.pk, actor=boss, origin="test", replaces=first.pk,
                       replacement_reason="Bà Nguyễn Thị Dân đề nghị gửi lại.",
                       signed_confirmed=True)
    assert "Điều 47 Luật Tố cáo" in refused.value.message
    second.refresh_from_db()
    assert second.status == DocumentStatus.DRAFT


def test_the_draft_page_names_the_earlier_document_and_asks_for_the_replacement(client, units):
    _department, hospital = units
    boss = director(hospital, username="giamdoc2")
    case = _accepted(hospital)
    first = document_issue(
        document_id=document_draft(case_id=case.pk, template_code=NOTICE, actor=boss,
                                   origin="test").pk,
        actor=boss, origin="test",
        signed_confirmed=True,
    )
    second = document_draft(case_id=case.pk, template_code=NOTICE, actor=boss, origin="test")
    client.force_login(boss)
    url, page = _page(client, second)
    assert "đã có văn bản số 01/TB-BVDK-DUC-PHO ban hành ngày" in page
    assert "Thay thế văn bản số 01/TB-BVDK-DUC-PHO đã ban hành" in page
    assert f'name="replaces" value="{first.pk}"' in page

    refused = client.post(url, {"operation": "issue",
                                "signed_confirmed": "on", "version": second.version})
    assert refused.status_code == 409
    assert "đã có văn bản số 01/TB-BVDK-DUC-PHO" in refused.content.decode()
    issued = client.post(url, {"operation": "issue",
                               "signed_confirmed": "on", "version": second.version,
                               "replaces": str(first.pk),
                               "replacement_reason": "Sai ngày nhận đơn."})
    assert issued.status_code == 302 and issued.url.endswith("?issued=1")
    second.refresh_from_db()
    assert second.symbol == "02/TB-BVDK-DUC-PHO"
    shown = client.get(issued.url).content.decode()
    assert "Đã ban hành văn bản số 02/TB-BVDK-DUC-PHO." in shown
    assert "Văn bản này thay thế văn bản số 01/TB-BVDK-DUC-PHO." in shown
    _url, earlier_page = _page(client, first)
    assert "Được thay thế bởi văn bản" in earlier_page and "02/TB-BVDK-DUC-PHO" in earlier_page
    assert "Sai ngày nhận đơn." in earlier_page


# ---- the verifier issues the report, a leader the decisions --------------------------------


def _verifying(hospital, verifier):
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   assigned_user=verifier, resolve_by=_resolve_by(), verification_days=20,
                   verification_until=_resolve_by() - datetime.timedelta(days=5),
                   decision_complained="Quyết định thu viện phí số 12/QĐ-BV")


def test_the_verifier_issues_the_report_with_the_step(client, units):
    _department, hospital = units
    verifier = handler(hospital, username="xacminh")
    case = _verifying(hospital, verifier)
    report = document_draft(case_id=case.pk, template_code="kn_bao_cao_ket_qua_xac_minh",
                            actor=verifier, origin="test", step=REPORT)
    client.force_login(verifier)
    url, page = _page(client, report)
    assert "Thực hiện bước “Báo cáo kết quả xác minh” và ban hành" in page
    assert "Phê duyệt bước" not in page
    version = re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": version})
    assert issued.status_code == 302 and issued.url.endswith("?issued=buoc")
    report.refresh_from_db()
    assert report.status == DocumentStatus.ISSUED and report.symbol == "01/BC-BVDK-DUC-PHO"
    assert report.issued_by == verifier
    assert CaseEvent.objects.filter(case=case, action="report_verification").exists()
    shown = client.get(issued.url).content.decode()
    assert (
        "Đã thực hiện bước “Báo cáo kết quả xác minh” và ban hành văn bản số "
        "01/BC-BVDK-DUC-PHO." in shown
    )


def test_the_verifier_issues_no_decision_and_no_one_elses_report(client, units):
    _department, hospital = units
    verifier = handler(hospital, username="xacminh")
    colleague = handler(hospital, username="canbo2")
    case = _verifying(hospital, verifier)
    # The report of a case someone else verifies: not the colleague's to issue.
    case_transition(case_id=case.pk, action="report_verification", actor=verifier,
                    data=REPORT, origin="test")
    report = document_draft(case_id=case.pk, template_code="kn_bao_cao_ket_qua_xac_minh",
                            actor=verifier, origin="test")
    with pytest.raises(PermissionDenied):
        document_issue(document_id=report.pk, actor=colleague, origin="test", signed_confirmed=True)
    client.force_login(colleague)
    _url, page = _page(client, report)
    assert "Ban hành văn bản" not in page
    # A decision of the case: a leader's, never the verifier's (approve_case).
    accepted = step_taken(_verifying(hospital, verifier), "accept")
    notice = document_draft(case_id=accepted.pk, template_code=NOTICE, actor=verifier,
                            origin="test")
    with pytest.raises(PermissionDenied):
        document_issue(document_id=notice.pk, actor=verifier, origin="test", signed_confirmed=True)
    client.force_login(verifier)
    url, page = _page(client, notice)
    assert "Ban hành văn bản" not in page and "Phê duyệt bước" not in page
    refused = client.post(url, {"operation": "issue",
                                "signed_confirmed": "on", "version": notice.version})
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail: denied
    notice.refresh_from_db()
    assert notice.status == DocumentStatus.DRAFT
    # The verifier's own report, issued on its own after the step.
    assert document_issue(document_id=report.pk, actor=verifier, origin="test",
                          signed_confirmed=True).symbol == (
        "01/BC-BVDK-DUC-PHO"
    )


# ---- the page confirms its own document ---------------------------------------------------


def test_each_issued_page_confirms_its_own_number_whatever_another_tab_issued(client, units):
    _department, hospital = units
    boss = director(hospital, username="giamdoc2")
    drafts = [
        document_draft(case_id=_accepted(hospital).pk, template_code=NOTICE, actor=boss,
                       origin="test")
        for _ in range(2)
    ]
    client.force_login(boss)
    # Two tabs of one session: both issue before either page is shown.
    redirects = []
    for draft in drafts:
        url, _page_text = _page(client, draft)
        redirects.append(client.post(url, {"operation": "issue",
                                           "signed_confirmed": "on", "version": draft.version}))
    for draft in drafts:
        draft.refresh_from_db()
    first, second = drafts
    assert (first.symbol, second.symbol) == ("01/TB-BVDK-DUC-PHO", "02/TB-BVDK-DUC-PHO")
    shown = client.get(redirects[0].url).content.decode()
    assert "Đã ban hành văn bản số 01/TB-BVDK-DUC-PHO." in shown
    assert "02/TB-BVDK-DUC-PHO" not in shown
    shown = client.get(redirects[1].url).content.decode()
    assert "Đã ban hành văn bản số 02/TB-BVDK-DUC-PHO." in shown
    assert "01/TB-BVDK-DUC-PHO" not in shown
    # Without the issue's redirect, no confirmation (the page still gives the number).
    _url, plain = _page(client, first)
    assert "Đã ban hành văn bản số" not in plain and "01/TB-BVDK-DUC-PHO" in plain
