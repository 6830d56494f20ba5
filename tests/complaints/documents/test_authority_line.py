"""A decision drafted at a commune station opens with "TRƯỞNG TRẠM Y TẾ PHƯỜNG …", not
"TRƯỞNG TRẠM TRẠM Y TẾ …" (complaints.rules.documents.authority_line)."""

from __future__ import annotations

import pytest

from complaints.documents.services import document_draft
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory

from .helpers import leader, province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "name", "template", "case_kind", "opening"),
    [
        (FacilityKind.COMMUNE_STATION, "Trạm Y tế phường Phổ Hòa", "tc_quyet_dinh_gia_han",
         CaseKind.TO_CAO, "TRƯỞNG TRẠM Y TẾ PHƯỜNG PHỔ HÒA"),
        (FacilityKind.INSPECTORATE, "Thanh tra Sở Y tế", "kn_quyet_dinh_giai_quyet",
         CaseKind.KHIEU_NAI, "CHÁNH THANH TRA SỞ Y TẾ"),
    ],
)
def test_a_decision_names_its_authority_once(kind, name, template, case_kind, opening):
    department, _hospital = province()
    unit = FacilityFactory(code="DV-TEST", name=name, kind=kind, area="Đức Phổ",
                           parent=department)
    case = case_in(case_kind, CaseStatus.VERIFYING, facility=unit, is_complex=True)
    draft = document_draft(case_id=case.pk, template_code=template, actor=leader(),
                           origin="test", step={"reason": "Vụ việc phức tạp"})
    assert draft.body.splitlines()[0] == opening
