"""PINs never reach a log: a tracking code and its PIN open a citizen's case.

`redact_pins` for any text (daphne's access log, `portal/serve.py`), `RedactPinFilter`
for Python logging (LOGGING["filters"]). No Django import: daphne loads it first."""

import logging
import re

_PIN_IN_TEXT = re.compile(r"(?i)([?&;]pin=)[^&\s\"']*")


def redact_pins(text: str) -> str:
    """`…?pin=12345678` → `…?pin=[redacted]`."""
    return _PIN_IN_TEXT.sub(r"\1[redacted]", text)


class RedactPinFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_pins(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
