"""A visitor who chose English with `?lang=en` keeps it (the language cookie, as the
language switch sets it): the form's receipt page is English; the printed receipt and case
file are the Sở's papers, Vietnamese throughout, and the page offering them says so."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from complaints.documents.citizen import case_file_html, receipt_html
from complaints.models import Case
from tests.complaints.intake.test_public_views import SUBMIT, form_data

pytestmark = pytest.mark.django_db


def _file_in_english(client, hospital, **overrides):
    form = client.get(SUBMIT + "?lang=en")
    assert '<html lang="en">' in form.content.decode()
    return client.post(SUBMIT, form_data(hospital, **overrides))


def test_lang_en_sticks_the_form_s_receipt_is_english(client, hospital):
    form = client.get(SUBMIT + "?lang=en")
    assert form.cookies["django_language"].value == "en"  # as set_language sets it
    assert "private" in form["Cache-Control"]  # no shared cache keeps it

    response = client.post(SUBMIT, form_data(hospital), follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Your submission has been received" in html
    assert "Hồ sơ của bạn đã được tiếp nhận" not in html
    assert "Hãy ghi lại mã hồ sơ và mã PIN" not in html
    # The printed receipt is the Sở's paper, in Vietnamese: the page says so, in English.
    assert 'id="papers-in-vietnamese"' in html and "in Vietnamese only" in html
    assert 'hreflang="vi"' in html
    # Every link followed keeps the language, with no parameter.
    assert '<html lang="en">' in client.get("/tra-cuu/").content.decode()


def test_a_vietnamese_visitor_sees_no_note_and_gets_no_cookie(client, hospital):
    form = client.get(SUBMIT)
    assert "django_language" not in form.cookies
    html = client.post(SUBMIT, form_data(hospital), follow=True).content.decode()
    assert '<html lang="vi">' in html and 'id="papers-in-vietnamese"' not in html


def test_the_chosen_language_is_not_set_again_nor_on_the_api(client, hospital):
    client.cookies["django_language"] = "en"
    assert "django_language" not in client.get(SUBMIT + "?lang=en").cookies
    assert "django_language" in client.get(SUBMIT + "?lang=vi").cookies
    assert "django_language" not in Client().get("/api/v1/facilities?lang=en").cookies
    assert "django_language" not in Client().get(SUBMIT + "?lang=xx").cookies


def test_the_printed_receipt_and_case_file_are_vietnamese_throughout(client, hospital):
    _file_in_english(client, hospital)
    case = Case.objects.get()
    with translation.override("en"):
        receipt = receipt_html(case=case, pin="12345678")
        case_file = case_file_html(case=case)
    for html in (receipt, case_file):
        assert '<html lang="vi">' in html
        for english in ("Feedback", "Received", "feedback", "Article", "Case received"):
            assert english not in html, english
    assert "Phản ánh" in receipt and "Đã tiếp nhận" in receipt
    assert "Hồ sơ đã được tiếp nhận, mã hồ sơ" in case_file


ONE_YEAR = 365 * 24 * 60 * 60


@pytest.mark.parametrize("choose", ["switch", "link"])
def test_the_chosen_language_lasts_a_year_not_the_browser_session(client, choose):
    """A resident who closes the phone's browser and comes back the next day still reads
    English: the cookie lasts a year, by the language switch and by an e-mail's `?lang=en`."""
    if choose == "switch":
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    else:
        response = client.get(SUBMIT + "?lang=en")
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["max-age"] == ONE_YEAR
