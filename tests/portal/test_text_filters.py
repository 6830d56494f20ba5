"""Dates day first and snippets at word boundaries, as the search page shows them."""

import datetime

from portal.templatetags.portal_text import vn_date, word_cut


def test_dates_read_day_first():
    assert vn_date("2026-09-25") == "25/09/2026"
    assert vn_date("2026-09-25T10:00:00+07:00") == "25/09/2026"
    assert vn_date(datetime.date(2026, 1, 2)) == "02/01/2026"
    assert vn_date("") == ""


def test_snippets_are_cut_at_word_boundaries():
    assert word_cut("…ông tin về y tế đượ…") == "… tin về y tế …"
    assert word_cut("Thông tin về y tế") == "Thông tin về y tế"
    assert word_cut("… bệnh viện tỉnh …") == "… bệnh viện tỉnh …"
    assert word_cut("Bệnh viện Đức Ph…") == "Bệnh viện Đức …"
