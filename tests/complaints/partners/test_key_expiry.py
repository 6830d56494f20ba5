"""A partner's API key expires (`PartnerKey.expires_at`): issued for
`PORTAL_PARTNER_KEY_DAYS` (365) days or `--days N`, refused after with 401 and the date in
the caller's language, shortened (never extended) in the admin, listed on the admin home
30 days ahead, and its partner's contact mailed once 30 and once 7 days before."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case, Partner, PartnerCall, PartnerKey
from tests.complaints.intake_factories import api_body
from tests.complaints.open311.test_georeport import spec_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def expire(raw: str, at: datetime.datetime) -> PartnerKey:
    key = PartnerKey.objects.get(prefix=raw[:10])
    PartnerKey.objects.filter(pk=key.pk).update(expires_at=at)
    key.refresh_from_db()
    return key


def on_the_day(instant: datetime.datetime) -> str:
    return timezone.localtime(instant).strftime("%d/%m/%Y")


def file_by_api(raw, hospital, query="", **headers):
    return Client().post(
        f"/api/v1/submissions{query}", data=json.dumps(api_body(facility=hospital.code)),
        content_type="application/json", HTTP_X_API_KEY=raw, **headers,
    )  # fmt: skip


# ---- refusal -----------------------------------------------------------------------------


def test_an_expired_key_is_refused_on_the_partner_api_with_its_date(partner_key, hospital):
    key = expire(partner_key, timezone.now() - DAY)
    day = on_the_day(key.expires_at)
    reader = Client(headers={"X-API-Key": partner_key})

    refused = reader.get("/api/v1/partner/submissions")
    assert refused.status_code == 401
    assert refused.json()["detail"] == (
        f"Khóa API đã hết hạn ngày {day}; đề nghị Sở Y tế cấp khóa mới."
    )
    english = "The API key expired on {}; ask the Department of Health for a new key."
    assert reader.get("/api/v1/partner/submissions?lang=en").json()["detail"] == (
        english.format(day)
    )
    by_header = reader.get("/api/v1/partner/submissions", HTTP_ACCEPT_LANGUAGE="en")
    assert by_header.status_code == 401 and by_header.json()["detail"] == english.format(day)

    filing = file_by_api(partner_key, hospital)
    assert filing.status_code == 401 and "đã hết hạn ngày" in filing.json()["detail"]
    assert not Case.objects.exists()
    # Logged against the key, like a revoked one's refusal.
    assert set(PartnerCall.objects.values_list("key", "status_code")) == {(key.pk, 401)}


def test_an_expired_key_is_refused_on_open311_with_401(partner_key, category, hospital):
    key = expire(partner_key, timezone.now() - datetime.timedelta(seconds=1))
    day = on_the_day(key.expires_at)
    refused = Client().post("/open311/v2/requests.json", spec_post(partner_key, category, hospital))
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "ApiKey"
    message = f"Khóa API đã hết hạn ngày {day}; đề nghị Sở Y tế cấp khóa mới."
    assert refused.json() == [{"code": 401, "description": message}]
    english = Client().post(
        "/open311/v2/requests.json?lang=en", spec_post(partner_key, category, hospital)
    )
    assert english.status_code == 401
    assert english.json()[0]["description"] == (
        f"The API key expired on {day}; ask the Department of Health for a new key."
    )
    assert not Case.objects.exists()
    assert PartnerCall.objects.filter(key=key, status_code=401).count() == 2


def test_a_key_a_second_before_its_expiry_works(partner_key, category, hospital):
    reader = Client(headers={"X-API-Key": partner_key})
    assert reader.get("/api/v1/partner/submissions").status_code == 200  # warmed up
    expire(partner_key, timezone.now() + datetime.timedelta(seconds=1))
    assert reader.get("/api/v1/partner/submissions").status_code == 200
    expire(partner_key, timezone.now() + datetime.timedelta(seconds=1))
    filed = Client().post("/open311/v2/requests.json", spec_post(partner_key, category, hospital))
    assert filed.status_code == 201, filed.content


# ---- issuing -----------------------------------------------------------------------------


def issued(partner, *args) -> PartnerKey:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_partner_key", partner.code, *args, stdout=out, stderr=err)
    raw = out.getvalue().strip()
    key = PartnerKey.objects.get(prefix=raw[:10])
    assert f"hết hạn ngày {on_the_day(key.expires_at)}" in err.getvalue()
    return key


def test_the_issuing_command_sets_the_expiry_from_days_or_the_setting(partner, settings):
    before = timezone.now()
    key = issued(partner, "--days", "30")
    assert before + 30 * DAY <= key.expires_at <= timezone.now() + 30 * DAY
    key = issued(partner)
    assert before + 365 * DAY <= key.expires_at <= timezone.now() + 365 * DAY
    settings.PORTAL_PARTNER_KEY_DAYS = 90
    key = issued(partner)
    assert before + 90 * DAY <= key.expires_at <= timezone.now() + 90 * DAY
    with pytest.raises(CommandError, match="--days"):
        call_command("issue_partner_key", partner.code, "--days", "0", stdout=io.StringIO())


# ---- the admin ---------------------------------------------------------------------------


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(superuser=True))
    return client


def test_the_admin_shortens_an_expiry_but_never_extends_it_nor_sets_it_past(
    admin_client, partner, partner_key
):
    key = PartnerKey.objects.get()
    listing = admin_client.get(reverse("partner_keys:index")).content.decode()
    assert on_the_day(key.expires_at) in listing
    url = reverse("partner_keys:edit", args=[key.pk])
    today = timezone.localdate()

    def edit(day):
        return admin_client.post(url, {"name": key.name, "expires_on": day.isoformat()})

    later = edit(timezone.localdate(key.expires_at) + DAY)
    assert later.status_code == 200 and "cấp khóa mới" in later.content.decode()
    past = edit(today - DAY)
    assert past.status_code == 200 and "đã qua" in past.content.decode()
    kept = key.expires_at
    key.refresh_from_db()
    assert key.expires_at == kept

    assert edit(today + 10 * DAY).status_code == 302
    key.refresh_from_db()
    assert timezone.localdate(key.expires_at) == today + 10 * DAY
    assert timezone.localtime(key.expires_at).time() == timezone.localtime(kept).time()


def test_the_admin_home_lists_the_keys_expiring_within_30_days(admin_client, partner):
    soon, soon_raw = PartnerKey.issue(partner=partner, name="sắp hết hạn", days=12)
    later, _raw = PartnerKey.issue(partner=partner, name="còn lâu", days=60)
    revoked, _raw = PartnerKey.issue(partner=partner, name="đã thu hồi", days=5)
    revoked.revoke()
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Khóa API đối tác sắp hết hạn" in home
    assert soon.prefix in home and on_the_day(soon.expires_at) in home
    assert reverse("partner_keys:edit", args=[soon.pk]) in home
    assert later.prefix not in home and revoked.prefix not in home
    # Only who manages the partners sees it.
    editor = Client()
    editor.force_login(UserFactory(admin_access=True, perms=["complaints.view_partnerkey"]))
    seen = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Khóa API đối tác sắp hết hạn" not in seen
    manager = Client()
    manager.force_login(UserFactory(admin_access=True, perms=["complaints.change_partner"]))
    assert soon.prefix in manager.get(reverse("wagtailadmin_home")).content.decode()


# ---- the warning mails -------------------------------------------------------------------


def warn() -> str:
    out = io.StringIO()
    call_command("warn_partner_key_expiry", stdout=out)
    return out.getvalue()


def test_the_partners_contact_is_mailed_once_30_and_once_7_days_ahead(
    partner, django_capture_on_commit_callbacks
):
    Partner.objects.filter(pk=partner.pk).update(contact_email="ketnoi@dichvucong.gov.vn")
    key, _raw = PartnerKey.issue(partner=partner, name="sản xuất", days=25)
    PartnerKey.issue(partner=partner, name="còn lâu", days=200)
    PartnerKey.issue(partner=partner, name="đã thu hồi", days=20)[0].revoke()
    mute = Partner.objects.create(code="khong-thu", name="Đối tác không có thư")
    PartnerKey.issue(partner=mute, name="không ai nhận", days=3)

    with django_capture_on_commit_callbacks(execute=True):
        warn()
    [first] = mail.outbox
    assert first.to == ["ketnoi@dichvucong.gov.vn"]
    assert first.subject.startswith("[Sở Y tế")
    assert key.prefix in first.body and on_the_day(key.expires_at) in first.body
    assert "Cổng Dịch vụ công quốc gia" in first.body and "cấp khóa mới" in first.body

    with django_capture_on_commit_callbacks(execute=True):
        warn()
    assert len(mail.outbox) == 1  # the 30-day warning is sent once

    PartnerKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() + 6 * DAY)
    key.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        warn()
    assert len(mail.outbox) == 2
    assert on_the_day(key.expires_at) in mail.outbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        warn()
    assert len(mail.outbox) == 2  # the 7-day warning once too


def test_a_key_first_seen_within_7_days_gets_only_the_7_day_warning(
    partner, django_capture_on_commit_callbacks
):
    Partner.objects.filter(pk=partner.pk).update(contact_email="ketnoi@dichvucong.gov.vn")
    PartnerKey.issue(partner=partner, name="ngắn hạn", days=5)
    with django_capture_on_commit_callbacks(execute=True):
        warn()
        warn()
    assert len(mail.outbox) == 1


def test_the_issuing_command_issues_up_to_the_longest_period(partner):
    before = timezone.now()
    key = issued(partner, "--days", "1095")
    assert before + 1095 * DAY <= key.expires_at <= timezone.now() + 1095 * DAY


@pytest.mark.parametrize("days", ["0", "-3", "1096", "100000", "3000000"])
def test_the_issuing_command_refuses_a_period_out_of_bounds_in_one_line(partner, days):
    with pytest.raises(CommandError) as refused:
        call_command("issue_partner_key", partner.code, "--days", days, stdout=io.StringIO())
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("--days") and "từ 1 đến 1095 ngày" in message
    assert not PartnerKey.objects.exists()


# ---- the admin's list of keys ------------------------------------------------------------


def expired_since(key: PartnerKey, ago: datetime.timedelta) -> PartnerKey:
    PartnerKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() - ago)
    key.refresh_from_db()
    return key


@pytest.fixture
def keys_of_each_state(partner):
    in_term, _raw = PartnerKey.issue(partner=partner, name="một năm")
    expiring, _raw = PartnerKey.issue(partner=partner, name="năm ngày", days=5)
    expired = expired_since(PartnerKey.issue(partner=partner, name="cũ", days=5)[0], 2 * DAY)
    revoked, _raw = PartnerKey.issue(partner=partner, name="bỏ", days=100)
    revoked.revoke()
    return {"in_term": in_term, "expiring": expiring, "expired": expired, "revoked": revoked}


def test_the_key_list_shows_the_expiry_day_and_how_long_is_left_or_since_when(
    admin_client, keys_of_each_state
):
    keys = keys_of_each_state
    long_ago = timezone.now() - 40 * DAY  # no other column of the list reads "Vừa xong"
    PartnerKey.objects.update(created_at=long_ago)
    PartnerKey.objects.filter(revoked_at__isnull=False).update(revoked_at=long_ago)
    listing = admin_client.get(reverse("partner_keys:index")).content.decode()
    assert "Vừa xong" not in listing  # Wagtail's relative time reads a future instant so
    assert f"{on_the_day(keys['in_term'].expires_at)} (còn 365 ngày)" in listing
    assert f"{on_the_day(keys['expiring'].expires_at)} (còn 5 ngày)" in listing
    assert f"Đã hết hạn ngày {on_the_day(keys['expired'].expires_at)}" in listing
    assert "Đã thu hồi" in listing


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ("in_term", {"in_term", "expiring"}),
        ("expiring", {"expiring"}),
        ("expired", {"expired"}),
        ("revoked", {"revoked"}),
        ("", {"in_term", "expiring", "expired", "revoked"}),
    ],
)
def test_the_key_list_filters_by_state(admin_client, keys_of_each_state, state, shown):
    listing = admin_client.get(reverse("partner_keys:index"), {"state": state})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Tình trạng" in page and "Sắp hết hạn (trong 30 ngày)" in page
    assert {name for name, key in keys_of_each_state.items() if key.prefix in page} == shown


# ---- the admin home's panel --------------------------------------------------------------


def test_the_admin_home_lists_the_keys_expired_within_30_days_first(admin_client, partner):
    soon, _raw = PartnerKey.issue(partner=partner, name="sắp hết hạn", days=12)
    lately = expired_since(PartnerKey.issue(partner=partner, name="vừa hết", days=5)[0], 3 * DAY)
    long_ago = expired_since(PartnerKey.issue(partner=partner, name="đã lâu", days=5)[0], 40 * DAY)
    revoked = expired_since(PartnerKey.issue(partner=partner, name="thu hồi", days=5)[0], DAY)
    revoked.revoke()
    stopped = Partner.objects.create(code="da-ngung", name="Đối tác đã ngừng", is_active=False)
    of_stopped = expired_since(PartnerKey.issue(partner=stopped, name="ngừng", days=5)[0], DAY)

    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Khóa API đối tác sắp hết hạn" in home
    assert f"Đã hết hạn ngày {on_the_day(lately.expires_at)}" in home
    assert reverse("partner_keys:edit", args=[lately.pk]) in home
    assert home.index(lately.prefix) < home.index(soon.prefix)
    for absent in (long_ago, revoked, of_stopped):
        assert absent.prefix not in home


def test_the_home_panel_reads_its_keys_in_one_query(partner, rf, django_assert_num_queries):
    from complaints.partners.expiry_panel import add_expiring_keys_panel

    for days in (3, 10, 20):
        PartnerKey.issue(partner=partner, name=f"{days} ngày", days=days)
        expired_since(PartnerKey.issue(partner=partner, name="cũ", days=5)[0], days * DAY)
    request = rf.get("/admin/")
    request.user = UserFactory(superuser=True)
    panels = []
    with django_assert_num_queries(1):
        add_expiring_keys_panel(request, panels)
        html = panels[0].render_html({"request": request})
    assert html.count("Đã hết hạn ngày") == 3 and html.count("còn ") == 3
