import pytest

from complaints.models import Partner, PartnerKey
from tests.complaints.intake.conftest import (  # noqa: F401  (shared fixtures)
    _fresh_cache,
    category,
    department,
    hospital,
)


@pytest.fixture
def partner(db):
    return Partner.objects.create(code="cong-dvc", name="Cổng Dịch vụ công quốc gia")


@pytest.fixture
def partner_key(partner):
    _row, raw = PartnerKey.issue(partner=partner, name="sản xuất")
    return raw
