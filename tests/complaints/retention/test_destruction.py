"""destroy_expired_personal_data: an expired closed case loses its citizen's personal data
for good (khoản 3 Điều 16, khoản 1 Điều 15 Luật Bảo vệ dữ liệu cá nhân); nothing else."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import (
    Attachment,
    Case,
    CaseEvent,
    IdentityAccessLog,
    PinReissue,
    Reporter,
)
from complaints.retention.destruction import expired_personal_data_destroy
from complaints.retention.policy import months_before
from tests.factories import UserFactory

from .helpers import ID_NUMBER, NAME, NOW, OLD_PHONE, PHONE, attachment, closed_case

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Đã hủy dữ liệu cá nhân của người gửi theo khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân "
    "ngày 15/06/2031."
)


def destroy(**kwargs):
    return expired_personal_data_destroy(now=NOW, apply=True, **kwargs)


def identity_anywhere(case) -> list[str]:
    """Every inventoried place (docs/privacy.md) still holding the citizen's identity."""
    found = []
    secrets = (NAME, PHONE, OLD_PHONE, ID_NUMBER, f"rieng.tu.{case.pk}@")
    reporter = Reporter.objects.get(case=case)
    rows = [
        ("reporter", Reporter.objects.filter(pk=reporter.pk).values()),
        ("reporter history", Reporter.history.filter(id=reporter.pk).values()),
        ("case", Case.objects.filter(pk=case.pk).values()),
        ("case history", Case.history.filter(id=case.pk).values()),
        ("events", CaseEvent.objects.filter(case=case).values()),
    ]
    for place, values in rows:
        for row in values:
            text = repr(row)
            found += [f"{place}: {secret}" for secret in secrets if secret in text]
    return found


def test_an_expired_case_loses_the_identity_its_history_and_its_copies():
    case = closed_case(months_ago=37)
    case.idempotency_key = "web:retry-123"
    case.request_fingerprint = "f" * 64
    case.save()
    PinReissue.objects.create(
        case=case, pin_hash="x", channels="sms", created_at=months_before(NOW, 38),
        expires_at=months_before(NOW, 38), address="digest",
    )  # fmt: skip
    assert identity_anywhere(case)  # the test sees the identity where it is

    report = destroy()

    assert report.cases == 1 and report.cases_by_kind[CaseKind.PHAN_ANH] == 1
    assert identity_anywhere(case) == []
    reporter = Reporter.objects.get(case=case)
    assert (reporter.name, reporter.phone, reporter.email, reporter.address) == ("", "", "", "")
    assert not (reporter.consent_processing or reporter.consent_contact or reporter.consent_sms)
    history = list(Reporter.history.filter(id=reporter.pk))
    assert [row.history_change_reason for row in history] == [MESSAGE]
    case.refresh_from_db()
    assert case.personal_data_destroyed_at == NOW
    assert case.idempotency_key is None and case.request_fingerprint == ""
    assert not PinReissue.objects.filter(case=case).exists()
    event = CaseEvent.objects.get(case=case, action="personal_data_destroy")
    assert event.note == MESSAGE and not event.is_public
    assert event.data["legal_basis"] == "khoản 3 Điều 16 Luật Bảo vệ dữ liệu cá nhân"
    assert case.status == CaseStatus.CLOSED  # the case file itself stays


def test_only_expired_closed_cases_without_a_hold_are_touched():
    expired = closed_case(months_ago=37)
    recent = closed_case(months_ago=35)
    still_open = closed_case(months_ago=60, status=CaseStatus.VERIFYING)
    held = closed_case(months_ago=60, retention_hold=True, retention_hold_reason="Thanh tra")
    rated_lately = closed_case(months_ago=60, rating=4, rated_at=months_before(NOW, 2))
    parent = closed_case(CaseKind.KHIEU_NAI, months_ago=130)
    closed_case(CaseKind.KHIEU_NAI, months_ago=1, status=CaseStatus.ACCEPTED, parent_case=parent)
    complaint = closed_case(CaseKind.KHIEU_NAI, months_ago=40)  # archive rules: 120 months

    report = destroy()

    assert report.cases == 1
    destroyed = Case.objects.exclude(personal_data_destroyed_at=None)
    assert set(destroyed.values_list("pk", flat=True)) == {expired.pk}
    for case in (recent, still_open, held, rated_lately, parent, complaint):
        assert Reporter.objects.get(case=case).name == NAME


def test_the_citizens_reply_counts_as_their_last_interaction():
    case = closed_case(months_ago=40)
    CaseEvent.objects.create(
        case=case, action="complete_info", at=months_before(NOW, 30), data={"origin": "citizen"}
    )
    assert destroy().cases == 0
    assert expired_personal_data_destroy(now=months_before(NOW, -7), apply=True).cases == 1


def test_the_policy_setting_changes_a_kinds_months(settings):
    complaint = closed_case(CaseKind.KHIEU_NAI, months_ago=40)
    assert destroy().cases == 0
    settings.PORTAL_RETENTION_POLICY = {"khieu_nai": 36}
    assert destroy().cases == 1
    assert Reporter.objects.get(case=complaint).id_number == ""


def test_a_denunciations_identity_log_is_kept():
    viewer = UserFactory(username="thanh-tra-vien")
    case = closed_case(CaseKind.TO_CAO, months_ago=130)
    IdentityAccessLog.objects.create(case=case, user=viewer, purpose="Xác minh")
    assert destroy().cases_by_kind[CaseKind.TO_CAO] == 1
    assert IdentityAccessLog.objects.filter(case=case, user=viewer).count() == 1
    assert Reporter.objects.get(case=case).name == ""


def test_attachment_files_go_after_the_commit(django_capture_on_commit_callbacks):
    case = closed_case(months_ago=37)
    row = attachment(case)
    storage, name = row.file.storage, row.file.name
    with django_capture_on_commit_callbacks(execute=True):
        report = destroy()
        assert storage.exists(name)  # not before the commit
        assert not Attachment.objects.filter(case=case).exists()
    assert report.attachments == 1
    assert not storage.exists(name)


def test_a_failure_rolls_back_and_keeps_every_file(monkeypatch, django_capture_on_commit_callbacks):
    case = closed_case(months_ago=37)
    row = attachment(case)
    storage, name = row.file.storage, row.file.name

    def refuse(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(CaseEvent.objects, "create", refuse)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = destroy()  # the case is named; the run goes on (test_issued_documents.py)
    assert report.failures == [(case.tracking_code, "RuntimeError: database went away")]
    assert report.cases == 0
    assert callbacks == []
    assert storage.exists(name)
    assert Attachment.objects.filter(case=case).count() == 1
    assert Reporter.objects.get(case=case).name == NAME
    assert Reporter.history.filter(id=Reporter.objects.get(case=case).pk).count() == 3
    case.refresh_from_db()
    assert case.personal_data_destroyed_at is None


def test_the_dry_run_changes_nothing_and_says_what_would_go():
    case = closed_case(months_ago=37)
    attachment(case)
    out = io.StringIO()
    call_command("destroy_expired_personal_data", now=NOW.isoformat(), stdout=out)
    text = out.getvalue()
    assert "chạy thử" in text and "Phản ánh: 1 hồ sơ" in text
    assert "Tệp đính kèm của người gửi: 1" in text and "--apply" in text
    assert Reporter.objects.get(case=case).name == NAME
    assert Attachment.objects.filter(case=case).count() == 1
    assert not CaseEvent.objects.filter(action="personal_data_destroy").exists()


def test_a_second_run_is_a_no_op():
    case = closed_case(months_ago=37)
    out = io.StringIO()
    call_command("destroy_expired_personal_data", "--apply", now=NOW.isoformat(), stdout=out)
    assert "Đã hủy: dữ liệu cá nhân của 1 hồ sơ" in out.getvalue()
    history = Reporter.history.filter(case_id=case.pk).count()
    again = destroy()
    assert again.cases == 0
    assert CaseEvent.objects.filter(case=case, action="personal_data_destroy").count() == 1
    assert Reporter.history.filter(case_id=case.pk).count() == history


def test_queries_grow_by_a_constant_per_case():
    counts = []
    for number in (1, 2, 3):
        for _case in range(number):
            closed_case(months_ago=37)
        with CaptureQueriesContext(connection) as queries:
            assert destroy().cases == number
        counts.append(len(queries))
    assert counts[2] - counts[1] == counts[1] - counts[0] <= 22, counts


def test_deleting_a_case_whose_identity_was_viewed_is_refused():
    from django.db.models import ProtectedError

    case = closed_case(CaseKind.TO_CAO, months_ago=1)
    IdentityAccessLog.objects.create(case=case, user=UserFactory(), purpose="Xác minh")
    with pytest.raises(ProtectedError):
        case.delete()
    assert IdentityAccessLog.objects.filter(case=case).count() == 1


def test_a_destroyed_case_is_not_sent_to_the_national_database_again(tmp_path):
    from complaints.exports.national import national_export_run

    destroyed = closed_case(months_ago=37)
    kept = closed_case(months_ago=1)
    first = national_export_run(directory=tmp_path)
    assert first.new == 2
    destroy()
    second = national_export_run(directory=tmp_path)
    assert (second.examined, second.changed) == (1, 0)
    assert destroyed.personal_data_destroyed_at is None  # the fixture's copy, as it was
    assert Reporter.objects.get(case=kept).name == NAME


@pytest.mark.parametrize(
    "change",
    [
        {"retention_hold": True},
        {"status": CaseStatus.ACCEPTED},
        {"rated_at": months_before(NOW, 1), "rating": 5},
    ],
)
def test_a_case_changed_since_its_selection_is_left_alone(change):
    from complaints.retention.destruction import case_personal_data_destroy

    case = closed_case(months_ago=40)
    Case.objects.filter(pk=case.pk).update(**change)
    assert case_personal_data_destroy(case_id=case.pk, now=NOW) is None
    assert Reporter.objects.get(case=case).name == NAME


def test_a_pin_resent_or_a_linked_case_opened_since_keeps_it():
    from complaints.retention.destruction import case_personal_data_destroy

    resent = closed_case(months_ago=40)
    PinReissue.objects.create(
        case=resent, pin_hash="x", channels="sms", created_at=months_before(NOW, 1),
        expires_at=months_before(NOW, 1), address="digest",
    )  # fmt: skip
    parent = closed_case(CaseKind.KHIEU_NAI, months_ago=130)
    closed_case(CaseKind.KHIEU_NAI, months_ago=1, status=CaseStatus.RECEIVED, parent_case=parent)
    assert case_personal_data_destroy(case_id=resent.pk, now=NOW) is None
    assert case_personal_data_destroy(case_id=parent.pk, now=NOW) is None


def test_a_denunciations_words_stay_secret_once_the_identity_is_gone():
    # Redaction matches the reporter's identity: destroyed, it would match nothing, and the
    # name and CCCD the denouncer typed would reach the denounced unit (Điều 47 Luật Tố cáo).
    from complaints.services.confidential_text import text_reader

    case = closed_case(CaseKind.TO_CAO, months_ago=130)
    case.title = f"Tố cáo của {NAME}"
    case.content = f"Tôi là {NAME}, CCCD {ID_NUMBER}, tố cáo bác sĩ thu tiền."
    case._change_reason = "test"
    case.save()
    assert destroy().cases_by_kind[CaseKind.TO_CAO] == 1
    case.refresh_from_db()
    for text in (case.title, case.content):
        assert NAME not in text and ID_NUMBER not in text and "[đã ẩn]" in text
    assert "tố cáo bác sĩ thu tiền" in case.content
    for version in case.history.all():
        assert NAME not in version.title + version.content
        assert ID_NUMBER not in version.content
    handler = UserFactory(username="nguoi-bi-to-cao")
    read = text_reader(case, user=handler)
    assert NAME not in read(case.content)
