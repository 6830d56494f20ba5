"""The press office logs a published article (/admin/ho-so/bao-chi/moi/) through
`case_log_press_report`; a one-time form token makes a double submit log one case."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from complaints.admin import intake as intake_views
from complaints.kinds import CaseKind, Channel
from complaints.models import Case
from tests.factories import CategoryFactory, FacilityFactory, UserFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db

URL = "/admin/ho-so/bao-chi/moi/"
PRESS = ["complaints.view_case", "complaints.act_on_case", "complaints.view_press_cases"]


def press_user():
    return UserFactory(perms=PRESS, admin_access=True)


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def fresh_token(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.context["form"].initial["form_token"]


def article(token, **overrides):
    facility = overrides.pop("facility_obj", None)
    data = {
        "form_token": token,
        "outlet": "Báo Quảng Ngãi",
        "article_title": "Bệnh nhân chờ khám hơn bốn giờ",
        "article_url": "https://baoquangngai.vn/bai-viet-123",
        "published_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "matter": "Thời gian chờ khám tại khoa Khám bệnh",
        "article_text": "Toàn văn bài báo: nhiều bệnh nhân phản ánh chờ khám quá lâu.",
        "facility": facility.pk if facility else "",
    }
    data.update(overrides)
    return data


def test_an_article_becomes_a_press_case_and_opens_its_page(client):
    facility = FacilityFactory()
    category = CategoryFactory()
    officer = press_user()
    client.force_login(officer)
    token = fresh_token(client)
    response = client.post(URL, article(token, facility_obj=facility, category=category.pk))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ho-so/{case.tracking_code}/"
    assert case.kind == CaseKind.BAO_CHI and case.channel == Channel.PRESS
    assert case.press_outlet == "Báo Quảng Ngãi" and case.facility == facility
    assert case.category == category and case.created_by == officer
    assert case.press_article_text.startswith("Toàn văn bài báo")
    assert client.get(response["Location"]).status_code == 200


def test_the_form_has_vietnamese_labels_and_the_choosers(client):
    client.force_login(press_user())
    html = client.get(URL).content.decode()
    for label in ("Cơ quan báo chí", "Tên bài báo", "Đường dẫn bài báo", "Ngày đăng",
                  "Cơ sở y tế được nêu", "Bản sao nội dung bài báo"):
        assert label in html
    assert "/admin/chon-co-so-y-te/" in html and "/admin/chon-linh-vuc/" in html


def test_errors_beside_the_fields_and_nothing_saved(client):
    client.force_login(press_user())
    token = fresh_token(client)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(URL, article(token, outlet="", published_on=tomorrow))
    assert response.status_code == 400
    assert "outlet" in response.context["form"].errors
    assert not Case.objects.exists()
    # The service's own check (publication after reception), beside its field.
    response = client.post(URL, article(token, published_on=tomorrow))
    assert response.status_code == 400
    assert "published_on" in response.context["form"].errors
    assert not Case.objects.exists()
    # The same token still works once the errors are corrected.
    assert client.post(URL, article(token)).status_code == 302
    assert Case.objects.count() == 1


def test_a_double_submit_logs_one_case(client):
    client.force_login(press_user())
    token = fresh_token(client)
    first = client.post(URL, article(token))
    second = client.post(URL, article(token))
    assert Case.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_concurrent_second_click_waits_for_the_first_and_logs_nothing(client, monkeypatch):
    """The first request holds the token's claim; the second reads its result."""
    client.force_login(press_user())
    token = fresh_token(client)
    cache.add(intake_views._CLAIM_PREFIX + token, intake_views._PENDING)

    def first_finishes(token, seconds=5.0):
        return "YT-2026-000999"

    monkeypatch.setattr(intake_views, "_wait_for_first", first_finishes)
    response = client.post(URL, article(token))
    assert response.status_code == 302 and response["Location"].endswith("YT-2026-000999/")
    assert not Case.objects.exists()


def test_a_token_not_issued_to_this_session_logs_nothing(client):
    client.force_login(press_user())
    response = client.post(URL, article("forged-or-expired"))
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert response.context["form"]["form_token"].value() != "forged-or-expired"


def test_who_may_log_an_article(client):
    client.force_login(intake_user())  # province-wide staff may (as the service says)
    assert client.get(URL).status_code == 200
    client.force_login(handler_user(FacilityFactory()))
    assert refused(client.get(URL))
    assert f'href="{URL}"' not in client.get("/admin/ho-so/").content.decode()
    client.force_login(press_user())
    assert f'href="{URL}"' in client.get("/admin/ho-so/").content.decode()


def test_the_facility_chooser_finds_a_facility_without_diacritics(client):
    FacilityFactory(name="Trung tâm Y tế Đức Phổ", area="Đức Phổ")
    FacilityFactory(name="Bệnh viện Sơn Tịnh")
    client.force_login(press_user())
    response = client.get("/admin/chon-co-so-y-te/results/", {"q": "duc pho"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trung tâm Y tế Đức Phổ" in html and "Sơn Tịnh" not in html


# ---- an item with no link (print, TV, radio); the same article logged again --------------


def test_a_print_tv_or_radio_item_is_logged_without_a_link(client):
    client.force_login(press_user())
    html = client.get(URL).content.decode()
    assert "Để trống nếu là báo in, truyền hình hoặc phát thanh." in html
    token = fresh_token(client)
    response = client.post(
        URL, article(token, outlet="Đài Phát thanh - Truyền hình Quảng Ngãi", article_url="")
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.press_article_url == "" and case.press_outlet.startswith("Đài Phát thanh")
    # The outlet, the title and the date published stay required.
    token = fresh_token(client)
    response = client.post(
        URL, article(token, article_url="", outlet="", article_title="", published_on="")
    )
    assert response.status_code == 400
    assert {"outlet", "article_title", "published_on"} <= set(response.context["form"].errors)
    assert "article_url" not in response.context["form"].errors


@pytest.mark.parametrize(
    "again",
    [
        {"article_url": "http://baoquangngai.vn/bai-viet-123/", "article_title": "Tên khác"},
        {"article_url": "", "outlet": "báo quảng ngãi"},  # same outlet, title and date
    ],
    ids=["same-link", "no-link-same-outlet-title-date"],
)
def test_the_same_article_again_names_the_case_and_asks_to_confirm(client, again):
    client.force_login(press_user())
    assert client.post(URL, article(fresh_token(client))).status_code == 302
    first = Case.objects.get()

    token = fresh_token(client)
    response = client.post(URL, article(token, **again))
    html = response.content.decode()
    assert response.status_code == 200
    assert Case.objects.count() == 1  # nothing logged yet
    assert "Bài báo này đã được ghi nhận: hồ sơ " + first.tracking_code in html
    assert f'href="/admin/ho-so/{first.tracking_code}/"' in html
    assert 'name="confirm_duplicate"' in html

    response = client.post(URL, article(token, confirm_duplicate="on", **again))
    assert response.status_code == 302
    second = Case.objects.exclude(pk=first.pk).get()
    assert second.possible_duplicate_of == first  # shown as linked on the case page
    assert f"có thể trùng với hồ sơ {first.tracking_code}" in client.get(
        response["Location"]
    ).content.decode()


def test_another_article_of_the_same_outlet_is_not_a_duplicate(client):
    client.force_login(press_user())
    client.post(URL, article(fresh_token(client), article_url=""))
    response = client.post(
        URL, article(fresh_token(client), article_url="", article_title="Bài khác hẳn")
    )
    assert response.status_code == 302
    assert Case.objects.count() == 2
    assert Case.objects.filter(possible_duplicate_of__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("field", "value"), [("facility", "BV-DKT-QNG"), ("facility", "6.5"), ("category", "xyz")]
)
def test_a_chooser_value_that_is_no_id_is_refused_and_keeps_the_article(client, field, value):
    """A unit's code typed or tampered into a chooser's hidden input: Wagtail's widget looked
    it up as a primary key while the form was redrawn with its errors, a 500 that lost the
    article typed (complaints/admin/choosers.py TamperProofChooser). The form answers with its
    error and keeps every field."""
    client.force_login(press_user())
    token = fresh_token(client)
    response = client.post(URL, article(token, **{field: value}))
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert "Bệnh nhân chờ khám hơn bốn giờ" in html and "Báo Quảng Ngãi" in html
    assert not Case.objects.exists()
