"""The decisions to resume and to stop resolving a complaint name the respondent in
"Điều 3", as the suspension does: all three go to the respondent (khoản 1, 2 Điều 28b
Nghị định 124/2020/NĐ-CP; `resumption_notice` and `stop_notice` list the respondent)."""

from __future__ import annotations

import importlib

import pytest

from complaints.documents.models import DocumentTemplate
from complaints.documents.services import document_draft, templates_sync
from complaints.kinds import CaseKind, CaseStatus
from complaints.rules.notices import NOTICES, RESPONDENT
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db

RESPONDENT_NAME = "Giám đốc Bệnh viện đa khoa khu vực Đức Phổ"


@pytest.mark.parametrize(
    ("template", "notice", "status"),
    [
        ("kn_quyet_dinh_tiep_tuc", "resumption_notice", CaseStatus.SUSPENDED),
        ("kn_quyet_dinh_dinh_chi", "stop_notice", CaseStatus.VERIFYING),
        ("kn_quyet_dinh_tam_dinh_chi", "suspension_notice", CaseStatus.VERIFYING),
    ],
)
def test_article_3_names_the_respondent_the_decision_is_sent_to(template, notice, status):
    rows = [n for n in NOTICES if n.step == notice and n.kind == "khieu_nai"]
    assert rows and all(RESPONDENT in n.recipients for n in rows)
    _department, hospital = province()
    case = case_in(CaseKind.KHIEU_NAI, status, facility=hospital,
                   decision_maker=RESPONDENT_NAME)
    draft = document_draft(case_id=case.pk, template_code=template, actor=leader(),
                           origin="test", step={"reason": "Chờ kết quả giám định"})
    article_3 = next(line for line in draft.body.splitlines() if line.startswith("Điều 3."))
    assert RESPONDENT_NAME in article_3
    assert "Như Điều 3" in draft.recipients


def test_installed_templates_name_the_respondent_after_the_migration():
    from django.apps import apps

    migration = importlib.import_module(
        "complaints.migrations.0026_document_templates_respondent_in_article_3"
    )
    templates_sync()
    row = DocumentTemplate.objects.get(code="kn_quyet_dinh_tiep_tuc")
    row.body = row.body.replace(migration.NEW, migration.OLD)
    row.save()
    assert migration.OLD in row.body
    migration.forwards(apps, None)
    row.refresh_from_db()
    assert migration.NEW in row.body and migration.OLD not in row.body
