"""`search_index --rebuild` / `--check` with the search engine away: one line in Vietnamese
naming ELASTICSEARCH_URL (cron mails it), exit status 1, never a traceback."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from search import backends
from tests.search.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_away(settings):
    backends.get_backend.cache_clear()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    settings.SEARCH_INDEX_PREFIX = "away"
    yield
    backends.get_backend.cache_clear()


@pytest.mark.parametrize("option", ["--rebuild", "--check"])
def test_the_engine_away_is_one_line_naming_the_setting(engine_away, option):
    with pytest.raises(CommandError) as raised:
        call_command("search_index", option, stdout=io.StringIO())
    message = str(raised.value)
    assert message.startswith("Máy chủ tìm kiếm không trả lời (")
    assert "ELASTICSEARCH_URL" in message
    assert "\n" not in message
    # Raised by the command itself, not re-raised from the engine's error (no chained
    # traceback for manage.py --traceback to show, nor for a caller to catch as another).
    assert raised.value.__cause__ is None and raised.value.__suppress_context__

