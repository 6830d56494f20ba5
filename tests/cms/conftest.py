import pytest

from tests.cms.helpers import build_site


@pytest.fixture
def cms_site(db):
    return build_site()
