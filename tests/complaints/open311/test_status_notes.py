"""Open311's `status_notes` (anonymous, world-readable) is the public status label and,
once concluded, the public answer ("trả lời công khai"): never the message staff wrote to
the citizen (what to send, why refused or forwarded), which may name the citizen."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, public_status
from complaints.selectors.tracking import status_label
from tests.complaints.workflow.helpers import act, case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
STAFF = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]
LEADER = [*STAFF, "complaints.approve_case"]
NAMED = "Bà Nguyễn Thị Dân (0905123456) gửi thêm hoá đơn"


def _case(status=CaseStatus.RECEIVED):
    return case_in(CaseKind.PHAN_ANH, status, facility=FacilityFactory(),
                   received_at=timezone.now())  # fmt: skip


def _published(case) -> list[str]:
    """The feed's texts for `case`: the list and the single request, in JSON and XML."""
    client = Client()
    [row] = [
        r for r in client.get(f"{BASE}/requests.json").json()
        if r["service_request_id"] == case.tracking_code
    ]
    texts = [row["status_notes"], json.dumps(row, ensure_ascii=False)]
    for url in (f"{BASE}/requests.xml", f"{BASE}/requests/{case.tracking_code}.json",
                f"{BASE}/requests/{case.tracking_code}.xml"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        texts.append(response.content.decode())
    return texts


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("request_info", {"message": f"Đề nghị {NAMED}."}),
        ("reject", {"reason": f"{NAMED} đã rút yêu cầu.", "legal_ground": "pa_outside_scope"}),
        ("forward", {"to": "UBND xã Phổ Cường", "reason": f"{NAMED}: việc của xã."}),
    ],
)
def test_what_staff_wrote_to_the_citizen_is_not_published(action, data):
    case = _case()
    act(case, action, UserFactory(perms=STAFF), **data)
    case.refresh_from_db()
    notes, *texts = _published(case)
    assert notes == status_label(public_status(case.status), case.kind)
    for text in texts:
        assert "Nguyễn Thị Dân" not in text and "0905123456" not in text


def test_the_public_answer_is_published_once_concluded():
    case = _case(CaseStatus.VERIFYING)
    act(case, "conclude", UserFactory(perms=LEADER), conclusion="Nội bộ: đã nhắc nhở khoa.",
        public_answer="Khoa đã bổ sung ghế chờ.")  # fmt: skip
    case.refresh_from_db()
    notes, *texts = _published(case)
    label = status_label(public_status(case.status), case.kind)
    assert notes == f"{label} — Khoa đã bổ sung ghế chờ."
    assert label == "Đã có kết quả xử lý"  # a phản ánh is answered, not concluded
    assert all("Nội bộ" not in text for text in texts)
