import pytest
from django.core.cache import cache

from complaints.models import FacilityKind
from tests.factories import CategoryFactory, FacilityFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def department(db):
    return FacilityFactory(
        code="SYT-TEST", name="Sở Y tế tỉnh thử nghiệm", kind=FacilityKind.DEPARTMENT
    )


@pytest.fixture
def hospital(department):
    return FacilityFactory(
        code="BV-DUC-PHO",
        name="Bệnh viện đa khoa khu vực Đức Phổ",
        area="Đức Phổ",
        parent=department,
    )


@pytest.fixture
def category(db):
    return CategoryFactory(code="thai-do-phuc-vu", name="Thái độ phục vụ - y đức")


