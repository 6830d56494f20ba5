"""Text messages (SMS): one small interface, a backend chosen by settings.

    SMS_BACKEND = "complaints.notifications.sms.FileBackend"      # default: var/sms/
    SMS_BACKEND = "complaints.notifications.sms.HttpGatewayBackend"  # production
    SMS_BACKEND = "complaints.notifications.sms.LocmemBackend"    # tests: sms.outbox
    SMS_BACKEND = "complaints.notifications.sms.DisabledBackend"  # the portal sends no SMS

Like Django's e-mail backends: the file backend writes each message to
`SMS_FILE_PATH` (one file a message) so a developer reads what a citizen would get;
the gateway backend POSTs JSON to the operator's HTTP API (`SMS_GATEWAY_URL`, with
`SMS_GATEWAY_TOKEN` as a bearer token and `SMS_SENDER` as brand name) and raises on
any failure, so the background task retries it. Sending happens only in background
tasks (`complaints.notifications.notifier`), never inside a request.

`sms_available()` is the one answer to "does this portal send text messages?": False
with `DisabledBackend` (production without a gateway, chosen on purpose:
`portal/settings/production.py` refuses to start with neither). Then no form, page or
API offers the SMS consent, nothing is sent by SMS, and the "Ngừng nhận thông báo" box
shows no SMS line; every place asks this function."""

from __future__ import annotations

import abc
import datetime
import json
import re
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

outbox: list[SmsMessage] = []  # LocmemBackend's messages (tests)

_PHONE_RE = re.compile(r"^(?:\+?84|0)(\d{9})$")


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


def normalize_phone(raw: str) -> str | None:
    """A Vietnamese mobile number as +84xxxxxxxxx, or None if it is not one."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    match = _PHONE_RE.match(digits)
    return f"+84{match.group(1)}" if match else None


class BaseBackend(abc.ABC):
    # Whether citizens may be offered SMS with this backend (`sms_available`).
    available = True

    @abc.abstractmethod
    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send the messages; return how many were accepted."""


class LocmemBackend(BaseBackend):
    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


class DisabledBackend(BaseBackend):
    """The portal sends no text messages (no operator's gateway): nothing is offered, and
    a message that reaches it anyway is dropped."""

    available = False

    def send_messages(self, messages):
        return 0


class FileBackend(BaseBackend):
    """Each message as a UTF-8 text file in `SMS_FILE_PATH` (default `var/sms/`)."""

    def send_messages(self, messages):
        folder = Path(getattr(settings, "SMS_FILE_PATH", Path(settings.VAR_DIR) / "sms"))
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.txt"
            path.write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")
        return len(messages)


class HttpGatewayBackend(BaseBackend):
    """POST {"to", "text", "sender"} as JSON to `SMS_GATEWAY_URL`; 2xx is success."""

    def send_messages(self, messages):
        url = settings.SMS_GATEWAY_URL
        token = getattr(settings, "SMS_GATEWAY_TOKEN", "")
        sender = getattr(settings, "SMS_SENDER", "")
        for message in messages:
            body = json.dumps(
                {"to": message.to, "text": message.body, "sender": sender}, ensure_ascii=False
            ).encode()
            request = urllib.request.Request(  # noqa: S310 (the URL is the operator's setting)
                url, data=body, method="POST", headers={"Content-Type": "application/json"}
            )
            if token:
                request.add_header("Authorization", f"Bearer {token}")
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if not 200 <= response.status < 300:
                    raise OSError(f"SMS gateway answered {response.status}")
        return len(messages)


def _backend_class() -> type[BaseBackend]:
    return import_string(
        getattr(settings, "SMS_BACKEND", "complaints.notifications.sms.FileBackend")
    )


def get_backend() -> BaseBackend:
    return _backend_class()()


def sms_available() -> bool:
    """Whether the portal sends text messages: the one place every form, page, API and
    notice asks before offering or sending SMS."""
    return bool(getattr(_backend_class(), "available", True))


def send_sms(*, to: str, body: str) -> int:
    """Send one message now (call from a background task). Returns messages sent."""
    phone = normalize_phone(to)
    if phone is None or not sms_available():
        return 0
    return get_backend().send_messages([SmsMessage(to=phone, body=body)])
