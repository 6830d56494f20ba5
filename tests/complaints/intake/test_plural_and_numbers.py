"""Numbers in the citizen's texts: a wait in minutes takes the plural of the reader's
language (ngettext: "about 1 minute", "about 5 minutes"), and a limit is grouped the
reader's way (20.000 in Vietnamese, 20,000 in English)."""

import pytest
from django.utils import translation

from complaints.forms import SubmissionForm
from complaints.views import public

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reason", ["pin", "refused", "resend", ""])
def test_a_wait_in_minutes_is_counted_for_the_plural(monkeypatch, reason):
    asked = []

    def plural_aware(singular, plural, count):
        asked.append((singular, plural, count))
        return singular.replace("phút", "PHÚT-MỘT") if count == 1 else plural

    monkeypatch.setattr(public, "ngettext", plural_aware)
    one = public._throttled_message(30, reason)
    five = public._throttled_message(299, reason)
    assert [count for _s, _p, count in asked] == [1, 5]
    assert "khoảng 1 PHÚT-MỘT" in one and "khoảng 5 phút" in five


def test_the_vietnamese_wait_reads_as_before():
    with translation.override("vi"):
        assert public._throttled_message(61, "resend").endswith("sau khoảng 2 phút.")


def test_the_content_limit_is_grouped_the_readers_way():
    with translation.override("vi"):
        assert "Tối đa 20.000 ký tự." in str(SubmissionForm().fields["content"].help_text)
    with translation.override("en"):
        assert "At most 20,000 characters." in str(SubmissionForm().fields["content"].help_text)
