"""The decision resolving a complaint, first and second time, as a walk through both rounds
drafted it (findings of 07/12/2026):

- the second decision cites the first by its number and date (Điều 40 Luật Khiếu nại), never
  the portal's case code, and names as the person complained against the head who decided
  ("Giám đốc Bệnh viện …"), not the hospital as a body;
- the finding is said once, though the officer's conclusion opens with it too, and a title
  ending with the words the unit's name starts with says them once ("Giám đốc Bệnh viện"
  and "Bệnh viện Đa khoa …");
- the decision names its form (Mẫu số 15 / 16, marked unconfirmed: the law copies do not
  hold the appendix of NĐ 124/2020), cites the laws and the resolver's competence itself,
  and gives Điều 1 its terms from the conclusion: what is left blank is the officer's alone.
"""

from __future__ import annotations

import datetime

import pytest

from complaints.documents.context import BLANK
from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case
from complaints.rules.documents import form_for, with_unit
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import paper_decision

from .helpers import leader, province

pytestmark = pytest.mark.django_db

HOSPITAL = "Bệnh viện Đa khoa khu vực Đặng Thùy Trâm"
CONCLUSION = "Khiếu nại đúng một phần. Sửa đổi Quyết định 55/QĐ-BV, hoàn trả 1.200.000đ."
FIRST = {"conclusion": CONCLUSION, "public_answer": "Bệnh viện hoàn trả 1.200.000đ."}


def _first_case(hospital):
    hospital.name = HOSPITAL
    hospital.save()
    return case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                   decision_complained="Quyết định số 55/QĐ-BV thu tiền giường dịch vụ",
                   decision_maker="Giám đốc Bệnh viện",
                   decision_date=datetime.date(2026, 8, 20))  # fmt: skip


def _decision(case, boss, **step):
    return document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet",
                          actor=boss, origin="test", step=step)  # fmt: skip


def _second_round():
    _department, hospital = province()
    boss = leader()
    first = _first_case(hospital)
    signed = first.accepted_at.date() + datetime.timedelta(days=3)
    act(first, "conclude", boss,
        **FIRST | paper_decision(symbol="15/QĐ-BV-DTT", on=signed, finding="partly_correct"))
    event = act(first, "escalate", boss, content="Không đồng ý với quyết định lần đầu.")
    second = Case.objects.get(tracking_code=event.data["second_time_case"])
    return first, second, boss, signed.strftime("%d/%m/%Y")


def test_the_second_decision_cites_the_first_by_number_and_date_and_names_its_maker():
    first, second, boss, signed = _second_round()
    body = _decision(second, boss, finding="wrong",
                     conclusion="Khiếu nại sai. Công nhận Quyết định 15/QĐ-BV-DTT.").body
    assert first.tracking_code not in body
    cited = f"Quyết định giải quyết khiếu nại lần đầu số 15/QĐ-BV-DTT ngày {signed}"
    assert f"Nội dung khiếu nại: {cited} của Giám đốc {HOSPITAL}" in body
    respondent = next(line for line in body.splitlines() if line.startswith("Người bị khiếu"))
    assert respondent.startswith(f"Người bị khiếu nại: Giám đốc {HOSPITAL};")
    article_2 = next(line for line in body.splitlines() if line.startswith("Điều 2."))
    # Sai toàn bộ: the complainant carries out the administrative decision complained of
    # (điểm h khoản 2 Điều 40 Luật Khiếu nại), as the first case named it.
    assert "Quyết định số 55/QĐ-BV thu tiền giường dịch vụ" in article_2


def test_the_second_complaint_form_is_prefilled_with_the_decision_not_the_case_code():
    from complaints.services.second_round import second_round_prefill

    first, second, _boss, signed = _second_round()
    prefill = second_round_prefill(first)
    assert first.tracking_code not in prefill["decision_complained"]
    assert signed in prefill["decision_complained"]
    assert prefill["decision_maker"] == f"Giám đốc {HOSPITAL}"
    assert second.decision_maker == f"Giám đốc {HOSPITAL}"


def test_the_finding_is_said_once_in_both_decisions():
    first, second, boss, _signed = _second_round()
    one = _decision(first, boss, finding="partly_correct", conclusion=CONCLUSION).body
    assert one.count("Khiếu nại đúng một phần") == 1
    two = _decision(second, boss, finding="wrong",
                    conclusion="Khiếu nại sai. Công nhận Quyết định 15/QĐ-BV-DTT.").body
    assert "Khiếu nại sai toàn bộ. Công nhận Quyết định 15/QĐ-BV-DTT." in two
    assert "Khiếu nại sai toàn bộ. Khiếu nại sai." not in two
    # The first resolver's result, quoted in the second, says its finding once too.
    assert two.count("Khiếu nại đúng một phần") == 1


def test_a_conclusion_stating_another_finding_is_kept_for_the_officer_to_see():
    _department, hospital = province()
    case = _first_case(hospital)
    body = _decision(case, leader(), finding="partly_correct",
                     conclusion="Khiếu nại đúng. Hoàn trả toàn bộ.").body
    assert "Khiếu nại đúng một phần. Khiếu nại đúng. Hoàn trả toàn bộ." in body


def test_the_head_of_a_hospital_is_named_once_with_its_name():
    _department, hospital = province()
    body = _decision(_first_case(hospital), leader(), finding="partly_correct",
                     conclusion=CONCLUSION).body
    assert "Bệnh viện Bệnh viện" not in body
    assert f"Người bị khiếu nại: Giám đốc {HOSPITAL};" in body
    assert with_unit("Giám đốc Bệnh viện", HOSPITAL) == f"Giám đốc {HOSPITAL}"
    assert with_unit("Trưởng Trạm Y tế", "Trạm Y tế phường Phổ Hòa") == (
        "Trưởng Trạm Y tế phường Phổ Hòa"
    )
    assert with_unit("Giám đốc", HOSPITAL) == f"Giám đốc {HOSPITAL}"
    assert with_unit(f"Giám đốc {HOSPITAL}", HOSPITAL) == f"Giám đốc {HOSPITAL}"


def test_the_decision_names_its_form_as_unconfirmed():
    form = form_for("kn_quyet_dinh_giai_quyet")
    assert "Mẫu số 15" in form.form_ref and "Mẫu số 16" in form.form_ref
    assert "chưa xác nhận" in form.form_ref
    assert "Mẫu số 15" in form.title and "Mẫu số 16" in form.title


@pytest.mark.parametrize("second", [False, True])
def test_the_legal_basis_and_article_1_are_filled_leaving_only_the_officers_part(second):
    first, second_case, boss, signed = _second_round()
    case = second_case if second else first
    body = _decision(case, boss, finding="partly_correct", conclusion=CONCLUSION).body
    assert "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;" in body
    assert "Nghị định số 155/2026/NĐ-CP" in body
    competence = "khoản 2 Điều 20" if second else "khoản 2 Điều 3 Nghị định 124/2020/NĐ-CP"
    basis = next(line for line in body.splitlines() if "thẩm quyền giải quyết khiếu nại" in line
                 and line.startswith("Căn cứ"))
    assert competence in basis
    lines = body.splitlines()
    section = lines[next(i for i, line in enumerate(lines)
                         if "Căn cứ pháp luật để giải quyết khiếu nại" in line) + 1]
    assert "Luật Khiếu nại" in section and not section.startswith("…")
    article_1 = next(line for line in lines if line.startswith("Điều 1."))
    assert "hoàn trả 1.200.000đ" in article_1
    # Its only blank is the resolver's choice of the act (điểm h khoản 2 Điều 31 Luật Khiếu
    # nại; leaderwalk finding 1): the finding wrote the rest.
    assert [m.group() for m in BLANK.finditer(article_1)] == [
        "[chọn: sửa đổi, bổ sung / hủy bỏ]"]
