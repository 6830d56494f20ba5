"""The national export's record of a complaint or denunciation carries its conclusion in force:
the written decision's số, ký hiệu and day (khoản 1 Điều 31, khoản 1 Điều 40 Luật Khiếu nại;
khoản 1 Điều 35 Luật Tố cáo) and its finding (điểm g khoản 2 Điều 31, điểm h khoản 2 Điều 40
Luật Khiếu nại; điểm c khoản 2 Điều 35 Luật Tố cáo); an optional block (docs/api.md), absent
before a conclusion and once a reopening undoes it."""

from __future__ import annotations

import datetime
import json

import pytest

from complaints.exports.national import national_export_run
from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import UserFactory, paper_decision

pytestmark = pytest.mark.django_db

ANSWER = {"conclusion": "Có cơ sở một phần.", "public_answer": "Đã chấn chỉnh."}


def records(directory, run) -> dict[str, dict]:
    text = (directory / run.file_name).read_text(encoding="utf-8") if run.file_name else ""
    found = (json.loads(line)["record"] for line in text.splitlines())
    return {record["tracking_code"]: record for record in found}


def test_the_conclusion_decision_and_finding_are_exported(tmp_path):
    boss = UserFactory(superuser=True)
    complaint = case_in(CaseKind.KHIEU_NAI, CaseStatus.VERIFYING)
    denunciation = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    pending = case_in(CaseKind.TO_CAO, CaseStatus.VERIFYING)
    signed = complaint.accepted_at.date() + datetime.timedelta(days=10)
    act(complaint, "conclude", boss,
        **ANSWER | paper_decision(symbol="12/QĐ-SYT", on=signed, finding="partly_correct"))
    act(denunciation, "conclude", boss, **ANSWER | paper_decision(symbol="05/KL-TTr",
                                                                  finding="wrong"))
    exported = records(tmp_path, national_export_run(directory=tmp_path))
    assert exported[complaint.tracking_code]["conclusion"] == {
        "decision_symbol": "12/QĐ-SYT",
        "decision_date": signed.isoformat(),
        "decision_source": "paper",
        "finding": "partly_correct",
        "finding_label": "Khiếu nại đúng một phần",
    }
    block = exported[denunciation.tracking_code]["conclusion"]
    assert (block["decision_symbol"], block["finding_label"]) == ("05/KL-TTr",
                                                                  "Tố cáo sai sự thật")
    # The denouncer's identity stays withheld (Điều 47 Luật Tố cáo).
    assert exported[denunciation.tracking_code]["reporter"]["withheld"] is True
    assert "conclusion" not in exported[pending.tracking_code]

    act(complaint, "reopen", boss, reason="Kết luận chưa đầy đủ",
        review_decision="Quyết định 30/QĐ-SYT ngày 20/09/2026")  # fmt: skip
    again = records(tmp_path, national_export_run(directory=tmp_path))
    assert "conclusion" not in again[complaint.tracking_code]


def test_a_conclusion_recorded_before_the_decision_and_finding_exports_no_block(tmp_path):
    older = case_in(CaseKind.KHIEU_NAI, CaseStatus.CONCLUDED)
    exported = records(tmp_path, national_export_run(directory=tmp_path))
    assert "conclusion" not in exported[older.tracking_code]
