"""The demo accounts' names: a person's given name is the last word, a role stays whole."""

import io

import pytest
from django.contrib.auth import get_user_model

from complaints.models import Facility
from portal import demo_accounts
from portal.demo_accounts import account_names


def test_a_person_is_greeted_by_the_given_name():
    assert account_names("inspector", "Nguyễn Văn Thanh") == ("Thanh", "Nguyễn Văn")


def test_the_administrator_is_not_split_into_thong():
    # "Chào thống," opened the moderation e-mails: the role's name is kept whole.
    assert account_names("admin", "Quản trị hệ thống") == ("Quản trị hệ thống", "")


@pytest.mark.django_db
def test_load_corrects_a_name_split_before(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    Facility.objects.create(code="TTYT-DP", name="Trung tâm Y tế")
    Facility.objects.create(code="SYT-QNG", name="Sở Y tế")
    Facility.objects.create(code="BV-DTT", name="Bệnh viện Đa khoa khu vực Đặng Thùy Trâm")
    Facility.objects.create(code="BV-SAN-QNG", name="Bệnh viện Sản - Nhi tỉnh")
    Facility.objects.create(code="BV-DKT-QNG", name="Bệnh viện Đa khoa tỉnh")
    get_user_model().objects.create(username="admin", first_name="thống", last_name="Quản trị hệ")
    demo_accounts.load(stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert (admin.first_name, admin.last_name) == ("Quản trị hệ thống", "")
    assert admin.get_full_name() == "Quản trị hệ thống"
    assert get_user_model().objects.get(username="press").first_name == "Báo"


@pytest.mark.django_db
def test_every_unit_under_the_so_in_the_demo_has_a_leader(monkeypatch, settings):
    """Walk F12: no demo account led Bệnh viện Đa khoa tỉnh, so no one could accept a
    complaint about it (only its own leaders may: Điều 19 Luật Khiếu nại)."""
    from complaints.selectors.facility_gaps import facilities_without_leader
    from complaints.services.imports import facilities_import

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-123")
    path = settings.DEMO_DIR / "data" / "facilities.csv"
    facilities_import(text=path.read_text(encoding="utf-8"), source="facilities.csv")
    assert "BV-DKT-QNG" in [f.code for f in facilities_without_leader()]
    demo_accounts.load(stdout=io.StringIO())
    assert "BV-DKT-QNG" not in [f.code for f in facilities_without_leader()]
    # Those the demo gives no leader yet are what the admin home warns of.
    assert {f.code for f in facilities_without_leader()} <= {"CDC-QNG", "ATTP-QNG"}
