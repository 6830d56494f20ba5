"""The admin's case page of a case a partner filed (its `partner` foreign key is in the
case's history) opens: its history names the partner instead of failing (was a 500,
KeyError on Partner in `selectors.history._names`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.models import Partner
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_case_page_of_a_partners_case_opens(client):
    partner = Partner.objects.create(code="cong-dvc", name="Cổng Dịch vụ công quốc gia")
    case = CaseFactory(partner=partner)
    client.force_login(UserFactory(perms=["wagtailadmin.access_admin", "complaints.view_case",
                                          "complaints.view_all_cases"]))  # fmt: skip
    page = client.get(reverse("complaints_admin:detail", args=[case.tracking_code]))
    assert page.status_code == 200 and case.tracking_code in page.content.decode()
