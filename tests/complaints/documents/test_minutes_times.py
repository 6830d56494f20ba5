"""The dialogue minutes (Mẫu số 14, khoản 4 Điều 28 Nghị định 124/2020/NĐ-CP, thay thế bởi
Điều 11 Nghị định 155/2026/NĐ-CP) open with the time the meeting began and end with the
time it ended, as the step recording it kept them: "Vào hồi 14 giờ 20 phút, ngày …",
"Buổi đối thoại kết thúc hồi 16 giờ 10
phút cùng ngày", no blank left to copy from the signed paper. A draft made before the
meeting was recorded takes them up with "Cập nhật từ hồ sơ"; a template an administrator
edited has the old blank line replaced (migration 0044); without the times recorded the
blank stays, for the officer to fill."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from complaints.documents.models import DocumentTemplate
from complaints.documents.services import (
    document_draft,
    document_issue,
    document_refresh,
    document_update,
    templates_sync,
)
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import DialogueMeeting
from tests.complaints.workflow.helpers import act, case_in, verified

from .helpers import leader, province

pytestmark = pytest.mark.django_db


def _held_day():
    return timezone.localdate() - datetime.timedelta(days=1)


END = "Buổi đối thoại kết thúc hồi 16 giờ 10 phút cùng ngày."


def _blank_end():
    return f"Buổi đối thoại kết thúc hồi ..... giờ ....., ngày {_held_day():%d/%m/%Y}."


@pytest.fixture(autouse=True)
def hospital():
    """The hospital resolving the complaint, made before its leader (`leader()` joins it):
    only its staff schedule the dialogue (khoản 1 Điều 30 Luật Khiếu nại)."""
    return province()[1]


def _at(hour: int, minute: int) -> str:
    return f"{_held_day().isoformat()}T{hour:02d}:{minute:02d}"


def _scheduled(boss):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=boss.facility_memberships
                   .get().facility, second_time=True)
    day = timezone.localdate() + datetime.timedelta(days=6)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{day.isoformat()}T14:00",
        place="Phòng họp số 2", participants="Người khiếu nại; Bệnh viện")
    held_at = timezone.make_aware(datetime.datetime.combine(_held_day(), datetime.time(14, 0)))
    DialogueMeeting.objects.filter(case=case).update(scheduled_at=held_at)
    verified(case)  # the dialogue is held on the verification's result
    return case


def _held(case, boss, **times):
    act(case, "record_dialogue", boss, outcome="held", led_by="Ông Trần Văn Chánh",
        led_by_head=True, minutes="Các bên trình bày ý kiến.",
        result="Còn ý kiến khác nhau về khoản phụ thu.", **times)


def _draft(case, boss):
    return document_draft(case_id=case.pk, template_code="kn_bien_ban_doi_thoai",
                          actor=boss, origin="test")


def _written(document, boss):
    """The blanks no record keeps: who took the minutes, how many copies."""
    body = document.body.replace("ghi biên bản: ..............", "ghi biên bản: Bà Ghi").replace(
        "lập thành ..... bản", "lập thành 03 bản")
    fields = {name: getattr(document, name) for name in (
        "trich_yeu", "addressee", "recipients", "signer_authority", "principal_title",
        "signer_title", "signer_name")}
    return document_update(document_id=document.pk, actor=boss, origin="test", body=body,
                           **fields)


def test_the_minutes_state_when_the_meeting_began_and_ended_and_issue_as_drafted():
    boss = leader()
    case = _scheduled(boss)
    _held(case, boss, started_at=_at(14, 20), ended_at=_at(16, 10))
    draft = _draft(case, boss)
    assert f"Vào hồi 14 giờ 20 phút, ngày {_held_day():%d/%m/%Y}, tại Phòng họp số 2." in draft.body
    assert END in draft.body
    assert "kết thúc hồi ....." not in draft.body
    assert document_issue(document_id=_written(draft, boss).pk, actor=boss,
                          origin="test", signed_confirmed=True).is_issued


def test_without_the_times_recorded_the_blank_stays():
    boss = leader()
    case = _scheduled(boss)
    _held(case, boss)
    body = _draft(case, boss).body
    assert f"Vào hồi 14 giờ 00 phút, ngày {_held_day():%d/%m/%Y}" in body
    assert _blank_end() in body


def test_a_draft_made_before_takes_the_times_up_with_the_officers_edits_kept():
    boss = leader()
    case = _scheduled(boss)
    draft = _written(_draft(case, boss), boss)
    assert _blank_end() in draft.body
    _held(case, boss, started_at=_at(14, 20), ended_at=_at(16, 10))

    draft, kept = document_refresh(document_id=draft.pk, actor=boss, origin="test")

    assert kept == 0
    assert END in draft.body and _blank_end() not in draft.body
    assert f"Vào hồi 14 giờ 20 phút, ngày {_held_day():%d/%m/%Y}" in draft.body
    assert "ghi biên bản: Bà Ghi" in draft.body  # the officer's line kept
    assert document_issue(document_id=draft.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued


def test_an_installed_template_edited_or_not_prints_the_end_time():
    migration = importlib.import_module("complaints.migrations.0044_dialogue_start_end_times")
    templates_sync()
    template = DocumentTemplate.objects.get(code="kn_bien_ban_doi_thoai")
    assert migration.NEW in template.body and migration.OLD not in template.body
    edited = template.body.replace(migration.NEW, migration.OLD) + "\nGhi chú của đơn vị."
    DocumentTemplate.objects.filter(pk=template.pk).update(body=edited)
    migration.forwards(apps, None)
    template.refresh_from_db()
    assert template.body.endswith("\nGhi chú của đơn vị.")
    assert migration.NEW in template.body and migration.OLD not in template.body


def test_an_installed_template_edited_by_the_unit_opens_with_hour_and_minute():
    """The opening's time is printed by the portal ("14 giờ 20 phút"), as the closing's
    is, not written in the template: a template installed before, edited by an
    administrator, says it right too (no template text to swap)."""
    boss = leader()
    templates_sync()
    template = DocumentTemplate.objects.get(code="kn_bien_ban_doi_thoai")
    template.body += "\nGhi chú của đơn vị."
    template._change_reason = "origin=admin action=edit"  # an administrator's edit, kept
    template.save()
    case = _scheduled(boss)
    _held(case, boss, started_at=_at(14, 20), ended_at=_at(16, 10))
    body = _draft(case, boss).body
    assert f"Vào hồi 14 giờ 20 phút, ngày {_held_day():%d/%m/%Y}, tại Phòng họp số 2." in body
    assert END in body and body.endswith("Ghi chú của đơn vị.")
    assert "giờ 20," not in body
