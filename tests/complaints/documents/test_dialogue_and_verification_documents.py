"""The two documents the chief inspector found missing:

- the notice of a dialogue (thông báo về việc tổ chức đối thoại, giấy mời): khoản 1 Điều 28
  Nghị định 124/2020/NĐ-CP as replaced by Điều 11 Nghị định 155/2026/NĐ-CP, with the
  time, place and content of the meeting the step schedules, to the parties;
- the decision giving the verification (điểm b khoản 1 Điều 29 Luật Khiếu nại; khoản 1,
  khoản 2 Điều 31 Luật Tố cáo): who verifies, the content, the time, rights and duties,
  a denunciation's never naming the denouncer (Điều 47 Luật Tố cáo)."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from complaints.documents.context import dialogue_view, verifier_view
from complaints.documents.models import Document, DocumentStatus, DocumentTemplate
from complaints.documents.services import (
    SYNC_REASON,
    DocumentError,
    document_draft,
    document_issue,
    document_update,
    templates_for,
    templates_sync,
    templates_sync_after_migrate,
)
from complaints.documents.template_language import unknown_variables
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import CaseEvent, DialogueMeeting
from complaints.rules.documents import form_for
from complaints.services.workflow import (
    TransitionInvalid,
    TransitionNotAllowed,
    case_transition,
)
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory

from .helpers import leader, pdf_text, province, read, resolve_row

pytestmark = pytest.mark.django_db

NEW = ("kn_thong_bao_doi_thoai", "kn_quyet_dinh_giao_xac_minh", "tc_quyet_dinh_giao_xac_minh")
SECRETS = ("Nguyễn Thị Dân", "051190000123", "0905123456")


def _resolve_by():
    return timezone.localdate() + datetime.timedelta(days=40)


@pytest.fixture
def hospital():
    return province()[1]


def _meeting_day(days=8) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _verifier(hospital):
    return UserFactory(username="xacminh", last_name="Trần Thị", first_name="Xác Minh",
                       facility=hospital)


def _codes(case, action):
    return {t.code for t in templates_for(case=case, action=action)}


# ---- the table ----------------------------------------------------------------------------


def test_each_new_form_serves_its_step_and_kinds_only(hospital):
    templates_sync()
    kinds = {kind: case_in(kind, CaseStatus.ACCEPTED, facility=hospital) for kind in CaseKind}
    assert _codes(kinds[CaseKind.KHIEU_NAI], "schedule_dialogue") == {"kn_thong_bao_doi_thoai"}
    assert _codes(kinds[CaseKind.KHIEU_NAI], "start_verification") == {
        "kn_quyet_dinh_giao_xac_minh"}
    assert _codes(kinds[CaseKind.TO_CAO], "start_verification") == {
        "tc_quyet_dinh_giao_xac_minh"}
    for kind in (CaseKind.TO_CAO, CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        assert _codes(kinds[kind], "schedule_dialogue") == set()
    for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        assert _codes(kinds[kind], "start_verification") == set()

    notice = form_for("kn_thong_bao_doi_thoai")
    # Sent to the complainant and the respondent, the citizen's copy on the tracking page.
    assert notice.audience == "parties" and notice.owed_to_citizen
    assert "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP" in notice.legal_basis
    assert "Điều 30, Điều 39 Luật Khiếu nại" in notice.legal_basis
    for code in ("kn_quyet_dinh_giao_xac_minh", "tc_quyet_dinh_giao_xac_minh"):
        decision = form_for(code)
        assert decision.document_type == "quyet_dinh"
        assert decision.audience == "facility" and not decision.owed_to_citizen  # internal
    assert "điểm b khoản 1" in form_for("kn_quyet_dinh_giao_xac_minh").legal_basis
    assert "khoản 1, khoản 2" in form_for("tc_quyet_dinh_giao_xac_minh").legal_basis
    # None of their texts is in the repository's law copies: a legal officer checks them.
    assert all(form_for(code).reconstructed for code in NEW)


def test_the_new_variables_are_known_to_the_template_form():
    assert unknown_variables(
        "{{ dialogue.time }} {{ dialogue.date }} {{ dialogue.place }} "
        "{{ dialogue.participants }} {{ dialogue.notified_on }} "
        "{{ verifier.name }} {{ verifier.unit }}"
    ) == []
    assert unknown_variables("{{ dialogue.minutes }} {{ verifier.password }}") == [
        "dialogue.minutes", "verifier.password"]


# ---- the dialogue's notice ------------------------------------------------------------------


def test_dialogue_view_reads_the_step_then_the_case_meeting(hospital):
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital)
    assert dialogue_view(case, {}).place == "…"
    # No officer named yet: a blank for staff to fill, the unit handling the case.
    assert (verifier_view(case).name, verifier_view(case).unit) == ("…", hospital.name)
    day = _meeting_day()
    view = dialogue_view(case, {"scheduled_at": f"{day.isoformat()}T14:30",
                                "place": "Phòng họp số 2", "participants": "Các bên"})
    assert (view.time, view.date, view.place) == (
        "14 giờ 30 phút", day.strftime("%d/%m/%Y"), "Phòng họp số 2")
    assert view.notified_on == timezone.localdate().strftime("%d/%m/%Y")
    act(case, "schedule_dialogue", leader(), scheduled_at=f"{day.isoformat()}T08:00",
        place="Hội trường Sở", participants="Người khiếu nại; Giám đốc Bệnh viện")
    view = dialogue_view(case, {})
    assert (view.time, view.place, view.participants) == (
        "08 giờ 00 phút", "Hội trường Sở", "Người khiếu nại; Giám đốc Bệnh viện")


def test_drafted_on_the_case_page_and_issued_with_the_scheduling(client, hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True, resolve_by=_resolve_by(),
                   decision_complained="Quyết định thu viện phí số 12/QĐ-BV",
                   decision_maker="Giám đốc Bệnh viện đa khoa khu vực Đức Phổ")
    day = _meeting_day()
    client.force_login(boss)
    page = client.post(reverse("complaints_admin:documents", args=[case.tracking_code]), {
        "template": "kn_thong_bao_doi_thoai",
        "schedule_dialogue-scheduled_at": f"{day.isoformat()}T09:00",
        "schedule_dialogue-place": "Phòng họp Sở Y tế, 50 Hùng Vương",
        "schedule_dialogue-participants": "Người khiếu nại; Giám đốc Bệnh viện đa khoa "
                                          "khu vực Đức Phổ; Thanh tra Sở",
    })
    assert page.status_code == 302, page.content.decode()[:2000]
    draft = Document.objects.get(case=case, template__code="kn_thong_bao_doi_thoai")
    assert f"09 giờ 00 phút, ngày {day.strftime('%d/%m/%Y')}" in draft.body
    assert "Phòng họp Sở Y tế, 50 Hùng Vương" in draft.body
    assert "Điều 39 Luật Khiếu nại" in draft.body  # a second complaint
    assert "trực tiếp chủ trì" in draft.body  # điểm a khoản 2 Điều 28
    assert "Quyết định thu viện phí số 12/QĐ-BV" in draft.body  # the content discussed
    assert draft.addressee.endswith("; Giám đốc Bệnh viện đa khoa khu vực Đức Phổ")
    # Not issued ahead of its step: nothing is scheduled yet.
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“Lên lịch đối thoại”" in refused.value.message

    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    page = client.get(url).content.decode()
    assert "Phê duyệt bước “Lên lịch đối thoại” và ban hành" in page
    # The page carries the meeting pending as shown: none yet (services/dialogue_expected).
    assert 'name="expected_meeting" value="none"' in page
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version,
                               "expected_meeting": "none"})
    assert issued.status_code == 302, issued.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.is_issued and draft.owed_to_citizen
    meeting = DialogueMeeting.objects.get(case=case)
    assert timezone.localtime(meeting.scheduled_at).date() == day
    assert meeting.place == "Phòng họp Sở Y tế, 50 Hùng Vương"
    text = pdf_text(read(draft.pdf.file))
    assert "THÔNG BÁO" in text and "Về việc tổ chức đối thoại" in text
    assert f"09 giờ 00 phút, ngày {day.strftime('%d/%m/%Y')}" in text
    assert "Thanh tra Sở" in text
    assert CaseEvent.objects.get(case=case, action="document_issued").is_public


def test_issued_after_the_step_it_reads_the_meeting_and_not_once_rescheduled(hospital):
    boss = leader()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING, facility=hospital,
                   second_time=True, resolve_by=_resolve_by())
    first, later = _meeting_day(8), _meeting_day(12)
    act(case, "schedule_dialogue", boss, scheduled_at=f"{first.isoformat()}T09:00",
        place="Phòng họp 1", participants="Người khiếu nại; người bị khiếu nại")
    stale = document_draft(case_id=case.pk, template_code="kn_thong_bao_doi_thoai",
                           actor=boss, origin="test")
    # Drafted after the step: what it scheduled, participants included.
    assert "Phòng họp 1" in stale.body and "Người khiếu nại; người bị khiếu nại" in stale.body
    assert f"ngày {first.strftime('%d/%m/%Y')}" in stale.body
    act(case, "schedule_dialogue", boss, scheduled_at=f"{later.isoformat()}T15:00",
        place="Phòng họp 2", participants="Các bên")
    with pytest.raises(DocumentError) as refused:
        document_issue(document_id=stale.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "không còn là lịch đối thoại hiện hành" in refused.value.message
    assert "khoản 1 Điều 28 Nghị định 124/2020/NĐ-CP" in refused.value.message
    stale.refresh_from_db()
    assert stale.status == DocumentStatus.DRAFT and stale.number is None
    current = document_draft(case_id=case.pk, template_code="kn_thong_bao_doi_thoai",
                             actor=boss, origin="test")
    assert f"15 giờ 00 phút, ngày {later.strftime('%d/%m/%Y')}" in current.body
    assert document_issue(document_id=current.pk, actor=boss, origin="test",
                          signed_confirmed=True).is_issued


# ---- the decision giving the verification --------------------------------------------------

# A denunciation's verification: the leader's declaration (khoản 3 Điều 10 Nghị định
# 31/2019/NĐ-CP).
NO_CONFLICT = {"verifier_no_conflict": True}


def test_complaint_verification_decision_names_the_verifier_content_and_time(hospital):
    boss = leader()
    verifier = _verifier(hospital)
    case = resolve_row(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                   assigned_user=verifier, resolve_by=_resolve_by(),
                   decision_complained="Quyết định thu viện phí số 12/QĐ-BV",
                   decision_maker="Giám đốc Bệnh viện đa khoa khu vực Đức Phổ"))
    assert verifier_view(case).name == "Trần Thị Xác Minh"
    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                           actor=boss, origin="test")
    with pytest.raises(DocumentError) as refused:  # not ahead of its step
        document_issue(document_id=draft.pk, actor=boss, origin="test", signed_confirmed=True)
    assert "“Bắt đầu xác minh”" in refused.value.message
    case_transition(case_id=case.pk, action="start_verification", actor=boss,
                    data={"verification_days": 20}, origin="test", document_id=draft.pk,
                    signed_confirmed=True)
    case.refresh_from_db()
    draft.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and draft.is_issued
    assert not draft.owed_to_citizen
    text = pdf_text(read(draft.pdf.file))
    assert "QUYẾT ĐỊNH" in text and "Về việc giao nhiệm vụ xác minh nội dung khiếu nại" in text
    assert "Giao Trần Thị Xác Minh, Bệnh viện đa khoa khu vực Đức Phổ, xác minh" in text
    assert "Nội dung cần xác minh: Quyết định thu viện phí số 12/QĐ-BV" in text
    assert _resolve_by().strftime("%d/%m/%Y") in text  # the time: within the resolution's
    assert "khoản 3 Điều 29 Luật Khiếu nại" in text  # rights and duties
    assert not CaseEvent.objects.get(case=case, action="document_issued").is_public


def test_denunciation_verification_decision_keeps_the_denouncer_secret(hospital):
    boss = leader()
    case = resolve_row(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital,
                   assigned_user=_verifier(hospital), resolve_by=_resolve_by(),
                   title="Nguyễn Thị Dân tố cáo bác sĩ nhận tiền của người bệnh",
                   accused_name="Phạm Văn Bị", accused_position="Bác sĩ khoa Ngoại"))
    draft = document_draft(case_id=case.pk, template_code="tc_quyet_dinh_giao_xac_minh",
                           actor=boss, origin="test")
    for secret in SECRETS:
        assert secret not in draft.body + draft.addressee + draft.recipients
    # A handler who types the denouncer's name into it: refused at issue, step not taken.
    document_update(document_id=draft.pk, actor=boss, origin="test",
                    trich_yeu=draft.trich_yeu, body=f"{draft.body}\nNgười tố cáo: Nguyễn Thị Dân",
                    signer_title=draft.signer_title, signer_name=draft.signer_name)
    with pytest.raises(Exception) as refused:
        case_transition(case_id=case.pk, action="start_verification", actor=boss,
                        data=NO_CONFLICT, origin="test", document_id=draft.pk,
                        signed_confirmed=True)
    assert "Điều 47 Luật Tố cáo" in str(getattr(refused.value, "message", refused.value))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    document_update(document_id=draft.pk, actor=boss, origin="test",
                    trich_yeu=draft.trich_yeu, body=draft.body,
                    signer_title=draft.signer_title, signer_name=draft.signer_name)
    case_transition(case_id=case.pk, action="start_verification", actor=boss,
                    data={**NO_CONFLICT, "verification_days": 20}, origin="test",
                    document_id=draft.pk, signed_confirmed=True)
    draft.refresh_from_db()
    text = pdf_text(read(draft.pdf.file))
    for secret in SECRETS:
        assert secret not in text
    # khoản 2 Điều 31 Luật Tố cáo: who verifies, the accused, the content, the time.
    assert "Giao Trần Thị Xác Minh" in text
    assert "Người bị tố cáo: Phạm Văn Bị, Bác sĩ khoa Ngoại" in text
    assert "Nội dung cần xác minh:" in text and "bác sĩ nhận tiền của người bệnh" in text
    assert _resolve_by().strftime("%d/%m/%Y") in text
    assert "Điều 47 Luật Tố cáo" in text


def test_the_verification_decisions_print_the_period_the_step_sets(client, hospital):
    # The draft page asks for the step's period and declaration; the decision shows marks
    # the approval of the step with it fills from the case (điểm đ khoản 2 Điều 31 Luật Tố
    # cáo: "Thời gian tiến hành xác minh").
    boss = leader()
    case = resolve_row(case_in(CaseKind.TO_CAO, CaseStatus.ACCEPTED, facility=hospital,
                               assigned_user=_verifier(hospital), resolve_by=_resolve_by(),
                               accused_name="Phạm Văn Bị"))
    client.force_login(boss)
    documents = reverse("complaints_admin:documents", args=[case.tracking_code])
    page = client.get(documents).content.decode()
    assert "Thời hạn xác minh (số ngày)" in page and "khoản 3 Điều 10 Nghị định" in page
    missing = client.post(documents, {"template": "tc_quyet_dinh_giao_xac_minh",
                                      "start_verification-verification_days": "20"})
    assert missing.status_code == 400  # the declaration is required
    drafted = client.post(documents, {"template": "tc_quyet_dinh_giao_xac_minh",
                                      "start_verification-verification_days": "20",
                                      "start_verification-verifier_no_conflict": "on"})
    assert drafted.status_code == 302
    draft = Document.objects.get(case=case, template__code="tc_quyet_dinh_giao_xac_minh")
    assert ("Thời gian tiến hành xác minh: «Số ngày xác minh» ngày kể từ ngày ký Quyết định "
            "này, đến hết ngày «Ngày kết thúc xác minh»") in draft.body
    url = reverse("complaints_admin:document", args=[case.tracking_code, draft.pk])
    issued = client.post(url, {"operation": "issue_step",
                               "signed_confirmed": "on", "version": draft.version})
    assert issued.status_code == 302, issued.content.decode()[:2000]
    draft.refresh_from_db()
    case.refresh_from_db()
    until = case.verification_until.strftime("%d/%m/%Y")
    assert draft.is_issued and case.status == CaseStatus.VERIFYING
    assert case.verification_days == 20
    assert (f"Thời gian tiến hành xác minh: 20 ngày kể từ ngày ký Quyết định này, đến hết "
            f"ngày {until}, không quá hạn giải quyết tố cáo ngày "
            f"{_resolve_by().strftime('%d/%m/%Y')}") in draft.body
    assert "«" not in draft.body
    assert until in pdf_text(read(draft.pdf.file))
    event = CaseEvent.objects.get(case=case, action="start_verification")
    assert event.data["verifier_no_conflict"] is True and event.actor == boss


def test_a_complaint_verification_decision_without_a_period_is_not_issued_blank(hospital):
    boss = leader()
    case = resolve_row(case_in(CaseKind.KHIEU_NAI, CaseStatus.ACCEPTED, facility=hospital,
                               assigned_user=_verifier(hospital), resolve_by=_resolve_by()))
    draft = document_draft(case_id=case.pk, template_code="kn_quyet_dinh_giao_xac_minh",
                           actor=boss, origin="test", step={"verification_days": 99})
    with pytest.raises(TransitionInvalid) as refused:  # past the resolution deadline
        case_transition(case_id=case.pk, action="start_verification", actor=boss,
                        data={"verification_days": 99}, origin="test", document_id=draft.pk,
                        signed_confirmed=True)
    assert "khoản 1 Điều 29 Luật Khiếu nại" in refused.value.errors["verification_days"][0]
    draft.refresh_from_db()
    assert not draft.is_issued
    # No period set by the step: the decision would go out with "… ngày … đến hết ngày …";
    # refused, naming the line, and the step is not taken with it.
    with pytest.raises(TransitionNotAllowed) as refused:
        case_transition(case_id=case.pk, action="start_verification", actor=boss, data={},
                        origin="test", document_id=draft.pk, signed_confirmed=True)
    assert "“Điều 2. Thời gian tiến hành xác minh: …”" in refused.value.message
    case.refresh_from_db()
    draft.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and not draft.is_issued
    case_transition(case_id=case.pk, action="start_verification", actor=boss,
                    data={"verification_days": 20}, origin="test", document_id=draft.pk,
                    signed_confirmed=True)
    draft.refresh_from_db()
    assert draft.is_issued
    assert "Thời gian tiến hành xác minh: 20 ngày kể từ ngày ký Quyết định này" in draft.body


def test_an_unedited_installed_verification_decision_takes_the_period():
    templates_sync()
    old = ("Điều 2. Thời gian tiến hành xác minh: ….. ngày kể từ ngày ký Quyết định này, kết "
           "thúc trước hạn giải quyết tố cáo ngày {{ resolve_by }} ({{ resolve_basis }}).")
    shipped = form_for("tc_quyet_dinh_giao_xac_minh").body
    assert "{{ verifier.period_days }} ngày" in shipped and "{{ verifier.until }}" in shipped
    assert not unknown_variables(shipped)
    # As installed before (the shipped text of then, never edited): brought up to date.
    start = shipped.index("Điều 2.")
    end = shipped.index("Điều 3.")
    DocumentTemplate.objects.filter(code="tc_quyet_dinh_giao_xac_minh").update(
        body=shipped[:start] + old + "\n" + shipped[end:])
    templates_sync()
    assert DocumentTemplate.objects.get(code="tc_quyet_dinh_giao_xac_minh").body == shipped


# ---- an existing install ------------------------------------------------------------------


def test_an_existing_install_gets_the_new_forms_at_the_next_migrate():
    templates_sync()
    # A portal installed before these forms: none of them, and an administrator's edit.
    DocumentTemplate.objects.filter(code__in=NEW).delete()
    edited = DocumentTemplate.objects.get(code="kn_bien_ban_doi_thoai")
    edited.recipients = "- Các bên;\n- Lưu: VT."
    edited._change_reason = None
    edited.save()

    templates_sync_after_migrate(sender=None, app_config=apps.get_app_config("complaints"))

    for code in NEW:
        template = DocumentTemplate.objects.get(code=code)
        shipped = form_for(code)
        assert (template.action, template.body, template.kinds) == (
            shipped.action, shipped.body, sorted(shipped.kinds))
        assert template.reconstructed
        assert template.history.first().history_change_reason == SYNC_REASON
    edited.refresh_from_db()
    assert edited.recipients == "- Các bên;\n- Lưu: VT."
