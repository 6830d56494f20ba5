"""Nobody can lock a citizen out of their case (issue 12, item 2), and guessing a PIN
stays hopeless (docs/citizen.md, "Guessing a PIN")."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from complaints import ratelimit
from complaints.kinds import Channel
from complaints.models import PinFailure
from complaints.selectors.tracking import case_lookup, link_token
from complaints.services.intake import case_submit
from tests.complaints.intake_factories import submission

pytestmark = pytest.mark.django_db

OWNER = "203.0.113.7"


@pytest.fixture
def filed(hospital):
    return case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)


def _guess(code, address, times, start=0):
    for n in range(start, start + times):
        try:
            case_lookup(tracking_code=code, pin=f"{n:08d}", client_ip=address)
        except ratelimit.Throttled:
            pass


def test_a_strangers_failures_leave_the_owners_pin_working(filed):
    code = filed.case.tracking_code
    _guess(code, "198.51.100.1", 50)  # far past every limit, from one address
    assert PinFailure.objects.filter(code=code).count() == 5  # then refused unchecked
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin=filed.pin, client_ip="198.51.100.1")
    assert case_lookup(tracking_code=code, pin=filed.pin, client_ip=OWNER) == filed.case


def test_many_addresses_make_the_code_one_try_a_day_and_the_right_pin_still_opens(filed):
    code = filed.case.tracking_code
    for n in range(10):  # 10 addresses x 2 wrong PINs = 20: the code is under attack
        _guess(code, f"198.51.100.{n}", 2, start=n * 2)
    # A new address now gets one try on this code: a wrong one, then it waits a day.
    assert case_lookup(tracking_code=code, pin="99999999", client_ip="192.0.2.50") is None
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin="99999998", client_ip="192.0.2.50")
    # The owner, typing the right PIN, opens it.
    assert case_lookup(tracking_code=code, pin=filed.pin, client_ip=OWNER) == filed.case


def test_the_link_secret_opens_even_a_code_under_attack(filed):
    code = filed.case.tracking_code
    for n in range(25):
        _guess(code, f"198.51.100.{n}", 1, start=n)
    _guess(code, OWNER, 1, start=500)  # the owner mistyped once: PIN tries are used up
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin=filed.pin, client_ip=OWNER)
    token = link_token(tracking_code=code, stored_hash=filed.case.pin_hash)
    assert len(token) == 32
    assert case_lookup(tracking_code=code, pin=token, client_ip=OWNER) == filed.case


def test_counters_survive_a_flushed_cache(filed):
    """Junk look-ups that evict cache keys cannot reset the count: it is in the database."""
    code = filed.case.tracking_code
    _guess(code, "198.51.100.1", 5)
    cache.clear()
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin=filed.pin, client_ip="198.51.100.1")


def test_an_address_trying_many_codes_is_stopped(filed):
    for n in range(20):
        case_lookup(tracking_code=f"YT-2026-{900000 + n}", pin="12345678", client_ip="198.51.100.9")
    with pytest.raises(ratelimit.Throttled):
        case_lookup(
            tracking_code=filed.case.tracking_code, pin="12345678", client_ip="198.51.100.9"
        )


def test_failures_expire_with_their_window(filed):
    code = filed.case.tracking_code
    _guess(code, "198.51.100.1", 5)
    PinFailure.objects.update(at=timezone.now() - datetime.timedelta(hours=2))
    assert case_lookup(tracking_code=code, pin=filed.pin, client_ip="198.51.100.1") == filed.case


def test_addresses_are_stored_as_digests(filed):
    _guess(filed.case.tracking_code, "198.51.100.1", 1)
    row = PinFailure.objects.get()
    assert "198.51.100.1" not in row.address and len(row.address) == 32


def test_spraying_many_codes_from_many_addresses_slows_every_guesser(filed, settings):
    settings.COMPLAINTS_RATE_LIMITS = {"pin_all": (30, 3600), "pin_address_attacked": (3, 86400)}
    for n in range(30):  # 30 addresses, one wrong PIN each on a different code
        case_lookup(tracking_code=f"YT-2026-{800000 + n}", pin="1", client_ip=f"198.51.100.{n}")
    guesser = "192.0.2.77"
    for n in range(3):
        case_lookup(tracking_code=f"YT-2026-{700000 + n}", pin="1", client_ip=guesser)
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code="YT-2026-700009", pin="1", client_ip=guesser)
    # The owner's right PIN still opens their case.
    assert case_lookup(tracking_code=filed.case.tracking_code, pin=filed.pin,
                       client_ip=OWNER) == filed.case


def test_the_link_secret_opens_after_the_addresss_own_tries_are_used_up(filed):
    """The per-address rules (5 on the code, 20 on every code) do not hold the link back."""
    code = filed.case.tracking_code
    _guess(code, OWNER, 5)
    for n in range(20):
        _guess(f"YT-2026-{900000 + n}", OWNER, 1)
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin=filed.pin, client_ip=OWNER)
    token = link_token(tracking_code=code, stored_hash=filed.case.pin_hash)
    assert case_lookup(tracking_code=code, pin=token, client_ip=OWNER) == filed.case


def test_a_resend_gains_a_guesser_nothing_once_the_code_is_under_attack(filed):
    """The re-send restarts only the address's own count on the code; the rules of a code
    under attack still count every failure."""
    from complaints.models import PinReissue

    code = filed.case.tracking_code
    for n in range(10):
        _guess(code, f"198.51.100.{n}", 2, start=n * 2)  # 20: under attack
    now = timezone.now()
    PinReissue.objects.create(
        case=filed.case, pin_hash="x", channels="email", created_at=now,
        expires_at=now + datetime.timedelta(days=7),
        address=ratelimit.address_digest("198.51.100.0"),
    )
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=code, pin="77777777", client_ip="198.51.100.0")
