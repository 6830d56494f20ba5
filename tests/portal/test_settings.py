"""Settings select embedded defaults or production services from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "channels": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "es": settings.ELASTICSEARCH_URL,
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", None),
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
}))
"""

SERVICE_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "EMAIL_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "PORTAL_BASE_URL",
    "PORTAL_SQLITE_PRODUCTION",
    "SMS_GATEWAY_URL",
    "SMS_BACKEND",
    "DEFAULT_FROM_EMAIL",
    "PORTAL_WITHOUT_REDIS",
    "DJANGO_SETTINGS_MODULE",
    "PORT",
    "PORTAL_REMINDER_WORKING_DAYS",
    "COMPLAINTS_RATE_LIMITS",
)


def run_settings(module: str, tmp_path: Path, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE=module, PORTAL_VAR_DIR=str(tmp_path), **env)
    script = "import django; django.setup();" + PRINT_SETTINGS
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_environment_gives_embedded_defaults(tmp_path):
    found = run_settings("portal.settings.dev", tmp_path)
    assert found["db"] == "django.db.backends.sqlite3"
    assert found["db_name"] == str(tmp_path / "portal.sqlite3")
    assert found["cache"].endswith("LocMemCache")
    assert found["channels"] == "channels.layers.InMemoryChannelLayer"
    assert found["es"] is None
    assert found["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["debug"] is True
    assert (found["language"], found["tz"]) == ("vi", "Asia/Ho_Chi_Minh")
    # The development secret key is generated once and kept.
    assert (tmp_path / "secret_key").exists()


def test_service_variables_switch_on_postgres_redis_elasticsearch_smtp(tmp_path):
    found = run_settings(
        "portal.settings.dev",
        tmp_path,
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/1",
        ELASTICSEARCH_URL="http://search.internal:9200",
        EMAIL_URL="smtp://mailer:pw@smtp.internal:587?tls=1",
    )
    assert found["db"] == "django.db.backends.postgresql"
    # Django's RedisCache, falling back to process memory while Redis is away.
    assert found["cache"] == "portal.cache.FallbackRedisCache"
    assert found["channels"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert found["es"] == "http://search.internal:9200"
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["email_host"] == "smtp.internal"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.production", PORTAL_VAR_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


@pytest.mark.parametrize("debug", ["0", "false"])
def test_check_deploy_is_clean_with_production_variables(tmp_path, debug):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_VAR_DIR=str(tmp_path),
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="phananh.syt.example.vn",
        PORTAL_BASE_URL="https://phananh.syt.example.vn",
        PORTAL_SQLITE_PRODUCTION="1",
        EMAIL_URL="smtp://portal:secret@smtp.syt.example.vn:587?tls=1",
        SMS_GATEWAY_URL="https://sms.syt.example.vn/api/send",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DEFAULT_FROM_EMAIL="Cổng phản ánh Sở Y tế <no-reply@syt.example.vn>",
        DEBUG=debug,
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "phananh.syt.example.vn",
    "PORTAL_BASE_URL": "https://phananh.syt.example.vn",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "EMAIL_URL": "smtp://portal:secret@smtp.syt.example.vn:587?tls=1",
    "SMS_GATEWAY_URL": "https://sms.syt.example.vn/api/send",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEFAULT_FROM_EMAIL": "Cổng phản ánh Sở Y tế <no-reply@syt.example.vn>",
}


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py as cron runs it: only the variables given (`env -i`)."""
    clean = {"PATH": os.environ["PATH"], "PORTAL_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "PORTAL_BASE_URL",
                                     "DATABASE_URL", "EMAIL_URL", "SMS_GATEWAY_URL",
                                     "REDIS_URL", "DEFAULT_FROM_EMAIL"])
def test_production_refuses_each_missing_variable_in_one_line(tmp_path, missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    out = manage(tmp_path, "check", **env)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert f"{missing} chưa được đặt" in line and f"{missing} must be set in production" in line
    assert f"ví dụ {missing}=" in line
    # No SQLite database appears silently in PORTAL_VAR_DIR.
    assert not (tmp_path / "portal.sqlite3").exists()


def test_production_on_sqlite_only_when_chosen(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    assert "PORTAL_SQLITE_PRODUCTION=1" in manage(tmp_path, "check", **env).stderr
    out = manage(tmp_path, "check", PORTAL_SQLITE_PRODUCTION="1", **env)
    assert out.returncode == 0, out.stderr


def test_production_without_redis_only_when_chosen(tmp_path):
    """The documented layout shares live updates and the limits through Redis: without it the
    start names the variable and the one-process way, which then starts."""
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    refused = manage(tmp_path, "check", **env)
    assert refused.returncode != 0
    assert "PORTAL_WITHOUT_REDIS=1" in refused.stderr
    chosen = manage(tmp_path, "check", PORTAL_WITHOUT_REDIS="1", **env)
    assert chosen.returncode == 0, chosen.stderr


@pytest.mark.parametrize("sender", [
    "Cổng phản ánh Sở Y tế <no-reply@localhost>",  # the development default
    "no-reply@localhost",
    "Cổng phản ánh",
])
def test_production_refuses_a_sender_no_smtp_relay_sends_for(tmp_path, sender):
    out = manage(tmp_path, "check", **{**PRODUCTION, "DEFAULT_FROM_EMAIL": sender})
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert "DEFAULT_FROM_EMAIL=" in line and "no-reply@syt.example.vn" in line, line


def test_check_deploy_on_the_development_settings_is_an_error(tmp_path):
    """`check --deploy` vouches only for the production settings: manage.py's default (the
    development settings) with DEBUG off says so instead of a near-clean report."""
    out = manage(tmp_path, "check", "--deploy", DEBUG="0")
    assert out.returncode != 0
    assert "portal.E003" in out.stderr
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in out.stderr


SERVER_SETTINGS = """
import importlib, sys
importlib.import_module(sys.argv[1])
from django.conf import settings
print(settings.SETTINGS_MODULE, settings.DEBUG)
"""


@pytest.mark.parametrize("entry", ["portal.wsgi", "portal.asgi"])
def test_the_servers_entry_points_default_to_production(tmp_path, entry):
    """gunicorn and uvicorn started without DJANGO_SETTINGS_MODULE refuse to start rather than
    serve with DEBUG on; with the environment file's variables they run production's."""
    def load(**env):
        return subprocess.run(
            [sys.executable, "-c", SERVER_SETTINGS, entry], cwd=ROOT, capture_output=True,
            text=True, env={"PATH": os.environ["PATH"], "PORTAL_VAR_DIR": str(tmp_path), **env},
        )

    bare = load()
    assert bare.returncode != 0
    assert "SECRET_KEY must be set in production" in bare.stderr
    production = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"}
    served = load(**production)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["portal.settings.production", "False"]
    # manage.py (and `make run`, which names it for the server) keep the development default.
    dev = manage(tmp_path, "shell", "-c", "from django.conf import settings; "
                 "print(settings.SETTINGS_MODULE)")
    assert dev.stdout.strip().splitlines()[-1] == "portal.settings.dev", dev.stderr


def test_the_readme_environment_file_reads_the_same_in_systemd_and_the_shell(tmp_path):
    """README step 2's file as systemd's `EnvironmentFile=` reads it (a `#` after a value is
    part of the value) and as the shell does give the same variables, and the production
    settings start on them."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("2. **Environment file**", 1)[1].split("```sh\n", 1)[1]
    block = block.split("```", 1)[0]
    systemd = {}
    for line in block.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        name, _equals, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        systemd[name.strip()] = value
    env_file = tmp_path / "health-portal.env"
    env_file.write_text(block)
    dump = f"{sys.executable} -c 'import json, os; print(json.dumps(dict(os.environ)))'"
    shell = subprocess.run(
        ["env", "-i", "/bin/sh", "-c", f"set -a; . {env_file}; set +a; {dump}"],
        capture_output=True, text=True,
    )
    assert shell.returncode == 0, shell.stderr
    read = json.loads(shell.stdout)
    assert {name: read.get(name) for name in systemd} == systemd
    assert {"REDIS_URL", "DEFAULT_FROM_EMAIL", "DJANGO_SETTINGS_MODULE"} <= set(systemd)
    systemd.update(PORTAL_VAR_DIR=str(tmp_path), MEDIA_ROOT=str(tmp_path / "media"),
                   PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
                   ELASTICSEARCH_CA_CERTS="")  # the example's path does not exist here
    out = manage(tmp_path, "check", **systemd)
    assert out.returncode == 0, out.stderr


SMS_OFF = "complaints.notifications.sms.DisabledBackend"


def test_production_without_an_sms_gateway_only_when_sms_is_chosen_off(tmp_path):
    """No gateway: the start names the variable and the way to turn SMS off; with SMS
    off (or files chosen on purpose) it starts, and the portal offers no SMS."""
    env = {k: v for k, v in PRODUCTION.items() if k != "SMS_GATEWAY_URL"}
    refused = manage(tmp_path, "check", **env)
    assert refused.returncode != 0
    assert f"SMS_BACKEND={SMS_OFF}" in refused.stderr
    # A gateway backend named without its URL is refused too.
    gateway = "complaints.notifications.sms.HttpGatewayBackend"
    assert manage(tmp_path, "check", SMS_BACKEND=gateway, **env).returncode != 0
    probe = "from complaints.notifications.sms import sms_available; print(sms_available())"
    off = manage(tmp_path, "shell", "-c", probe, SMS_BACKEND=SMS_OFF, **env)
    assert off.returncode == 0, off.stderr
    assert off.stdout.strip().splitlines()[-1] == "False"
    files = manage(tmp_path, "shell", "-c", probe,
                   SMS_BACKEND="complaints.notifications.sms.FileBackend", **env)
    assert files.stdout.strip().splitlines()[-1] == "True", files.stderr
    gateway_on = manage(tmp_path, "shell", "-c", probe, **PRODUCTION)
    assert gateway_on.stdout.strip().splitlines()[-1] == "True", gateway_on.stderr


def test_a_wrong_database_url_scheme_is_one_line_naming_the_variable(tmp_path):
    out = manage(tmp_path, "check", **{**PRODUCTION, "DATABASE_URL": "postgress://p@db/portal"})
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert "DATABASE_URL" in line and "'postgress'" in line and "postgres://" in line


def test_the_readme_cron_lines_start_as_cron_runs_them(tmp_path):
    """Each line of README "Scheduled commands", run with an empty environment (`env -i`)
    and the environment file of README "Production", gets the production settings."""
    block = (ROOT / "README.md").read_text().split("```cron\n", 1)[1].split("```", 1)[0]
    commands = [line.split(None, 5)[5] for line in block.splitlines()
                if line.strip() and not line.startswith("#")]
    assert len(commands) == 8
    env_file = tmp_path / "health-portal.env"
    variables = {**PRODUCTION, "PORTAL_VAR_DIR": str(tmp_path), "PORTAL_PROVINCE": "Thừa Thiên Huế"}
    env_file.write_text("".join(f'{name}="{value}"\n' for name, value in variables.items()))
    prefixes = set()
    for command in commands:
        command = command.replace("/srv/portal", str(ROOT))
        command = command.replace("/etc/health-portal.env", str(env_file))
        prefix, found, _job = command.partition("manage.py ")
        assert found, command
        prefixes.add(prefix)
    for prefix in prefixes:  # what comes before the job: the same on every line
        out = subprocess.run(
            ["env", "-i", "/bin/sh", "-c", prefix + "manage.py diffsettings"],
            capture_output=True, text=True,
        )
        assert out.returncode == 0, (prefix, out.stderr)
        assert "PORTAL_PRODUCTION = True" in out.stdout
        assert "PORTAL_PROVINCE = 'Thừa Thiên Huế'" in out.stdout


def test_commands_print_nothing_of_other_libraries_info(tmp_path):
    """Cron mails whatever a command writes: pikepdf's "logger bridge initialized" (INFO,
    at every start) stays out; the portal's own loggers keep their INFO."""
    out = manage(tmp_path, "check", DJANGO_SETTINGS_MODULE="portal.settings.dev")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    levels = subprocess.run(
        [sys.executable, "-c", "import django, logging; django.setup(); print([logging.getLogger"
         "(name).isEnabledFor(logging.INFO) for name in ('complaints.x', 'portal.reliability',"
         " 'cms.x', 'pikepdf')])"],
        cwd=ROOT, capture_output=True, text=True,
        env={"PATH": os.environ["PATH"], "PORTAL_VAR_DIR": str(tmp_path),
             "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
    )
    assert levels.stdout.strip() == "[True, True, True, False]", levels.stderr


def test_every_environment_variable_of_the_settings_is_in_the_readme_table():
    """An operator finds each variable the settings read in README "Settings"."""
    import re

    sources = [*(ROOT / "portal" / "settings").glob("*.py"), ROOT / "portal" / "gunicorn_conf.py"]
    read = {
        name
        for path in sources
        for name in re.findall(
            r"(?:os\.environ\.get|env_bool|env_int|env_list|env_deadline_policy|env_retention_policy"
            r"|env_check_ids|require)"
            r"\(\s*\"([A-Z][A-Z0-9_]+)\"",
            path.read_text(),
        )
    }
    table = (ROOT / "README.md").read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert {"PORTAL_PROVINCE", "DATABASE_URL", "SMS_BACKEND"} <= read
    assert read - documented == set()


def _read(tmp_path: Path, expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", PORTAL_VAR_DIR=str(tmp_path),
                 **env)
    script = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr({expression}))"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=clean,
        capture_output=True, text=True,
    )


def test_the_provinces_own_rules_come_from_the_environment(tmp_path):
    """What README tells an administrator to set without editing code: the proxies in front,
    the deadline policy, the steps that go through a draft, mail written to files."""
    out = _read(
        tmp_path,
        "(settings.COMPLAINTS_TRUSTED_PROXY_COUNT, settings.PORTAL_DEADLINE_POLICY, "
        "settings.PORTAL_APPROVAL_ACTIONS, settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)",
        COMPLAINTS_TRUSTED_PROXY_COUNT="1",
        PORTAL_DEADLINE_POLICY="phan_anh:resolve=20, kien_nghi:resolve=20",
        PORTAL_APPROVAL_ACTIONS="conclude, reject",
        EMAIL_URL="file:///srv/portal/mail",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == repr((
        1,
        {("phan_anh", "resolve"): 20, ("kien_nghi", "resolve"): 20},
        ["conclude", "reject"],
        "django.core.mail.backends.filebased.EmailBackend",
        "/srv/portal/mail",
    ))
    none = _read(tmp_path, "settings.PORTAL_APPROVAL_ACTIONS", PORTAL_APPROVAL_ACTIONS="none")
    assert none.stdout.strip().splitlines()[-1] == "[]"
    unset = _read(tmp_path, "(getattr(settings, 'PORTAL_APPROVAL_ACTIONS', None), "
                  "settings.COMPLAINTS_TRUSTED_PROXY_COUNT, settings.PORTAL_DEADLINE_POLICY)")
    assert unset.stdout.strip().splitlines()[-1] == "(None, 0, {})"


def test_the_configurable_figures_come_from_the_environment(tmp_path):
    """README "Configurable figures": the reminder's working days, the attachments' limits and
    the rate limits are read from the environment file; unset, each module keeps its own."""
    from complaints.notifications.staff import DEFAULT_DAYS_BEFORE
    from complaints.ratelimit import DEFAULT_LIMITS

    probe = (
        "(settings.PORTAL_REMINDER_WORKING_DAYS, settings.COMPLAINTS_ATTACHMENT_MAX_COUNT, "
        "settings.COMPLAINTS_ATTACHMENT_MAX_PIXELS, settings.COMPLAINTS_RATE_LIMITS, "
        "__import__('complaints.services.attachments', fromlist=['x']).attachment_limits()"
        "['max_count'], __import__('complaints.ratelimit', fromlist=['x'])"
        ".RateLimit('submission').rule, settings.WAGTAILADMIN_BASE_URL)"
    )
    out = _read(
        tmp_path, probe,
        PORTAL_REMINDER_WORKING_DAYS="5",
        COMPLAINTS_ATTACHMENT_MAX_COUNT="3",
        COMPLAINTS_ATTACHMENT_MAX_PIXELS="12000000",
        COMPLAINTS_RATE_LIMITS="submission=3/600, lookup_address=off",
        PORT="8080",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == repr((
        5, 3, 12_000_000, {"submission": (3, 600), "lookup_address": None}, 3, (3, 600),
        "http://127.0.0.1:8080",
    ))
    unset = _read(tmp_path, "(getattr(settings, 'PORTAL_REMINDER_WORKING_DAYS', None), "
                  "settings.COMPLAINTS_RATE_LIMITS, settings.WAGTAILADMIN_BASE_URL)")
    assert unset.stdout.strip().splitlines()[-1] == repr((None, {}, "http://127.0.0.1:8000"))
    assert DEFAULT_DAYS_BEFORE == 3 and DEFAULT_LIMITS["submission"] == (5, 600)


@pytest.mark.parametrize(("name", "value"), [
    ("PORTAL_REMINDER_WORKING_DAYS", "ba"),
    ("COMPLAINTS_ATTACHMENT_MAX_COUNT", "0"),
    ("COMPLAINTS_RATE_LIMITS", "submission=5"),
    ("COMPLAINTS_RATE_LIMITS", "tracking=5/600"),  # no limit of that name
    ("PORT", "tám nghìn"),
    ("COMPLAINTS_TRUSTED_PROXY_COUNT", "một"),
    ("COMPLAINTS_TRUSTED_PROXY_COUNT", "-1"),
    ("PORTAL_DEADLINE_POLICY", "phan_anh=20"),
    ("PORTAL_DEADLINE_POLICY", "phan_anh:resolve=hai mươi"),
    ("PORTAL_SILENCED_CHECKS", "portal.w001"),  # silences nothing: Django's ids are exact
    ("PORTAL_SILENCED_CHECKS", "W001"),
    ("PORTAL_PARTNER_KEY_DAYS", "0"),
    ("PORTAL_PARTNER_KEY_DAYS", "1096"),  # longer than a key may live
])
def test_a_wrong_rule_in_the_environment_is_one_line_naming_it(tmp_path, name, value):
    out = _read(tmp_path, "1", **{name: value})
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    [line] = out.stderr.strip().splitlines()
    assert name in line and " — " in line, line


def test_checks_are_silenced_from_the_environment_beside_the_portals_own(tmp_path):
    """`PORTAL_SILENCED_CHECKS` adds to SILENCED_SYSTEM_CHECKS, never taking models.W040 out
    (the indexes with INCLUDE columns, which SQLite builds without them)."""
    listed = _read(tmp_path, "settings.SILENCED_SYSTEM_CHECKS",
                   PORTAL_SILENCED_CHECKS="portal.W001, security.W004,models.W040")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().splitlines()[-1] == repr(
        ["models.W040", "portal.W001", "security.W004"])
    unset = _read(tmp_path, "settings.SILENCED_SYSTEM_CHECKS")
    assert unset.stdout.strip().splitlines()[-1] == repr(["models.W040"])


def test_a_silenced_check_is_not_said_by_manage_py_check(tmp_path):
    """Where a unit's leaders take the head's steps themselves, `portal.W001` is silenced from
    the environment, as every other setting is set (complaints/checks.py)."""
    clean = {k: v for k, v in os.environ.items() if k not in SERVICE_VARS}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", PORTAL_VAR_DIR=str(tmp_path),
                 PORTAL_APPROVAL_ACTIONS="conclude")

    def check(**env):
        return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT,
                              env={**clean, **env}, capture_output=True, text=True)

    warned = check()
    assert warned.returncode == 0, warned.stderr
    assert "portal.W001" in warned.stderr + warned.stdout
    silenced = check(PORTAL_SILENCED_CHECKS="portal.W001")
    assert silenced.returncode == 0, silenced.stderr
    assert "portal.W001" not in silenced.stderr + silenced.stdout
    assert "no issues" in silenced.stdout
