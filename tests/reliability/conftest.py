import pytest
from django.core.cache import cache

from tests.complaints.intake.conftest import (  # noqa: F401  (shared fixtures)
    category,
    department,
    hospital,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()
