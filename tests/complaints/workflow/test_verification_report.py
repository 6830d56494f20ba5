"""The report on the verification's result (báo cáo kết quả xác minh: khoản 4 Điều 29 Luật
Khiếu nại, Điều 18 Thông tư 07/2013/TT-TTCP; khoản 6 Điều 31 Luật Tố cáo, Điều 16 Nghị định
31/2019/NĐ-CP): the verifier records the result, a proposed finding in the words of the
decision's and the recommendation while the case is being verified; internal; the timeline,
the conclusion's form and the report's document read it (complaints/rules/
verification_report.py)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.admin.forms import TransitionForm
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from complaints.selectors.history import case_timeline
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed
from complaints.transitions import allowed_actions, transition_for
from tests.complaints.admin.helpers import leader_user
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


REPORT = {
    "verification_result": "Bệnh viện thu tiền khám cao hơn bảng giá 20.000 đồng.",
    "proposed_finding": "partly_correct",
    "recommendation": "Sửa đổi quyết định thu tiền, hoàn trả phần thu thừa.",
}


def _verifying(kind, **extra):
    return case_in(kind, CaseStatus.VERIFYING, resolve_by=_resolve_by(), **extra)


def _officer(case):
    return UserFactory(username="canbo", last_name="Trần Thị", first_name="Xác Minh",
                       perms=["complaints.view_case", "complaints.act_on_case"],
                       facility=case.assigned_unit)


def test_the_verifier_reports_the_result_kept_in_the_event_and_the_timeline():
    case = _verifying(CaseKind.KHIEU_NAI, verification_team="Nguyễn Văn An, Thanh tra viên\n"
                                                             "Trần Thị Bình, Chuyên viên")
    officer = _officer(case)
    assert "report_verification" in {t.action for t in allowed_actions(case=case, user=officer)}
    event = act(case, "report_verification", officer, dissent="Bà Bình đề nghị hủy toàn bộ.",
                respondent_explanation="Bệnh viện giải trình do áp giá cũ.", **REPORT)
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING  # the case stays being verified
    assert not event.is_public
    assert event.data["verification_result"] == REPORT["verification_result"]
    assert event.data["proposed_finding"] == "partly_correct"
    assert event.data["report_article"] == (
        "khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông tư 07/2013/TT-TTCP")
    assert event.data["dissent_article"] == "khoản 1 Điều 18 Thông tư 07/2013/TT-TTCP"
    assert event.data["verification_team"].startswith("Nguyễn Văn An")
    entry = next(e for e in case_timeline(case=case, user=officer)
                 if e.action == "report_verification")
    assert entry.detail.startswith(
        "Đề xuất: Khiếu nại đúng một phần (khoản 4 Điều 29 Luật Khiếu nại; Điều 18 Thông tư "
        "07/2013/TT-TTCP).")
    assert "Kiến nghị: Sửa đổi quyết định thu tiền" in entry.detail
    assert "Ý kiến khác của thành viên Tổ xác minh: Bà Bình đề nghị hủy toàn bộ." in entry.detail


def test_a_report_lacks_nothing_the_law_asks_and_its_finding_is_the_decisions():
    case = _verifying(CaseKind.TO_CAO, accused_name="Phạm Văn Bị")
    officer = _officer(case)
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "report_verification", officer, verification_result="Có thu tiền.",
            proposed_finding="untrue")
    assert set(invalid.value.errors) == {"proposed_finding", "recommendation"}
    assert "wrong (Tố cáo sai sự thật)" in invalid.value.errors["proposed_finding"][0]
    assert not CaseEvent.objects.filter(case=case, action="report_verification").exists()
    event = act(case, "report_verification", officer, **{**REPORT, "proposed_finding": "wrong"})
    assert event.data["report_article"] == (
        "khoản 6 Điều 31 Luật Tố cáo; Điều 16 Nghị định 31/2019/NĐ-CP")


def test_a_denouncers_name_never_goes_into_the_report():
    # Khoản 3 Điều 8, Điều 47 Luật Tố cáo: the report is read by the unit and the accused's
    # managers; the denouncer's identity stays out of every text staff write.
    case = _verifying(CaseKind.TO_CAO, accused_name="Phạm Văn Bị")
    name = case.reporter.name
    with pytest.raises(TransitionInvalid) as invalid:
        act(case, "report_verification", _officer(case),
            **{**REPORT, "verification_result": f"Làm việc với {name}, người tố cáo."})
    assert "Điều 47 Luật Tố cáo" in invalid.value.errors["verification_result"][0]
    assert not CaseEvent.objects.filter(case=case, action="report_verification").exists()


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.CONCLUDED])
def test_only_a_case_being_verified_is_reported_on(status):
    case = case_in(CaseKind.KHIEU_NAI, status, resolve_by=_resolve_by())
    with pytest.raises(TransitionNotAllowed):
        act(case, "report_verification", _officer(case), **REPORT)


@pytest.mark.parametrize("kind", [CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI])
def test_other_kinds_have_no_such_report(kind):
    case = _verifying(kind)
    assert transition_for(case=case, action="report_verification") is None


def test_the_form_speaks_the_cases_law():
    complaint = _verifying(CaseKind.KHIEU_NAI)
    form = TransitionForm(transition=transition_for(case=complaint, action="report_verification"),
                          case=complaint)
    assert [label for _code, label in form.fields["proposed_finding"].choices][1:] == [
        "Khiếu nại đúng", "Khiếu nại đúng một phần", "Khiếu nại sai toàn bộ"]
    assert str(form.fields["recommendation"].label) == "Kiến nghị nội dung giải quyết khiếu nại"
    assert "giữ nguyên, hủy bỏ toàn bộ hoặc sửa đổi" in str(form.fields["recommendation"].help_text)
    assert "bảo lưu" in str(form.fields["dissent"].help_text)
    denunciation = _verifying(CaseKind.TO_CAO)
    form = TransitionForm(
        transition=transition_for(case=denunciation, action="report_verification"),
        case=denunciation)
    assert "Tố cáo sai sự thật" in dict(form.fields["proposed_finding"].choices).values()
    assert str(form.fields["recommendation"].label) == "Kiến nghị biện pháp xử lý"
    assert str(form.fields["respondent_explanation"].label) == (
        "Nội dung giải trình của người bị tố cáo (nếu có)")
    assert "khoản 1 Điều 16 Nghị định 31/2019/NĐ-CP" in str(form.fields["dissent"].help_text)


def test_the_conclusion_form_shows_the_latest_proposal(client):
    case = _verifying(CaseKind.KHIEU_NAI)
    officer = _officer(case)
    conclude = transition_for(case=case, action="conclude")
    assert "Báo cáo kết quả xác minh" not in str(
        TransitionForm(transition=conclude, case=case).fields["finding"].help_text)
    act(case, "report_verification", officer, **{**REPORT, "proposed_finding": "correct"})
    act(case, "report_verification", officer, **REPORT)  # a corrected report
    help_text = str(TransitionForm(transition=conclude, case=Case.objects.get(pk=case.pk))
                    .fields["finding"].help_text)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Báo cáo kết quả xác minh ngày {today} đề xuất: Khiếu nại đúng một phần." in help_text
    # On the case page, the step and the proposal are where the officer and leader act.
    client.force_login(leader_user(facility=case.assigned_unit))
    html = client.get(reverse("complaints_admin:detail", args=[case.tracking_code])).content
    page = html.decode()
    assert "Báo cáo kết quả xác minh" in page
    assert "đề xuất: Khiếu nại đúng một phần." in page


def test_the_case_page_says_where_the_verification_stands(client):
    today = timezone.localdate()
    case = _verifying(CaseKind.KHIEU_NAI, verification_days=10,
                      verification_until=today - datetime.timedelta(days=2))
    client.force_login(leader_user(facility=case.assigned_unit))
    url = reverse("complaints_admin:detail", args=[case.tracking_code])
    page = client.get(url).content.decode()
    assert "Quá hạn xác minh 2 ngày, chưa có báo cáo kết quả xác minh" in page
    act(case, "report_verification", _officer(case), **REPORT)
    page = client.get(url).content.decode()
    assert "Quá hạn xác minh" not in page
    assert f"đã báo cáo kết quả xác minh ngày {today.strftime('%d/%m/%Y')}" in page
    other = _verifying(CaseKind.TO_CAO, verification_days=10,
                       verification_until=today + datetime.timedelta(days=6))
    page = client.get(reverse("complaints_admin:detail", args=[other.tracking_code])).content
    assert "Còn 6 ngày xác minh" in page.decode()
