"""The national database export (issue 15): new and changed cases only, idempotent,
personal data per DOMAIN.md §5, every run logged with its counts."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from complaints.exports.national import FORMAT_VERSION, national_export_run
from complaints.models import Case, NationalExportRun
from complaints.services.workflow import case_transition
from tests.complaints.intake_factories import REPORTER, api_body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INTAKE = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


def file_case(client, hospital, kind, **overrides):
    response = client.post(
        "/api/v1/submissions",
        data=json.dumps(api_body(kind, facility=hospital.code, **overrides)),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    return Case.objects.get(tracking_code=response.json()["tracking_code"])


def lines(directory, run):
    if not run.file_name:
        return []
    text = (directory / run.file_name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_a_second_run_sends_nothing_and_a_change_is_sent_again(client, hospital, tmp_path):
    complaint = file_case(client, hospital, "khieu_nai")
    report = file_case(client, hospital, "phan_anh")
    first = national_export_run(directory=tmp_path)
    assert (first.examined, first.new, first.changed, first.unchanged) == (2, 2, 0, 0)
    records = lines(tmp_path, first)
    assert {r["operation"] for r in records} == {"create"}
    assert {r["format"] for r in records} == {FORMAT_VERSION}
    assert {r["record"]["tracking_code"] for r in records} == {
        complaint.tracking_code, report.tracking_code,
    }  # fmt: skip

    second = national_export_run(directory=tmp_path)
    assert (second.new, second.changed, second.unchanged, second.file_name) == (0, 0, 2, "")

    officer = UserFactory(perms=INTAKE)
    # procedure: an online complaint is accepted once its signature is recorded.
    case_transition(case_id=complaint.pk, action="confirm_signature", actor=officer,
                    data={"method": "in_person"}, origin="api")  # fmt: skip
    # Given to the hospital, whose head accepts it (complaints/rules/resolver.py).
    case_transition(case_id=complaint.pk, action="assign", actor=officer,
                    data={"facility": hospital.code}, origin="api")  # fmt: skip
    head = UserFactory(perms=[*INTAKE, "complaints.approve_case"], facility=hospital)
    case_transition(case_id=complaint.pk, action="accept", actor=head,
                    data={}, origin="api")  # fmt: skip
    third = national_export_run(directory=tmp_path)
    assert (third.new, third.changed, third.unchanged) == (0, 1, 1)
    [changed] = lines(tmp_path, third)
    assert changed["operation"] == "update"
    assert changed["record"]["tracking_code"] == complaint.tracking_code
    assert changed["record"]["status"] == "accepted"
    assert [h["action"] for h in changed["record"]["history"]] == [
        "received", "confirm_signature", "assign", "accept",
    ]
    assert NationalExportRun.objects.count() == 3


def test_personal_data_follows_the_rules_of_each_kind(client, hospital, tmp_path):
    denunciation = file_case(client, hospital, "to_cao")
    complaint = file_case(client, hospital, "khieu_nai")
    anonymous = file_case(client, hospital, "phan_anh", anonymous=True, title="Ẩn danh hẳn")
    run = national_export_run(directory=tmp_path)
    by_code = {r["record"]["tracking_code"]: r["record"] for r in lines(tmp_path, run)}
    text = (tmp_path / run.file_name).read_text(encoding="utf-8")
    # A denouncer's identity is never written (Luật TC Art 47), only the mark that it exists.
    reporter = by_code[denunciation.tracking_code]["reporter"]
    assert reporter["withheld"] is True and reporter["confidential"] is True
    assert "Điều 47" in reporter["legal_basis"]
    assert run.identity_withheld == 1
    # A complainant: name, address, ID number, marked confidential; never phone or e-mail.
    block = by_code[complaint.tracking_code]["reporter"]
    assert block["name"] == REPORTER.name and block["id_number"] == REPORTER.id_number
    assert block["confidential"] is True and "phone" not in block and "email" not in block
    assert REPORTER.phone not in text and REPORTER.email not in text
    assert by_code[anonymous.tracking_code]["reporter"] == {"anonymous": True}
    # Only the complaint's block carries the identity: the name appears once per line of it.
    assert text.count(REPORTER.name) == 1


@override_settings(NATIONAL_EXPORT_DENOUNCER_IDENTITY=True)
def test_where_the_identity_is_required_it_is_marked_confidential(client, hospital, tmp_path):
    denunciation = file_case(client, hospital, "to_cao")
    run = national_export_run(directory=tmp_path)
    [record] = [r["record"] for r in lines(tmp_path, run)]
    assert record["tracking_code"] == denunciation.tracking_code
    assert record["reporter"]["name"] == REPORTER.name
    assert record["reporter"]["confidential"] is True and run.identity_withheld == 0


def test_the_command_prints_the_counts_and_writes_the_file(client, hospital, tmp_path):
    file_case(client, hospital, "kien_nghi")
    out = io.StringIO()
    call_command("export_national", "--dir", str(tmp_path), stdout=out)
    counts = json.loads(out.getvalue())
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (1, 0, 0)
    assert (tmp_path / counts["file"]).exists()
    out = io.StringIO()
    call_command("export_national", "--dir", str(tmp_path), stdout=out)
    assert json.loads(out.getvalue())["file"] is None
    assert not list(tmp_path.glob("*.part"))


def test_the_scheduled_task_runs_the_same_export(client, hospital, tmp_path, settings):
    settings.NATIONAL_EXPORT_DIR = str(tmp_path)
    file_case(client, hospital, "phan_anh")
    out = io.StringIO()
    call_command("export_national", "--enqueue", stdout=out)  # immediate backend in tests
    run = NationalExportRun.objects.get()
    assert run.trigger == "task" and run.new == 1 and (tmp_path / run.file_name).exists()


@pytest.mark.parametrize("place", ["/proc/nope", "a-file/below"])
def test_export_into_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path, place):
    (tmp_path / "a-file").write_text("")
    directory = place if place.startswith("/") else str(tmp_path / place)
    with pytest.raises(CommandError, match="thư mục không tồn tại.*does not exist"):
        call_command("export_national", "--dir", directory, stdout=io.StringIO())


def test_the_queued_export_writes_into_the_folder_given(client, hospital, tmp_path, settings):
    settings.NATIONAL_EXPORT_DIR = str(tmp_path / "default")
    file_case(client, hospital, "phan_anh")
    chosen = tmp_path / "chosen"
    out = io.StringIO()
    call_command("export_national", "--enqueue", "--dir", str(chosen), stdout=out)
    assert "queued" in json.loads(out.getvalue())
    run = NationalExportRun.objects.get()  # immediate backend in tests
    assert run.trigger == "task" and run.status == "succeeded" and run.new == 1
    assert (chosen / run.file_name).exists()
    assert not (tmp_path / "default").exists()


@pytest.mark.parametrize("place", ["/proc/nope", "a-file/below"])
def test_a_queued_export_into_a_folder_that_cannot_be_written_is_refused_at_once(
    tmp_path, place
):
    (tmp_path / "a-file").write_text("")
    directory = place if place.startswith("/") else str(tmp_path / place)
    with pytest.raises(CommandError, match="thư mục không tồn tại.*does not exist") as refused:
        call_command("export_national", "--enqueue", "--dir", directory, stdout=io.StringIO())
    assert str(refused.value).startswith(f"Không ghi được vào thư mục {directory}:")
    assert not NationalExportRun.objects.exists()  # nothing queued
