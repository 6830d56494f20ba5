"""Every on-time rate a person reads is written alike, as the periodic report writes it: one
decimal, the reader's number format ("66,7%" in Vietnamese, "66.7%" in English;
`complaints.reports.numbers.percent`), never rounded to a whole number ("67%"): the steering
dashboard's rates per unit and over the whole scope, and the home page's public figure."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.templatetags.cms_tags import percent as home_percent
from complaints.kinds import CaseStatus
from tests.cms.helpers import build_site
from tests.complaints.admin.helpers import intake_user
from tests.factories import CaseFactory, FacilityFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/ho-so/bang-dieu-hanh/"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def two_of_three_on_time():
    """Three cases concluded in the last days, two by their deadline (a week ago), one after."""
    unit = FacilityFactory(name="Bệnh viện A")
    due = timezone.localdate() - datetime.timedelta(days=7)
    for concluded in (9, 8, 3):
        CaseFactory(assigned_unit=unit, received_at=days_ago(20), status=CaseStatus.CONCLUDED,
                    resolve_by=due, concluded_at=days_ago(concluded))  # fmt: skip
    return unit


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def rate_cell(page: str) -> str:
    """The unit's row of the on-time table: its last cell, and the chart's value."""
    (row,) = re.findall(r"<th scope=\"row\">Bệnh viện A</th>(.*?)</tr>", page, re.S)
    return row.strip().splitlines()[-1].strip()


def test_the_dashboard_writes_its_rates_as_the_report_does(client, two_of_three_on_time):
    client.force_login(intake_user())
    page = client.get(DASHBOARD).content.decode()
    # The chart reads the figure as a program does; the reader the Vietnamese way.
    assert rate_cell(page) == '<td data-value="66.7">66,7%</td>'
    assert "Toàn phạm vi: 66,7% đúng hạn (trong số hồ sơ có thời hạn)." in page
    assert "67%" not in page and ">67<" not in page


def test_the_dashboard_in_english_writes_the_english_form(client, two_of_three_on_time):
    client.force_login(in_english(intake_user()))
    page = client.get(DASHBOARD).content.decode()
    assert 'lang="en"' in page
    assert rate_cell(page) == '<td data-value="66.7">66.7%</td>'
    assert "66,7%" not in page and "67%" not in page


def test_the_home_page_writes_its_rate_as_the_report_does(two_of_three_on_time):
    build_site()
    page = Client().get("/").content.decode()
    assert "<strong>66,7%</strong>" in page and "67%" not in page
    english = Client().get("/?lang=en").content.decode()
    assert '<html lang="en">' in english
    assert "<strong>66.7%</strong>" in english and "66,7%" not in english


def test_the_home_page_without_a_rate_shows_a_dash():
    assert home_percent(None) == "—"
    assert home_percent(1) == "100,0%"
