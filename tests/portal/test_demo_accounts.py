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
    get_user_model().objects.create(username="admin", first_name="thống", last_name="Quản trị hệ")
    demo_accounts.load(stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert (admin.first_name, admin.last_name) == ("Quản trị hệ thống", "")
    assert admin.get_full_name() == "Quản trị hệ thống"
    assert get_user_model().objects.get(username="press").first_name == "Báo"
