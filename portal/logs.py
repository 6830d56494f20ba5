"""Secrets the portal puts in a URL never reach a log: each opens a case or an account.

- `?pin=`: a tracking code's PIN (the tracking page, the API, the citizen's WebSocket);
- `?khoa=`: the link mailed with a re-sent PIN (`complaints.notifications.notifier`), which
  opens the case for 7 days like the PIN does;
- `?api_key=`: a partner's key, which an Open311 client may put in the query string;
- `/admin/password_reset/confirm/<uid>/<token>/`: a staff password-reset link (Django
  then moves on to `…/set-password/`, which is kept).

`redact_secrets` for any text (daphne's access log, uvicorn's and gunicorn's logs,
`portal/serve.py`), `RedactSecretsFilter` for Python logging (LOGGING["filters"]). No
Django import: daphne loads it first.

`BriefRetryFilter`: a background task's attempt that failed and whose retry is queued
(`portal.tasks.RetryQueued`) is one log line, not a traceback (the task worker logs every
FAILED attempt with its exception)."""

import logging
import re

SECRET_PARAMETERS = ("pin", "khoa", "api_key")

_SECRETS_IN_TEXT = (
    re.compile(r"(?i)([?&;](?:" + "|".join(SECRET_PARAMETERS) + r")=)[^&\s\"']*"),
    re.compile(r"(/password_reset/confirm/[^/\s?\"']+/)(?!set-password/)[^/\s?&\"']+"),
)


def redact_secrets(text: str) -> str:
    """`…?pin=12345678` → `…?pin=[redacted]`, and so for every secret above."""
    for pattern in _SECRETS_IN_TEXT:
        text = pattern.sub(r"\1[redacted]", text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class BriefRetryFilter(logging.Filter):
    """A record carrying a `RetryQueued` (or any exception marked `brief_in_logs`): its
    traceback is dropped and the exception's one-line message added to the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if getattr(error, "brief_in_logs", False):
            record.msg, record.args = f"{record.getMessage()}: {error}", ()
            record.exc_info, record.exc_text = None, None
        return True
