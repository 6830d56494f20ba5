"""`python -m portal.serve [daphne options] portal.asgi:application`: daphne with an
access log that never shows a PIN.

Daphne writes its access log itself (not through `logging`), with the query string:
`GET /api/v1/submissions/YT-2026-000123?pin=12345678`. A tracking code and its PIN are
the key to a citizen's case, so the log says `?pin=[redacted]` instead. Same options
as `daphne`; `make run` and the production units use this entry point."""

from __future__ import annotations

import sys

from daphne import cli
from daphne.access import AccessLogGenerator

from portal.logs import redact_pins


class RedactingAccessLog(AccessLogGenerator):
    def write_entry(self, host, date, request, *args, **kwargs):
        super().write_entry(host, date, redact_pins(request), *args, **kwargs)


def main(argv: list[str] | None = None) -> None:
    cli.AccessLogGenerator = RedactingAccessLog
    cli.CommandLineInterface().run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
