"""Partner API keys (issue 15): shown once, stored hashed, scoped (file, read own),
revocable, and every call logged."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from complaints.models import Case, Partner, PartnerCall, PartnerKey
from complaints.models.tokens import api_key_hash
from tests.complaints.intake_factories import api_body

pytestmark = pytest.mark.django_db


def post(client, body, **headers):
    return client.post(
        "/api/v1/submissions", data=json.dumps(body), content_type="application/json", **headers
    )


def test_a_key_is_stored_hashed_and_printed_once(partner):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_partner_key", partner.code, "--name", "thử", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    key = PartnerKey.objects.get()
    assert raw.startswith("yp_") and key.key_hash == api_key_hash(raw) and raw not in key.key_hash
    assert key.prefix == raw[:10] and "một lần" in err.getvalue()


def test_a_partner_files_and_the_case_is_attributed_and_the_call_logged(
    partner, partner_key, hospital
):
    response = post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY=partner_key)
    assert response.status_code == 201, response.json()
    case = Case.objects.get()
    assert case.partner == partner and case.channel == "api"
    call = PartnerCall.objects.get()
    assert (call.partner, call.method, call.path, call.status_code, call.tracking_code) == (
        partner, "POST", "/api/v1/submissions", 201, case.tracking_code,
    )  # fmt: skip
    # An error answered to a partner is logged too.
    assert post(Client(), {"kind": "phan_anh"}, HTTP_X_API_KEY=partner_key).status_code == 400
    assert PartnerCall.objects.filter(status_code=400).count() == 1


def test_anyone_may_still_file_without_a_key_and_nothing_is_logged(hospital):
    response = post(Client(), api_body(facility=hospital.code))
    assert response.status_code == 201
    assert Case.objects.get().partner is None and not PartnerCall.objects.exists()


def test_a_bad_or_revoked_key_is_refused_and_nothing_saved(partner, hospital):
    bad = post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY="yp_khong-dung")
    assert bad.status_code == 401 and "detail" in bad.json()
    key, raw = PartnerKey.issue(partner=partner, name="cũ")
    key.revoke()
    assert post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY=raw).status_code == 401
    partner_key_2 = PartnerKey.issue(partner=partner, name="mới")[1]
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    refused = post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY=partner_key_2)
    assert refused.status_code == 401
    assert not Case.objects.exists()


def test_scopes_are_enforced(partner, partner_key, hospital):
    Partner.objects.filter(pk=partner.pk).update(can_file=False)
    refused = post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY=partner_key)
    assert refused.status_code == 403 and not Case.objects.exists()
    Partner.objects.filter(pk=partner.pk).update(can_file=True, can_read_own=False)
    assert (
        post(Client(), api_body(facility=hospital.code), HTTP_X_API_KEY=partner_key).status_code
        == 201
    )
    client = Client(headers={"X-API-Key": partner_key})
    assert client.get("/api/v1/partner/submissions").status_code == 403


def test_a_partner_reads_only_its_own_cases_never_the_identity(partner, partner_key, hospital):
    mine = post(Client(), api_body("to_cao", facility=hospital.code), HTTP_X_API_KEY=partner_key)
    other = Partner.objects.create(code="smart-city", name="Ứng dụng đô thị thông minh")
    other_raw = PartnerKey.issue(partner=other, name="k")[1]
    theirs = post(
        Client(), api_body(facility=hospital.code, title="Việc khác hẳn"), HTTP_X_API_KEY=other_raw
    )
    public = post(Client(), api_body(facility=hospital.code, title="Việc của người dân"))
    client = Client(headers={"X-API-Key": partner_key})
    page = client.get("/api/v1/partner/submissions").json()
    assert [r["tracking_code"] for r in page["results"]] == [mine.json()["tracking_code"]]
    assert page["count"] == 1 and page["results"][0]["status"] == "received"
    detail = client.get(f"/api/v1/partner/submissions/{mine.json()['tracking_code']}")
    assert detail.status_code == 200
    text = detail.content.decode()
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "lan.nguyen@example.vn"):
        assert secret not in text
    for code in (theirs.json()["tracking_code"], public.json()["tracking_code"]):
        assert client.get(f"/api/v1/partner/submissions/{code}").status_code == 404
    assert client.get("/api/v1/partner/submissions?status=closed").json()["count"] == 0
    assert client.get("/api/v1/partner/submissions?kind=to_cao").json()["count"] == 1
    assert client.get("/api/v1/partner/submissions?status=open").status_code == 400
    assert PartnerCall.objects.filter(partner=partner, method="GET").count() == 7


def test_same_idempotency_key_from_two_partners_makes_two_cases(partner, partner_key, hospital):
    other = Partner.objects.create(code="smart-city", name="Ứng dụng đô thị thông minh")
    other_raw = PartnerKey.issue(partner=other, name="k")[1]
    body = api_body(facility=hospital.code)
    first = post(Client(), body, HTTP_X_API_KEY=partner_key, HTTP_IDEMPOTENCY_KEY="don-1")
    second = post(Client(), body, HTTP_X_API_KEY=other_raw, HTTP_IDEMPOTENCY_KEY="don-1")
    again = post(Client(), body, HTTP_X_API_KEY=partner_key, HTTP_IDEMPOTENCY_KEY="don-1")
    assert (first.status_code, second.status_code, again.status_code) == (201, 201, 200)
    assert first.json()["tracking_code"] != second.json()["tracking_code"]
    assert again.json()["tracking_code"] == first.json()["tracking_code"]


def test_a_partner_is_held_to_its_own_quota_not_to_a_citizens_address_limit(
    partner, partner_key, hospital, settings
):
    settings.COMPLAINTS_RATE_LIMITS = {"submission": (2, 600), "partner_submission": (4, 3600)}
    statuses = [
        post(Client(), api_body(facility=hospital.code, title=f"Việc số {n}"),
             HTTP_X_API_KEY=partner_key).status_code
        for n in range(4)
    ]  # fmt: skip
    assert statuses == [201] * 4  # more than one address may file
    over = post(Client(), api_body(facility=hospital.code, title="Việc thứ năm"),
                HTTP_X_API_KEY=partner_key)  # fmt: skip
    assert over.status_code == 429
    assert 0 < int(over["Retry-After"]) <= 3600
    # Its own quota is named, not a citizen's address limit nor a generic "too many".
    detail = over.json()["detail"]
    assert detail.startswith("Hệ thống đối tác này đã gửi 4 hồ sơ trong 60 phút vừa qua")
    assert "đề nghị Sở Y tế điều chỉnh" in detail and "Địa chỉ mạng" not in detail
    assert Case.objects.filter(partner=partner).count() == 4
    assert PartnerCall.objects.filter(status_code=429).count() == 1
    # The partner's count is its own: a citizen at the same address files, as does
    # another partner, each against their own limit.
    citizen = post(Client(), api_body(facility=hospital.code, title="Của người dân"))
    assert citizen.status_code == 201
    other = Partner.objects.create(code="benh-vien", name="Bệnh viện tỉnh")
    other_raw = PartnerKey.issue(partner=other, name="k")[1]
    assert post(Client(), api_body(facility=hospital.code, title="Việc bệnh viện"),
                HTTP_X_API_KEY=other_raw).status_code == 201  # fmt: skip


def test_a_partners_refused_submissions_count_against_the_partner_not_its_address(
    partner, partner_key, hospital, settings
):
    """Refused by the service (a field missing) and before it (a body that does not
    parse): both count against the partner; the citizens at its address keep theirs."""
    settings.COMPLAINTS_RATE_LIMITS = {"submission_refused": (3, 600)}
    invalid = api_body(facility=hospital.code, title="")
    statuses = [post(Client(), invalid, HTTP_X_API_KEY=partner_key).status_code
                for _ in range(2)]  # fmt: skip
    broken = Client().post("/api/v1/submissions", data="{", content_type="application/json",
                           HTTP_X_API_KEY=partner_key)  # fmt: skip
    statuses.append(broken.status_code)
    assert statuses == [400, 400, 400]
    assert post(Client(), invalid, HTTP_X_API_KEY=partner_key).status_code == 429
    # The same address without the key: a citizen's own allowance, untouched.
    assert post(Client(), invalid).status_code == 400
    assert post(Client(), api_body(facility=hospital.code)).status_code == 201


def test_refusals_of_a_known_key_are_logged_with_it(partner, partner_key, hospital):
    """docs/api.md: every answer to a call made with a partner key, errors included."""
    body = api_body(facility=hospital.code)
    Partner.objects.filter(pk=partner.pk).update(can_file=False, can_read_own=False)
    reader = Client(headers={"X-API-Key": partner_key})
    assert reader.get("/api/v1/partner/submissions").status_code == 403
    assert post(Client(), body, HTTP_X_API_KEY=partner_key).status_code == 403
    Partner.objects.filter(pk=partner.pk).update(can_file=True, can_read_own=True)
    revoked, revoked_raw = PartnerKey.issue(partner=partner, name="cũ")
    revoked.revoke()
    assert post(Client(), body, HTTP_X_API_KEY=revoked_raw).status_code == 401
    open311 = Client().post("/open311/v2/requests.json", {"api_key": revoked_raw})
    assert open311.status_code == 403
    Partner.objects.filter(pk=partner.pk).update(is_active=False)
    assert post(Client(), body, HTTP_X_API_KEY=partner_key).status_code == 401
    # A key that names nobody is refused as before, with no partner to log it against.
    assert post(Client(), body, HTTP_X_API_KEY="yp_khong-ai-co").status_code == 401
    active = PartnerKey.objects.get(name="sản xuất")
    logged = list(
        PartnerCall.objects.order_by("id").values_list("partner", "key", "method", "path",
                                                         "status_code")
    )  # fmt: skip
    assert logged == [
        (partner.pk, active.pk, "GET", "/api/v1/partner/submissions", 403),
        (partner.pk, active.pk, "POST", "/api/v1/submissions", 403),
        (partner.pk, revoked.pk, "POST", "/api/v1/submissions", 401),
        (partner.pk, revoked.pk, "POST", "/open311/v2/requests.json", 403),
        (partner.pk, active.pk, "POST", "/api/v1/submissions", 401),
    ]
    assert not Case.objects.exists()
    revoked.refresh_from_db()
    assert revoked.last_used_at is None  # a refused key is not "used"


def test_updated_since_lists_the_cases_with_a_public_change_on_or_after_the_instant(
    partner, partner_key, hospital
):
    """The partner's catch-up after missed notices: what a webhook would have told it."""
    import datetime

    from django.utils import timezone

    from complaints.models import CaseEvent

    codes = [
        post(Client(), api_body(facility=hospital.code, title=f"Việc số {n}"),
             HTTP_X_API_KEY=partner_key).json()["tracking_code"]
        for n in range(3)
    ]  # fmt: skip
    changed, internal, old = (Case.objects.get(tracking_code=code) for code in codes)
    week_ago = timezone.now() - datetime.timedelta(days=7)
    CaseEvent.objects.update(at=week_ago)
    Case.objects.update(received_at=week_ago)
    since = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    CaseEvent.objects.create(case=changed, action="accept", is_public=True, at=since)
    CaseEvent.objects.create(case=internal, action="assign", is_public=False,
                             at=timezone.now())  # fmt: skip
    client = Client(headers={"X-API-Key": partner_key})

    def codes_since(value):
        answer = client.get("/api/v1/partner/submissions", {"updated_since": value})
        assert answer.status_code == 200, answer.json()
        return [row["tracking_code"] for row in answer.json()["results"]]

    utc = since.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert codes_since(utc) == [changed.tracking_code]  # on or after: the instant itself
    in_vietnam = since.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert codes_since(in_vietnam.isoformat()) == [changed.tracking_code]
    later = (since + datetime.timedelta(seconds=1)).astimezone(datetime.UTC)
    assert codes_since(later.strftime("%Y-%m-%dT%H:%M:%SZ")) == []
    older = (week_ago - datetime.timedelta(seconds=1)).astimezone(datetime.UTC)
    assert sorted(codes_since(older.isoformat())) == sorted(codes)
    # Not an instant with its offset: 400, with what is expected.
    for bad in ("2026-12-07", "2026-12-07T10:00:00", "hôm qua"):
        answer = client.get("/api/v1/partner/submissions", {"updated_since": bad})
        assert answer.status_code == 400
        assert "RFC 3339" in answer.json()["errors"]["updated_since"][0]
    # Any offset RFC 3339 writes (to ±23:59) is its instant, although PostgreSQL stores
    # offsets only to ±15:59 (a fuzzer's +21:46 was a 500 there).
    far_east = since.astimezone(datetime.timezone(datetime.timedelta(hours=21, minutes=46)))
    assert codes_since(far_east.isoformat()) == [changed.tracking_code]
    assert codes_since("4534-02-01T20:52:17.0+21:46") == []
    # An instant with no UTC (an offset at the calendar's end): 400 in words.
    calendar_end = {"updated_since": "9999-12-31T23:00:00-05:00"}
    answer = client.get("/api/v1/partner/submissions", calendar_end)
    assert answer.status_code == 400
    assert answer.json()["errors"]["updated_since"] == [
        "Thời điểm nằm ngoài khoảng có thể ghi nhận."
    ]
