"""What the administrator is warned of about the facilities the public form offers (walk
F6, F12): one no leader leads, so that no one may accept or decide a complaint about it
(`complaints.rules.resolver.is_competent_leader`); one whose address is a place name, not
an address a letter reaches, so the letter and withdrawal instructions name the Sở's."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.test import RequestFactory

from complaints.admin.hooks import FacilityGapsPanel
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import FacilityKind
from complaints.selectors.contact import case_contact, is_postal_address
from complaints.selectors.facility_gaps import (
    facilities_without_leader,
    facilities_without_postal_address,
)
from tests.complaints.workflow.helpers import case_in
from tests.factories import FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

SO_ADDRESS = "48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi"


@pytest.fixture
def so():
    return FacilityFactory(
        code="SYT-QNG", kind=FacilityKind.DEPARTMENT, name="Sở Y tế", address=SO_ADDRESS
    )


@pytest.mark.parametrize(
    ("address", "postal"),
    [
        ("Quảng Ngãi", False),
        ("Đức Phổ, Quảng Ngãi", False),
        ("", False),
        ("19 Lê Hữu Trác, phường Nghĩa Lộ, tỉnh Quảng Ngãi", True),
        ("xã Phổ Cường, tỉnh Quảng Ngãi", True),
    ],
)
def test_a_postal_address_has_a_street_number_or_commune(address, postal):
    assert is_postal_address(address) is postal


def test_a_place_name_falls_back_to_the_sos_address(so):
    hospital = FacilityFactory(code="BV-X", parent=so, name="Bệnh viện X", address="Quảng Ngãi")
    case = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital, assigned_unit=hospital
    )
    contact = case_contact(case)
    assert contact.address == SO_ADDRESS and contact.relay_to == "Bệnh viện X"


def test_a_postal_address_of_the_unit_is_kept(so):
    hospital = FacilityFactory(
        code="BV-Y",
        parent=so,
        name="Bệnh viện Y",
        address="12 Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi",
    )
    case = case_in(
        CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital, assigned_unit=hospital
    )
    assert case_contact(case).address.startswith("12 Lê Lợi")


def test_the_demo_facilities_carry_postal_addresses():
    path = Path(__file__).resolve().parents[3] / "demo" / "data" / "facilities.csv"
    with path.open(encoding="utf-8") as rows:
        missing = [
            row["code"]
            for row in csv.DictReader(rows)
            if row["kind"] != "external" and not is_postal_address(row["address"])
        ]
    assert missing == []


def test_the_panel_names_a_facility_with_no_leader_or_no_address(so):
    led = FacilityFactory(
        code="BV-LED", parent=so, name="Bệnh viện Có Lãnh Đạo", address="1 Lê Lợi, phường Cẩm Thành"
    )
    UserFactory(username="giamdoc", perms=["complaints.approve_case"], facility=led)
    alone = FacilityFactory(
        code="BV-ALONE", parent=so, name="Bệnh viện Không Lãnh Đạo", address="Quảng Ngãi"
    )
    # A handler, no leader: still no one to accept its complaints.
    UserFactory(username="canbo", perms=["complaints.act_on_case"], facility=alone)
    assert [f.code for f in facilities_without_leader()] == ["BV-ALONE"]
    assert "BV-ALONE" in [f.code for f in facilities_without_postal_address()]
    assert "BV-LED" not in [f.code for f in facilities_without_postal_address()]

    request = RequestFactory().get("/admin/")
    request.user = UserFactory(username="quantri", superuser=True)
    html = FacilityGapsPanel(request).render_html({})
    assert "Bệnh viện Không Lãnh Đạo" in html and "Bệnh viện Có Lãnh Đạo" not in html
    assert "is_competent_leader" not in html and "lãnh đạo" in html
