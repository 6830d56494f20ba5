import io

import pytest

from complaints.demo_cases import load_sample_cases
from complaints.models import Case


@pytest.mark.django_db
def test_sample_cases_are_filed_once(demo_reference_data):
    out = io.StringIO()
    load_sample_cases(stdout=out)
    cases = list(Case.objects.order_by("tracking_code"))
    assert sorted(c.kind for c in cases) == sorted(
        ["phan_anh", "phan_anh", "kien_nghi", "khieu_nai", "to_cao"]
    )
    assert all(c.accept_by and c.events.filter(action="received").exists() for c in cases)
    load_sample_cases(stdout=out)
    assert Case.objects.count() == 5
    assert "0 mới, 5 đã có" in out.getvalue()


@pytest.mark.django_db
def test_sample_cases_wait_for_reference_data():
    out = io.StringIO()
    load_sample_cases(stdout=out)
    assert Case.objects.count() == 0
