"""The national export's outcome on its run (finding 3–5 of the interop walk): a failed run
says so with its error and marks no case exported; a lost file is written again with
`--since`/`--all`; the files are readable by the portal's user alone."""

from __future__ import annotations

import datetime
import io
import json
import os
import stat

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from complaints.exports import national
from complaints.exports.national import national_export_run
from complaints.models import NationalExportRun, NationalExportState
from tests.complaints.exports.test_national_export import file_case, lines

pytestmark = pytest.mark.django_db


def test_a_run_that_cannot_write_its_file_is_recorded_failed_and_marks_nothing(
    client, hospital, tmp_path, monkeypatch
):
    file_case(client, hospital, "phan_anh")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(national, "_write_file", disk_full)
    with pytest.raises(OSError):
        national_export_run(directory=tmp_path)
    run = NationalExportRun.objects.get()
    assert run.status == NationalExportRun.Status.FAILED
    assert "No space left on device" in run.error
    assert run.finished_at is not None and run.file_name == ""
    assert not NationalExportState.objects.exists()  # exported only once the file is whole
    monkeypatch.undo()
    again = national_export_run(directory=tmp_path)
    assert again.status == NationalExportRun.Status.SUCCEEDED and again.new == 1


def test_a_folder_that_cannot_be_made_leaves_a_failed_run(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(OSError):
        national_export_run(directory=tmp_path / "a-file" / "below")
    run = NationalExportRun.objects.get()
    assert run.status == "failed" and run.error and run.finished_at is not None


def test_the_scheduled_task_failing_is_recorded_on_its_run(tmp_path, settings):
    settings.NATIONAL_EXPORT_DIR = str(tmp_path / "a-file")
    (tmp_path / "a-file").write_text("")  # a plain file where the folder should be
    call_command("export_national", "--enqueue", stdout=io.StringIO())  # immediate backend
    runs = NationalExportRun.objects.all()
    assert runs and all(run.status == "failed" for run in runs)


def test_a_good_run_is_recorded_succeeded(client, hospital, tmp_path):
    file_case(client, hospital, "kien_nghi")
    run = national_export_run(directory=tmp_path)
    assert run.status == "succeeded" and run.error == ""


def test_since_and_all_write_again_what_was_exported(client, hospital, tmp_path):
    first = file_case(client, hospital, "phan_anh")
    second = file_case(client, hospital, "kien_nghi")
    run = national_export_run(directory=tmp_path)
    (tmp_path / run.file_name).unlink()  # the file is lost before anyone took it
    assert national_export_run(directory=tmp_path).file_name == ""  # nothing new

    out = io.StringIO()
    today = timezone.localdate().isoformat()
    call_command("export_national", "--dir", str(tmp_path), "--since", today, stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["resent"] == 2 and counts["new"] == 0
    rewritten = lines(tmp_path, NationalExportRun.objects.get(pk=counts["run"]))
    assert {line["record"]["tracking_code"] for line in rewritten} == {
        first.tracking_code, second.tracking_code
    }
    assert all(line["resent"] is True for line in rewritten)

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    out = io.StringIO()
    call_command("export_national", "--dir", str(tmp_path), "--since", tomorrow, stdout=out)
    assert json.loads(out.getvalue())["resent"] == 0

    out = io.StringIO()
    call_command("export_national", "--dir", str(tmp_path), "--all", stdout=out)
    assert json.loads(out.getvalue())["resent"] == 2


def test_since_must_be_a_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_national", "--since", "07/12/2026", stdout=io.StringIO())


def test_files_are_for_the_portal_user_alone_whatever_the_umask(client, hospital, tmp_path):
    file_case(client, hospital, "khieu_nai")
    directory = tmp_path / "national"
    previous = os.umask(0)
    try:
        run = national_export_run(directory=directory)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE((directory / run.file_name).stat().st_mode) == 0o600
    assert stat.S_IMODE((directory / ".lock").stat().st_mode) == 0o600


def test_an_existing_open_folder_is_closed_to_others(client, hospital, tmp_path):
    file_case(client, hospital, "phan_anh")
    directory = tmp_path / "national"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    national_export_run(directory=directory)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_the_admin_list_shows_each_run_s_outcome_and_error(tmp_path):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import UserFactory

    (tmp_path / "a-file").write_text("")
    with pytest.raises(OSError):
        national_export_run(directory=tmp_path / "a-file")
    client = Client()
    client.force_login(UserFactory(superuser=True))
    page = client.get(reverse("national_exports:index")).content.decode()
    assert "Không thành công" in page and "FileExistsError" in page
