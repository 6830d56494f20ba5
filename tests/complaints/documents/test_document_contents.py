"""What the decisive documents say (inspector's report defects 3 and 5, its polish list; the
complaint report's defect 5): the denunciation's conclusion follows khoản 2 Điều 35 Luật Tố
cáo (the verification report's result, the legal basis, the conclusion and responsibilities,
the handling), never the public answer as its conclusion; a complaint decision follows Điều
31 / Điều 40 Luật Khiếu nại (the parties, the first resolution, the operative order); the
extension of a verification cites the decision it extends and its team; the acceptance
notices state the period the step set; a letter says "Ông/Bà"; an issued document carries no
form instruction under its signature."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from complaints.documents import rendering
from complaints.documents.context import BLANK
from complaints.documents.services import (
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.rules.documents import addressed_as, decision_cited, head_of, with_unit
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read, resolve_row, step_taken

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _resolve_by():
    return _today() + datetime.timedelta(days=40)


TEAM = "Nguyễn Văn An, Phó Chánh Thanh tra Sở\nTrần Thị Bình, Thanh tra viên"
RESULT = "Giám đốc ký chỉ định thầu gói vật tư 2 tỷ đồng không qua đấu thầu."
RECOMMENDATION = "Kiểm điểm trách nhiệm Giám đốc; hủy kết quả chỉ định thầu."
EXPLANATION = "Giám đốc cho rằng gói thầu cấp bách."
CONCLUSION = "Việc chỉ định thầu trái khoản 1 Điều 23 Luật Đấu thầu."
PUBLIC_ANSWER = "Sở Y tế đã kết luận nội dung tố cáo; tố cáo đúng một phần."
FILLED = "(nội dung người giải quyết viết)"


@pytest.fixture
def hospital():
    hospital = province()[1]
    hospital.address = "01 Nguyễn Nghiêm, Đức Phổ"
    hospital.save()
    return hospital


def _verifier(hospital):
    return UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                       facility=hospital)


def _reported_denunciation(hospital, boss):
    """A denunciation verified and reported on, the report issued as 01/BC-…."""
    case = resolve_row(case_in(
        CaseKind.TO_CAO, CaseStatus.VERIFYING, facility=hospital, resolve_by=_resolve_by(),
        assigned_user=_verifier(hospital), accused_name="Lê Văn Bình", accused_position="Giám đốc",
    ))
    act(case, "report_verification", boss, verification_result=RESULT,
        proposed_finding="partly_correct", recommendation=RECOMMENDATION,
        respondent_explanation=EXPLANATION)
    report = document_draft(case_id=case.pk, template_code="tc_bao_cao_ket_qua_xac_minh",
                            actor=boss, origin="test")
    return case, document_issue(document_id=report.pk, actor=boss, origin="test",
                                signed_confirmed=True)


def _conclude(**extra):
    return {"conclusion": CONCLUSION, "public_answer": PUBLIC_ANSWER,
            "finding": "partly_correct", **extra}


def test_the_denunciation_conclusion_follows_article_35_from_the_report(hospital):
    boss = leader()
    case, report = _reported_denunciation(hospital, boss)
    draft = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                           origin="test", step=_conclude())
    body = draft.body
    accused = "Lê Văn Bình, Giám đốc Bệnh viện đa khoa khu vực Đức Phổ"
    assert f"thụ lý giải quyết tố cáo đối với {accused} (hồ sơ" in body
    assert f"tại Báo cáo kết quả xác minh số {report.symbol} ngày {_today():%d/%m/%Y}" in body
    assert f"2. Nội dung giải trình của người bị tố cáo: {EXPLANATION}" in body
    assert f"3. Kết quả xác minh nội dung tố cáo: {RESULT}" in body  # the report's, điểm a
    assert ("4. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật: …"
            in body)  # điểm b: the resolver's
    # điểm c: the finding and the step's "Kết luận", never the public answer
    assert f"5. Kết luận về nội dung tố cáo: Tố cáo đúng một phần. {CONCLUSION}" in body
    assert "Trách nhiệm của từng cơ quan, tổ chức, cá nhân liên quan đến nội dung tố cáo: …" in (
        body)
    assert body.count(RECOMMENDATION) == 1 and "6. Các biện pháp xử lý" in body  # điểm d, đ
    assert PUBLIC_ANSWER not in body and "Kết quả xác minh: " + CONCLUSION not in body
    assert "- Ông/Bà Lê Văn Bình, Giám đốc Bệnh viện đa khoa khu vực Đức Phổ;" in (
        draft.recipients)


def test_a_conclusion_whose_resolver_parts_are_blank_is_not_issued(hospital):
    boss = leader()
    case, _report = _reported_denunciation(hospital, boss)
    draft = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                           origin="test", step=_conclude())
    with pytest.raises(TransitionNotAllowed) as refused:
        case_transition(case_id=case.pk, action="conclude", actor=boss, data=_conclude(),
                        origin="test", document_id=draft.pk, signed_confirmed=True)
    message = str(refused.value)
    assert "Căn cứ pháp luật để xác định" in message or "vi phạm pháp luật: …" in message
    assert "Điều 35 Luật Tố cáo" in message
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING  # the step was not taken either
    # The resolver writes them; the conclusion is issued with its step, without the form's
    # instruction under the signature.
    document_update(document_id=draft.pk, actor=boss, origin="test",
                    body=BLANK.sub(FILLED, draft.body), trich_yeu=draft.trich_yeu,
                    signer_title=draft.signer_title)
    case_transition(case_id=case.pk, action="conclude", actor=boss, data=_conclude(),
                    origin="test", document_id=draft.pk, signed_confirmed=True)
    draft.refresh_from_db()
    text = pdf_text(read(draft.pdf.file))
    assert draft.is_issued and RESULT in text and PUBLIC_ANSWER not in text
    assert "đóng dấu" not in text and "(Ký, ghi rõ họ tên" not in text


def _second_complaint(hospital, **extra):
    return resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital, resolve_by=_resolve_by(),
        second_time=True, first_decision_ref="01/QĐ-BV-DTT ngày 07/12/2026",
        decision_complained="Quyết định thu viện phí số 12/QĐ-BV", decision_maker="Giám đốc",
        **extra,
    ))


def test_the_second_complaint_decision_orders_on_the_first_decision(hospital):
    boss = leader()
    case = _second_complaint(hospital)
    act(case, "report_verification", boss, verification_result=RESULT,
        proposed_finding="wrong", recommendation="Giữ nguyên quyết định lần đầu.")
    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                           actor=boss, origin="test",
                           step=_conclude(finding="wrong", public_answer="Trả lời công khai."))
    body = draft.body
    assert "khiếu nại lần hai đối với Quyết định số 01/QĐ-BV-DTT ngày 07/12/2026;" in body
    assert ("Người bị khiếu nại: Giám đốc Bệnh viện đa khoa khu vực Đức Phổ; địa chỉ: "
            "01 Nguyễn Nghiêm, Đức Phổ.") in body  # điểm b
    assert ("II. Kết quả giải quyết khiếu nại của người giải quyết khiếu nại lần đầu\n"
            "Quyết định số 01/QĐ-BV-DTT ngày 07/12/2026: …") in body  # điểm d, not in the portal
    assert "III. Kết quả xác minh nội dung khiếu nại\nTheo Báo cáo kết quả xác minh ngày" in body
    assert RESULT in body
    # điểm g: the laws and the competence cited, the law on the content the resolver's
    assert ("V. Căn cứ pháp luật để giải quyết khiếu nại\nLuật Khiếu nại năm 2011; Nghị định "
            "số 124/2020/NĐ-CP") in body
    assert "khoản 2 Điều 20 Luật Khiếu nại" in body
    assert "quy định pháp luật về nội dung khiếu nại: …" in body
    assert f"VI. Kết luận nội dung khiếu nại\nKhiếu nại sai toàn bộ. {CONCLUSION}" in body
    assert "Điều 1. Giữ nguyên Quyết định số 01/QĐ-BV-DTT ngày 07/12/2026." in body  # điểm h
    assert ("Điều 2. Yêu cầu Nguyễn Thị Dân và người có quyền, nghĩa vụ liên quan thực hiện "
            "nghiêm chỉnh Quyết định thu viện phí số 12/QĐ-BV.") in body
    assert "Điều 3. Việc bồi thường cho người bị thiệt hại (nếu có): …" in body  # điểm i
    assert "quyền khởi kiện vụ án hành chính" in body  # điểm k
    assert "Trả lời công khai." not in body
    assert "- Như Điều 5;" in draft.recipients


def test_a_complaint_found_right_orders_the_first_decision_amended(hospital):
    boss = leader()
    first = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED, facility=hospital,
                    finding="wrong", conclusion="Thu đúng bảng giá đã duyệt.")
    case = _second_complaint(hospital, parent_case=first)
    body = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                          actor=boss, origin="test", step=_conclude(finding="correct")).body
    assert ("Quyết định số 01/QĐ-BV-DTT ngày 07/12/2026 kết luận: Khiếu nại sai toàn bộ. "
            "Thu đúng bảng giá đã duyệt.") in body  # the first resolution, from its case
    # The act is the resolver's choice, a blank the issue names (leaderwalk finding 1).
    assert ("Điều 1. [chọn: sửa đổi, bổ sung / hủy bỏ] Quyết định số 01/QĐ-BV-DTT ngày "
            f"07/12/2026 như sau: {CONCLUSION}") in body  # its terms from the conclusion
    # The decision the first case was about (điểm h khoản 2 Điều 40 Luật Khiếu nại).
    assert ("Điều 2. Yêu cầu Giám đốc Bệnh viện đa khoa khu vực Đức Phổ sửa đổi, hủy bỏ một "
            "phần hay toàn bộ Quyết định thu viện phí, chấm dứt") in body
    assert "III. Kết quả xác minh nội dung khiếu nại\n…" in body  # no report recorded


def test_the_first_complaint_decision_keeps_or_amends_the_decision_complained(hospital):
    boss = leader()
    case = resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital, resolve_by=_resolve_by(),
        decision_complained="Quyết định thu viện phí số 12/QĐ-BV", decision_maker="Giám đốc",
    ))
    body = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                          actor=boss, origin="test", step=_conclude(finding="wrong")).body
    assert "Điều 1. Giữ nguyên Quyết định thu viện phí số 12/QĐ-BV." in body  # điểm h
    assert "II. Kết quả xác minh nội dung khiếu nại" in body
    assert ("IV. Căn cứ pháp luật để giải quyết khiếu nại\nLuật Khiếu nại năm 2011;") in body
    assert "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP" in body  # the resolver's competence
    assert "Điều 2. Việc bồi thường thiệt hại cho người bị thiệt hại (nếu có): …" in body
    assert "khiếu nại lần hai" not in body.split("QUYẾT ĐỊNH:")[0]


def test_the_extension_cites_the_verification_decision_and_its_team(hospital):
    boss = leader()
    case = resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital, resolve_by=_resolve_by(),
        assigned_user=_verifier(hospital),
        decision_complained="Quyết định thu viện phí số 12/QĐ-BV",
    ))
    act(case, "start_verification", boss, verification_days=5, verification_team=TEAM)
    case.refresh_from_db()
    # Before the verification decision is issued in the portal: the officer writes its number.
    unissued = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_gia_han_xac_minh",
                              actor=boss, origin="test",
                              step={"verification_extra_days": 3, "reason": "Chờ giám định"})
    assert "Căn cứ Quyết định số … ngày … của" in unissued.body
    decision = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                              actor=boss, origin="test")
    decision = document_issue(document_id=decision.pk, actor=boss, origin="test",
                              signed_confirmed=True)
    cited = f"Quyết định số {decision.symbol} ngày {_today():%d/%m/%Y}"
    body = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_gia_han_xac_minh",
                          actor=boss, origin="test",
                          step={"verification_extra_days": 3, "reason": "Chờ giám định"}).body
    assert f"Căn cứ {cited} của Bệnh viện đa khoa khu vực Đức Phổ về việc giao nhiệm vụ" in body
    assert "được giao cho Tổ xác minh do Nguyễn Văn An làm Tổ trưởng" in body
    assert f"đã giao tại {cited}." in body
    assert (f"Điều 2. Tổ xác minh đã thành lập tại {cited}, gồm:\n"
            "1. Nguyễn Văn An, Phó Chánh Thanh tra Sở – Tổ trưởng;\n"
            "2. Trần Thị Bình, Thanh tra viên – thành viên.\nTổ xác minh tiếp tục") in body
    assert "Các thành viên Tổ xác minh có tên tại Điều 2" in body


def test_the_acceptance_notices_state_the_period_the_step_set(hospital):
    boss = leader()
    complaint = step_taken(resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital, resolve_by=_resolve_by(),
    )), "accept")
    notice = document_draft(case_id=complaint.pk, template_code="kn_thong_bao_thu_ly",
                            actor=boss, origin="test")
    assert "«" not in notice.body
    assert f"Thời hạn giải quyết khiếu nại đến hết ngày {_resolve_by():%d/%m/%Y} (" in notice.body
    received = timezone.localtime(complaint.received_at).date()
    assert f"Ngày {received:%d/%m/%Y}, Bệnh viện đa khoa khu vực Đức Phổ đã nhận được đơn" in (
        notice.body)
    assert notice.addressee == "Ông/Bà Nguyễn Thị Dân"
    denunciation = step_taken(resolve_row(case_in(
        CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital, resolve_by=_resolve_by(),
        accused_name="Trần Văn Hùng", accused_position="Bác sĩ Khoa Ngoại",
    )), "accept")
    to_accused = document_draft(case_id=denunciation.pk, actor=boss, origin="test",
                                template_code="tc_thong_bao_thu_ly_nguoi_bi_to_cao")
    assert "«" not in to_accused.body
    assert f"đến hết ngày {_resolve_by():%d/%m/%Y} (" in to_accused.body
    assert to_accused.addressee == (
        "Ông/Bà Trần Văn Hùng, Bác sĩ Khoa Ngoại Bệnh viện đa khoa khu vực Đức Phổ")


def test_a_notice_drafted_before_its_step_keeps_the_marks_the_issue_fills(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    notice = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                            origin="test")
    assert "«Hạn giải quyết»" in notice.body  # the acceptance sets it


def test_the_report_is_addressed_to_the_head_and_signed_without_a_seal(hospital):
    boss = leader()
    case, report = _reported_denunciation(hospital, boss)
    assert report.addressee == "Giám đốc Bệnh viện đa khoa khu vực Đức Phổ"
    assert "kính trình Giám đốc Bệnh viện đa khoa khu vực Đức Phổ xem xét" in report.body
    assert "Thủ trưởng" not in report.body
    issued = pdf_text(read(report.pdf.file))
    assert "(Ký, ghi rõ họ tên" not in issued
    draft = document_draft(case_id=case.pk, template_code="tc_bao_cao_ket_qua_xac_minh",
                           actor=boss, origin="test")
    parts = rendering.parts_for(draft)
    assert parts.signature_hint == "(Ký, ghi rõ họ tên)"  # a team has no seal
    conclusion = document_draft(case_id=case.pk, template_code="tc_ket_luan", actor=boss,
                                origin="test", step=_conclude())
    assert rendering.parts_for(conclusion).signature_hint == "(Ký, ghi rõ họ tên, đóng dấu)"


def test_forms_of_address_and_citations():
    assert addressed_as("Trần Thị Hoa") == "Ông/Bà Trần Thị Hoa"
    assert addressed_as("Bà Trần Thị Hoa") == "Bà Trần Thị Hoa"  # the title given
    assert addressed_as("Công ty TNHH An Bình") == "Công ty TNHH An Bình"
    assert addressed_as("Bàn Văn Sìn") == "Ông/Bà Bàn Văn Sìn"  # a surname, not a body
    assert addressed_as("") == ""
    assert with_unit("Giám đốc", "Bệnh viện A") == "Giám đốc Bệnh viện A"
    assert with_unit("Giám đốc Bệnh viện A", "Bệnh viện A") == "Giám đốc Bệnh viện A"
    assert with_unit("", "Bệnh viện A") == "Bệnh viện A"
    assert decision_cited("01/QĐ-BV-DTT") == "Quyết định số 01/QĐ-BV-DTT"
    assert decision_cited("QĐ số 01/QĐ-BV") == "Quyết định số 01/QĐ-BV"
    assert decision_cited("Quyết định giải quyết hồ sơ YT-2026-000004") == (
        "Quyết định giải quyết hồ sơ YT-2026-000004")
    assert head_of("department", "Sở Y tế tỉnh Quảng Ngãi") == "Giám đốc Sở Y tế tỉnh Quảng Ngãi"
    assert head_of("inspectorate", "Thanh tra Sở Y tế") == "Chánh Thanh tra Sở Y tế"
    assert head_of("commune_station", "Trạm Y tế phường Phổ Hòa") == (
        "Trưởng Trạm Y tế phường Phổ Hòa")


def test_an_issued_document_prints_no_signature_instruction(hospital):
    boss = leader()
    case = step_taken(resolve_row(case_in(
        CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital, resolve_by=_resolve_by(),
    )), "accept")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")
    assert "(Ký, ghi rõ họ tên, đóng dấu)" in rendering.document_html(rendering.parts_for(draft))
    issued = document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "đóng dấu" not in pdf_text(read(issued.pdf.file))
    assert "Kính gửi: Ông/Bà Nguyễn Thị Dân" in pdf_text(read(issued.pdf.file))

