from tests.complaints.intake.conftest import (  # noqa: F401  (shared fixtures)
    _fresh_cache,
    category,
    department,
    hospital,
)
