"""Staff password-reset e-mails are throttled per target e-mail and per client address
(`portal.password_reset`); beyond the limits the page answers as when a message went out
(no account enumeration), and nothing is sent."""

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


def ask(email, address="198.51.100.20"):
    return Client(REMOTE_ADDR=address).post(URL, {"email": email})


def test_seven_requests_for_one_email_send_three(settings):
    UserFactory(username="canbo", email="canbo@syt.example.vn", admin_access=True)
    answers = [ask("canbo@syt.example.vn", f"198.51.100.{n}") for n in range(7)]
    assert all(a.status_code == 302 and a["Location"] == DONE for a in answers)
    assert len(mail.outbox) == 3  # "password_reset_email": 3 an hour
    assert {m.to[0] for m in mail.outbox} == {"canbo@syt.example.vn"}
    # The same address written otherwise is the same target.
    assert ask("CanBo@SYT.example.vn", "198.51.100.99")["Location"] == DONE
    assert len(mail.outbox) == 3


def test_one_client_address_gets_ten_requests_an_hour(settings):
    for n in range(12):
        UserFactory(username=f"nv{n}", email=f"nv{n}@syt.example.vn", admin_access=True)
    answers = [ask(f"nv{n}@syt.example.vn", "2001:db8:5:6::1") for n in range(11)]
    assert all(a["Location"] == DONE for a in answers)
    assert len(mail.outbox) == 10  # "password_reset_address"
    ask("nv11@syt.example.vn", "2001:db8:5:6:ffff::2")  # the same /64: the same client
    assert len(mail.outbox) == 10
    ask("nv11@syt.example.vn", "192.0.2.1")  # another client
    assert len(mail.outbox) == 11


def test_an_unknown_address_answers_the_same():
    answer = ask("khongco@example.vn")
    assert answer.status_code == 302 and answer["Location"] == DONE
    assert mail.outbox == []
