"""The public Open311 feed carries nothing a citizen wrote: a title or a description
naming a doctor is published neither at filing nor later, in JSON or XML, in the list or
in the single request; the description is the service's (category's) name."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.models import Case

from .test_georeport import BASE, spec_post

pytestmark = pytest.mark.django_db

NAMED = "Bác sĩ Hoàng Văn E khoa Nhi kê đơn sai thuốc cho cháu bé."


@pytest.mark.parametrize(
    "overrides",
    [
        {"description": NAMED},  # no title: the case's title is cut from the description
        {"description": "Việc ở khoa Nhi.", "attribute[title]": NAMED},
    ],
)
def test_the_feed_never_publishes_what_the_citizen_wrote(partner_key, category, hospital,
                                                         overrides):  # fmt: skip
    filed = Client().post(f"{BASE}/requests.json",
                          spec_post(partner_key, category, hospital, **overrides))  # fmt: skip
    assert filed.status_code == 201, filed.content
    case = Case.objects.get(tracking_code=filed.json()[0]["service_request_id"])
    assert "Hoàng Văn E" in case.title + case.content  # kept for the staff
    client = Client()
    for url in (f"{BASE}/requests.json", f"{BASE}/requests.xml",
                f"{BASE}/requests/{case.tracking_code}.json",
                f"{BASE}/requests/{case.tracking_code}.xml"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert case.tracking_code in text
        assert "Hoàng Văn E" not in text and "kê đơn sai" not in text
    row = client.get(f"{BASE}/requests/{case.tracking_code}.json").json()[0]
    assert row["description"] == category.name == row["service_name"]
