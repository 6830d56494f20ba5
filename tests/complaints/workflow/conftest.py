"""The people of a second-time complaint's dialogue: the Sở that resolves it, one of its
inspectors and its head, the Giám đốc who must chair it (điểm a khoản 2 Điều 28 Nghị định
124/2020/NĐ-CP): shared by the dialogue's round-two tests."""

import pytest

from tests.factories import FacilityFactory, UserFactory

STAFF = ["wagtailadmin.access_admin", "complaints.view_case", "complaints.act_on_case"]
HEAD = [*STAFF, "complaints.approve_case"]


@pytest.fixture
def department():
    return FacilityFactory(code="SYT-QNG", name="Sở Y tế Quảng Ngãi")


@pytest.fixture
def inspector(department):
    return UserFactory(perms=STAFF, facility=department, username="thanhtra")


@pytest.fixture
def director(department):
    return UserFactory(perms=HEAD, facility=department, last_name="Phạm", first_name="Đạo")
