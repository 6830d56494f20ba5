"""Issuing numbers a document, publishes it on the tracking page and mails it at once, and
an issued document is never edited: the leader confirms, with an explicit tick naming the
signer, that it was signed by the competent person (leaderwalk finding 3); an operative
article that still offers the template's alternatives ("Sửa đổi, bổ sung hoặc hủy bỏ") is a
blank the officer resolves before issuing (finding 1, điểm h khoản 2 Điều 31 Luật Khiếu
nại); the draft page does not say "Chưa ban hành được" over the button that issues it
(finding 5)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from complaints.documents.context import blank_lines
from complaints.documents.models import DocumentStatus
from complaints.documents.services import (
    DocumentError,
    document_draft,
    document_issue,
    document_update,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken
from complaints.services.workflow import TransitionNotAllowed, case_transition
from tests.complaints.workflow.helpers import case_in

from .helpers import leader, province

pytestmark = pytest.mark.django_db

TICK = "Tôi xác nhận văn bản này đã được người có thẩm quyền ký"
CHOICE = "[chọn: sửa đổi, bổ sung / hủy bỏ]"


def _decision(finding: str):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   decision_complained="Phiếu thu số 5521")  # fmt: skip
    draft = document_draft(
        case_id=case.pk, template_code="kn_quyet_dinh_giai_quyet", actor=boss, origin="test",
        step={"conclusion": "Hoàn trả 2.400.000 đồng.", "public_answer": "Đã giải quyết.",
              "finding": finding},
    )  # fmt: skip
    return case, boss, draft


def _article_1(document) -> str:
    return next(line for line in document.body.splitlines() if line.startswith("Điều 1."))


def _fill_other_blanks(document, actor):
    """Every blank but the choice written by the resolver (the legal basis, the amounts)."""
    from complaints.documents.context import BLANK

    body = "\n".join(
        line if line.startswith("Điều 1.") else BLANK.sub("(người giải quyết viết)", line)
        for line in document.body.splitlines()
    )
    return document_update(document_id=document.pk, actor=actor, origin="test", body=body)


@pytest.mark.parametrize(("finding", "scope"), [("correct", "toàn bộ"),
                                               ("partly_correct", "một phần")])
def test_the_alternatives_of_article_1_are_a_blank_the_issue_names(finding, scope):
    case, boss, draft = _decision(finding)
    article = _article_1(draft)
    # The finding chose the scope (khoản 2 Điều 31 Luật Khiếu nại); the act is the choice.
    assert f"{CHOICE} {scope} Phiếu thu số 5521" in article
    assert "Sửa đổi, bổ sung hoặc hủy bỏ" not in article
    draft = _fill_other_blanks(draft, boss)
    lines = blank_lines({"body": draft.body}, case=case, audience=draft.audience)
    assert [line.text for line in lines] == [f"Điều 1. {CHOICE}"]
    with pytest.raises(TransitionNotAllowed) as refused:
        case_transition(case_id=case.pk, action="conclude", actor=boss, origin="test",
                        data={"conclusion": "Hoàn trả 2.400.000 đồng.",
                              "public_answer": "Đã giải quyết.", "finding": finding},
                        document_id=draft.pk, signed_confirmed=True)  # fmt: skip
    assert f"Điều 1. {CHOICE}" in refused.value.message
    assert "Chưa ban hành được" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
    # The officer picks: issued.
    draft = document_update(document_id=draft.pk, actor=boss, origin="test",
                            body=draft.body.replace(CHOICE, "Hủy bỏ"))  # fmt: skip
    case_transition(case_id=case.pk, action="conclude", actor=boss, origin="test",
                    data={"conclusion": "Hoàn trả 2.400.000 đồng.",
                          "public_answer": "Đã giải quyết.", "finding": finding},
                    document_id=draft.pk, signed_confirmed=True)  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED
    assert _article_1(draft).startswith(f"Điều 1. Hủy bỏ {scope} Phiếu thu số 5521")


def test_a_wrong_complaint_keeps_the_decision_without_a_choice():
    _case, _boss, draft = _decision("wrong")
    article = _article_1(draft)
    assert article == "Điều 1. Giữ nguyên Phiếu thu số 5521."
    assert "[chọn" not in draft.body


def test_the_migration_replaces_the_installed_alternatives():
    from importlib import import_module

    from complaints.documents.models import DocumentTemplate

    migration = import_module("complaints.migrations.0046_decision_template_choice")
    old = migration.BODY[0][0]
    template = DocumentTemplate.objects.get(code="kn_quyet_dinh_giai_quyet")
    template.body = template.body.replace(migration.BODY[0][1], old)
    template.save()
    assert old in template.body

    class Apps:
        def get_model(self, app, name):
            return DocumentTemplate

    migration.forwards(Apps(), None)
    template.refresh_from_db()
    assert old not in template.body and CHOICE in template.body


def test_the_migration_reverses_to_the_old_wording_keeping_other_edits():
    """Forward then backward: an installed template holding the new line unchanged reads the
    old alternatives again; an administrator's other edit stays both ways, and a line edited
    since the migration (no longer the new one exactly) is left as it is."""
    from importlib import import_module

    from complaints.documents.models import DocumentTemplate

    migration = import_module("complaints.migrations.0046_decision_template_choice")
    [(old_first, new_first), (old_second, new_second)] = migration.BODY
    template = DocumentTemplate.objects.get(code="kn_quyet_dinh_giai_quyet")
    assert new_first in template.body and new_second in template.body
    # Back as before 0046, with an administrator's own line, then forward.
    template.body = (template.body.replace(new_first, old_first).replace(new_second, old_second)
                     + "\nDòng do quản trị viên thêm.")
    template.save()

    # The models as the migration executor gives them to 0046, both ways.
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    node = ("complaints", "0046_decision_template_choice")
    apps = MigrationExecutor(connection).loader.project_state(node).apps
    operation = migration.Migration.operations[0]
    assert operation.reversible and operation.reverse_code is migration.backwards
    migration.forwards(apps, None)
    template.refresh_from_db()
    assert new_first in template.body and new_second in template.body
    assert old_first not in template.body and old_second not in template.body
    # The second line edited after the migration: the reverse leaves it.
    edited = new_second.replace("như sau:", "như sau (đã sửa):")
    template.body = template.body.replace(new_second, edited)
    template.save()
    migration.backwards(apps, None)
    template.refresh_from_db()
    assert old_first in template.body and new_first not in template.body
    assert edited in template.body and old_second not in template.body
    assert template.body.endswith("\nDòng do quản trị viên thêm.")


# ---- the signature confirmation ------------------------------------------------------


def _notice():
    """A notice of acceptance, its step taken: issued on its own."""
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")  # fmt: skip
    return case, boss, draft


def test_the_service_refuses_an_issue_not_confirmed_signed():
    _case, boss, draft = _notice()
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test")
    assert "đã được ký" in refused.value.message and "Đạo Văn Lãnh" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED


def test_the_page_asks_for_the_tick_and_refuses_without_it(client):
    case, boss, draft = _notice()
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert 'name="signed_confirmed"' in page and TICK in page and "Đạo Văn Lãnh" in page
    refused = client.post(url, {"operation": "issue", "version": draft.version})
    assert refused.status_code == 400
    assert "hãy đánh dấu" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    issued = client.post(url, {"operation": "issue", "version": draft.version,
                               "signed_confirmed": "on"})  # fmt: skip
    assert issued.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED


def test_the_step_and_its_document_wait_for_the_tick(client):
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")  # fmt: skip
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    client.force_login(boss)
    refused = client.post(url, {"operation": "issue_step", "version": draft.version})
    assert refused.status_code == 400 and "hãy đánh dấu" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    done = client.post(url, {"operation": "issue_step", "version": draft.version,
                             "signed_confirmed": "on"})  # fmt: skip
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_the_api_needs_the_confirmation_field():
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")  # fmt: skip
    _token, key = ApiToken.issue(user=boss, name="test")
    api = Client(headers={"Authorization": f"Token {key}"})
    url = f"/api/v1/cases/{case.tracking_code}/actions/accept"
    refused = api.post(url, data=json.dumps({"document_id": draft.pk}),
                       content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert "signed_confirmed" in refused.json()["errors"]
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    done = api.post(url, data=json.dumps({"document_id": draft.pk, "signed_confirmed": True}),
                    content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.content
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED


# ---- one message on the draft page ---------------------------------------------------


def test_the_page_does_not_refuse_over_the_button_that_issues(client):
    case, boss, draft = _decision("correct")
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert 'value="issue_step"' in page
    assert "Chưa ban hành được: văn bản" not in page
    assert "nên được ban hành cùng bước" in page


def test_a_draft_made_before_keeps_its_alternatives_as_a_blank():
    """A draft made from the template as it was (or an edited template the migration left)
    still reads "Sửa đổi, bổ sung hoặc hủy bỏ": the issue names it too."""
    case, boss, draft = _decision("correct")
    draft = _fill_other_blanks(draft, boss)
    body = draft.body.replace(CHOICE, "Sửa đổi, bổ sung hoặc hủy bỏ")
    draft = document_update(document_id=draft.pk, actor=boss, origin="test", body=body)
    lines = blank_lines({"body": draft.body}, case=case, audience=draft.audience)
    assert [line.text for line in lines] == ["Điều 1. Sửa đổi, bổ sung hoặc hủy bỏ"]


def test_the_law_s_alternatives_in_an_officer_s_own_words_are_text():
    """Only the operative article that still offers the template's alternatives is a
    blank: a conclusion recommending that a rule be "sửa đổi, bổ sung hoặc hủy bỏ" is
    the officer's text and the document is issued."""
    case, boss, draft = _decision("correct")
    draft = _fill_other_blanks(draft, boss)
    body = draft.body.replace(CHOICE, "Hủy bỏ") + (
        "\nKiến nghị Giám đốc sửa đổi, bổ sung hoặc hủy bỏ Quy chế thu viện phí của Bệnh viện."
    )
    draft = document_update(document_id=draft.pk, actor=boss, origin="test", body=body)
    assert blank_lines({"body": draft.body}, case=case, audience=draft.audience) == []


# ---- the blanks before the tick, as the service checks them ---------------------------


def _with_a_blank(draft, actor):
    return document_update(document_id=draft.pk, actor=actor, origin="test",
                           body=draft.body + "\nSố tiền hoàn trả: ..... đồng.")  # fmt: skip


@pytest.mark.parametrize("operation", ["issue", "issue_step"])
def test_the_page_reports_the_blanks_before_asking_for_the_tick(client, operation):
    """`document_issue` refuses a blank before an issue not confirmed signed: the page says
    so in the same order, so the officer is not asked to tick a document that cannot be
    issued yet; once the blank is filled, the tick is what is left."""
    hospital = province()[1]
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    if operation == "issue":
        case_transition(case_id=case.pk, action="accept", actor=boss, data={}, origin="test")
    draft = document_draft(case_id=case.pk, template_code="kn_thong_bao_thu_ly", actor=boss,
                           origin="test")  # fmt: skip
    draft = _with_a_blank(draft, boss)
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert 'name="signed_confirmed" id="id_signed_confirmed" required' not in page

    refused = client.post(url, {"operation": operation, "version": draft.version})
    html = refused.content.decode()
    assert refused.status_code == 409, html[:2000]
    assert "Chưa ban hành được: văn bản còn chỗ trống" in html and "Số tiền hoàn trả" in html
    assert "hãy đánh dấu" not in html and 'aria-invalid="true"' not in html.split(
        'id="id_signed_confirmed"')[1].split(">")[0]
    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.number is None
    assert case.status == (CaseStatus.ACCEPTED if operation == "issue" else CaseStatus.RECEIVED)

    draft = document_update(document_id=draft.pk, actor=boss, origin="test",
                            body=draft.body.replace(".....", "2.400.000"))  # fmt: skip
    unsigned = client.post(url, {"operation": operation, "version": draft.version})
    html = unsigned.content.decode()
    assert unsigned.status_code == 400 and "hãy đánh dấu" in html
    assert "Chưa ban hành được: văn bản còn chỗ trống" not in html
    assert 'aria-invalid="true"' in html.split('id="id_signed_confirmed"')[1].split(">")[0]
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
