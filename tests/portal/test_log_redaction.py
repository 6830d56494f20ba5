"""Every secret the portal puts in a URL is redacted from every log that shows a URL
(`portal.logs`): the PIN, the re-send link's `khoa` (it opens the case for 7 days), a
partner's `api_key`, a staff password-reset token; in uvicorn's access and error logs,
gunicorn's, daphne's and Python logging's."""

from __future__ import annotations

import io
import logging
import logging.config

import pytest

from portal.logs import RedactSecretsFilter, redact_secrets

KHOA = "9f1c2b7e4d5a6c3b8e0f1a2d3c4b5a69"
RESEND_LINK = f"/tra-cuu/YT-2026-000127/?khoa={KHOA}"
RESET = "/admin/password_reset/confirm/Mg/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (RESEND_LINK, "/tra-cuu/YT-2026-000127/?khoa=[redacted]"),
        ("/tra-cuu/A/?lang=en&KHOA=ab12", "/tra-cuu/A/?lang=en&KHOA=[redacted]"),
        ("/api/v1/submissions/A?pin=73914025", "/api/v1/submissions/A?pin=[redacted]"),
        ("/open311/v2/requests.json?api_key=yp_x", "/open311/v2/requests.json?api_key=[redacted]"),
        (f"{RESET}cjk2v4-0a1b2c3d/", f"{RESET}[redacted]/"),
        (f"{RESET}set-password/", f"{RESET}set-password/"),  # what Django moves on to
        ("/tra-cuu/?ma=YT-2026-000127&page=2", "/tra-cuu/?ma=YT-2026-000127&page=2"),
    ],
)
def test_redact_secrets(url, expected):
    assert redact_secrets(url) == expected


def test_python_logging_redacts_the_resend_link(caplog):
    logger = logging.getLogger("tests.secrets")
    logger.addFilter(RedactSecretsFilter())
    with caplog.at_level(logging.INFO, logger="tests.secrets"):
        logger.info("GET %s", RESEND_LINK)
    assert KHOA not in caplog.text and "khoa=[redacted]" in caplog.text


def test_uvicorn_access_and_error_logs_redact_the_resend_link(capsys):
    from portal.serve import uvicorn_log_config

    names = ("uvicorn.access", "uvicorn.error")
    saved = {n: (logging.getLogger(n).handlers[:], logging.getLogger(n).propagate) for n in names}
    logging.config.dictConfig(uvicorn_log_config(None))
    try:
        # What uvicorn's access log and its WebSocket handshake log write.
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:50000", "GET", RESEND_LINK, "1.1", 200
        )
        logging.getLogger("uvicorn.error").info(
            '%s - "WebSocket %s" [accepted]', "127.0.0.1:50000", RESEND_LINK
        )
    finally:
        for name, (handlers, propagate) in saved.items():
            logging.getLogger(name).handlers[:] = handlers
            logging.getLogger(name).propagate = propagate
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert KHOA not in text
    assert text.count("khoa=[redacted]") == 2


def test_gunicorn_access_and_error_logs_redact_the_resend_link(tmp_path):
    from gunicorn.config import Config

    from portal.serve import GunicornAccessLog

    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    cfg = Config()
    cfg.set("accesslog", str(access))
    cfg.set("errorlog", str(errors))
    log = GunicornAccessLog(cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": RESEND_LINK, "PATH_INFO": RESEND_LINK,
               "QUERY_STRING": f"khoa={KHOA}", "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "127.0.0.1", "HTTP_REFERER": f"http://127.0.0.1{RESEND_LINK}"}

    class Response:
        status, status_code, sent, headers = "200 OK", 200, 10, ()

    class Request:
        headers = ()

    import datetime

    log.access(Response(), Request(), environ, datetime.timedelta(seconds=0.01))
    log.error("Error handling request %s", RESEND_LINK)  # gunicorn's own words
    for handler in [*log.access_log.handlers, *log.error_log.handlers]:
        handler.flush()
    text = access.read_text() + errors.read_text()
    assert RESEND_LINK.split("?")[0] in access.read_text()
    assert "khoa=[redacted]" in errors.read_text()
    assert KHOA not in text


def test_daphne_access_log_redacts_the_resend_link():
    import datetime

    from portal.serve import RedactingAccessLog

    stream = io.StringIO()
    RedactingAccessLog(stream).write_entry(
        host="127.0.0.1:5000", date=datetime.datetime.now(), request=f"GET {RESEND_LINK}",
        status=200, length=10,
    )
    assert KHOA not in stream.getvalue() and "khoa=[redacted]" in stream.getvalue()
