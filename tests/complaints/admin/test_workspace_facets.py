"""Facet counts on the workspace list: shown once a query or a filter narrows the list,
counted inside the user's scope, each value a plain link that adds its filter."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone

from complaints.kinds import CaseKind, CaseStatus, Channel
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db

INDEX = "/admin/ho-so/"
ICT = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    a = FacilityFactory(code="TTYT-A", name="Trung tâm Y tế Đức Phổ")
    b = FacilityFactory(code="TTYT-B", name="Bệnh viện Đa khoa Sơn Tịnh")
    fees = CategoryFactory(code="vien-phi", name="Viện phí")
    food = CategoryFactory(code="attp", name="An toàn thực phẩm")
    today = timezone.localdate()
    july = datetime.datetime(2026, 7, 3, 9, tzinfo=ICT)
    with django_capture_on_commit_callbacks(execute=True):
        cases = {
            "a_fee": CaseFactory(assigned_unit=a, category=fees, title="Thu viện phí sai",
                                 received_at=july),
            "a_fee_late": CaseFactory(assigned_unit=a, category=fees, title="Viện phí quá cao",
                                      accept_by=today - datetime.timedelta(days=3)),
            "a_complaint": CaseFactory(khieu_nai=True, accepted=True, assigned_unit=a,
                                       category=fees, title="Khiếu nại viện phí",
                                       channel=Channel.HOTLINE),
            "b_fee": CaseFactory(assigned_unit=b, category=fees, title="Viện phí không niêm yết"),
            "b_food": CaseFactory(assigned_unit=b, category=food, title="Bếp ăn mất vệ sinh"),
        }  # fmt: skip
    return a, b, cases


def groups(response) -> dict[str, dict[str, int]]:
    return {
        group.name: {link.label: link.count for link in group.links}
        for group in response.context["facets"]
    }


def link(response, group_name: str, label: str) -> str:
    group = next(g for g in response.context["facets"] if g.name == group_name)
    return next(item.url for item in group.links if item.label == label)


def codes(response) -> set[str]:
    return {row["case"].tracking_code for row in response.context["rows"]}


def test_no_facets_on_the_plain_list(client, world):
    client.force_login(intake_user())
    response = client.get(INDEX)
    assert response.context["facets"] == []
    assert "cw-facets-heading" not in response.content.decode()


def test_facets_of_a_search_with_vietnamese_labels_and_counts(client, world):
    client.force_login(intake_user())
    response = client.get(INDEX, {"q": "vien phi"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4
    found = groups(response)
    assert found["kind"] == {"Phản ánh": 3, "Khiếu nại": 1}
    assert found["status"] == {"Đã tiếp nhận": 3, "Đã thụ lý": 1}
    assert found["unit"] == {"Trung tâm Y tế Đức Phổ": 3, "Bệnh viện Đa khoa Sơn Tịnh": 1}
    assert found["category"] == {"Viện phí": 4}
    assert found["channel"] == {"Cổng thông tin": 3, "Đường dây nóng": 1}
    assert found["month"]["Tháng 7/2026"] == 1
    assert found["deadline"] == {"Quá hạn": 1}
    page = html.unescape(response.content.decode())
    assert "Phân loại hồ sơ tìm được" in page
    assert "Trung tâm Y tế Đức Phổ" in page and ">TTYT-A<" not in page
    # plain links (no script needed), each one carrying the query box's text
    hrefs = re.findall(r'href="(\?[^"]*)"[^>]*data-facet="unit"', page)
    assert len(hrefs) == 2 and all("q=vien+phi" in h and "unit=TTYT-" in h for h in hrefs)


def test_a_facet_link_adds_its_filter_and_its_count_is_the_list_it_opens(client, world):
    _a, _b, cases = world
    client.force_login(intake_user())
    response = client.get(INDEX, {"q": "vien phi"})
    for group_name, label in [
        ("unit", "Trung tâm Y tế Đức Phổ"),
        ("kind", "Khiếu nại"),
        ("channel", "Đường dây nóng"),
        ("deadline", "Quá hạn"),
        ("month", "Tháng 7/2026"),
    ]:
        count = groups(response)[group_name][label]
        narrowed = client.get(INDEX + link(response, group_name, label))
        assert narrowed.status_code == 200
        assert len(narrowed.context["rows"]) == count, (group_name, label)
    narrowed = client.get(INDEX + link(response, "unit", "Trung tâm Y tế Đức Phổ"))
    assert codes(narrowed) == {
        cases[name].tracking_code for name in ("a_fee", "a_fee_late", "a_complaint")
    }
    # the filter now on: shown as current, its link takes it off again
    current = next(g for g in narrowed.context["facets"] if g.name == "unit").links
    assert [(item.label, item.active) for item in current] == [("Trung tâm Y tế Đức Phổ", True)]
    assert 'aria-current="true"' in narrowed.content.decode()
    back = client.get(INDEX + current[0].url)
    assert len(back.context["rows"]) == 4


def test_a_facility_handler_counts_only_their_scope(client, world):
    a, _b, _cases = world
    client.force_login(handler_user(a))
    response = client.get(INDEX, {"q": "vien phi"})
    found = groups(response)
    assert found["unit"] == {"Trung tâm Y tế Đức Phổ": 3}
    assert sum(found["kind"].values()) == 3
    page = response.content.decode()
    nav = page[
        page.index('<nav class="cw-facets"') : page.index("</nav>", page.index("cw-facets-heading"))
    ]
    assert "Đức Phổ" in nav and "Sơn Tịnh" not in nav


def test_a_filter_alone_shows_facets(client, world):
    client.force_login(intake_user())
    response = client.get(INDEX, {"status": CaseStatus.RECEIVED})
    found = groups(response)
    assert found["status"] == {"Đã tiếp nhận": 4}
    assert found["kind"] == {str(CaseKind.PHAN_ANH.label): 4}
    assert found["category"] == {"Viện phí": 3, "An toàn thực phẩm": 1}
