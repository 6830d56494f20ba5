import pytest

from tests.cms.helpers import build_site, press_roles
from tests.factories import UserFactory


@pytest.fixture
def cms_site(db):
    return build_site()


@pytest.fixture
def roles(cms_site):
    """The press office's groups (`press_roles`) with an editor ("bientap") and the head
    of the press office ("truongban") who approves."""
    roles = press_roles(cms_site.home)
    roles.editor_user = UserFactory(username="bientap", groups=[roles.editor])
    roles.head_user = UserFactory(username="truongban", groups=[roles.head])
    return roles
