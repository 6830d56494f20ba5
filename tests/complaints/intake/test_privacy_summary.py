"""An English filer consents beside a privacy notice that is a Vietnamese page
(/du-lieu-ca-nhan/): the form says so and gives the notice's key points in English (who
processes the data and who sees it, the purpose, how long it is kept, the rights and how to
exercise them), each with its article, so the consent is informed (Điều 9 Luật Bảo vệ dữ liệu
cá nhân). A Vietnamese reader has the notice itself and gets no summary."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.complaints.intake.test_public_views import SUBMIT

pytestmark = pytest.mark.django_db


def _step_six(html: str) -> str:
    return html[html.index("Consent and declaration"):html.index('id="submit-button"')]


def test_the_english_form_summarises_the_vietnamese_privacy_notice_beside_the_consent(
    hospital, settings
):
    settings.PORTAL_HOTLINE = "1900 9095"
    settings.PORTAL_RETENTION_POLICY = {}
    html = Client().get(SUBMIT + "?lang=en").content.decode()
    consent = _step_six(html)
    link = re.search(r'<a href="/du-lieu-ca-nhan/"[^>]*>', consent).group(0)
    assert 'hreflang="vi"' in link
    assert "(in Vietnamese only)" in consent
    summary = consent[consent.index('id="privacy-summary"'):]
    summary = summary[:summary.index("</div>")]
    for heading in ("Who processes the data and who sees it", "What for", "How long it is kept",
                    "Your rights and how to use them"):
        assert f"<dt>{heading}</dt>" in summary, heading
    assert "Department of Health of Quảng Ngãi province" in summary
    assert "(Article 9 of the Law on Personal Data Protection)" in summary
    # The periods are the retention policy's (complaints/retention/policy.py).
    assert "36 months" in summary and "120 months" in summary
    assert "(Article 16 of the Law on Personal Data Protection)" in summary
    assert "“Stop notifications”" in summary and "1900 9095" in summary
    assert "(Article 4 of the Law on Personal Data Protection)" in summary
    assert "(Article 47 of the Law on Denunciations)" in summary
    # The consent boxes follow the summary they rest on.
    assert consent.index('id="privacy-summary"') < consent.index('name="consent"')


def test_a_configured_retention_period_is_the_one_summarised(hospital, settings):
    settings.PORTAL_RETENTION_POLICY = {"phan_anh": 24}
    html = Client().get(SUBMIT + "?lang=en").content.decode()
    assert "feedback: 24 months" in html


def test_the_vietnamese_form_links_the_notice_and_adds_no_summary(hospital):
    html = Client().get(SUBMIT).content.decode()
    assert 'href="/du-lieu-ca-nhan/">Thông báo xử lý dữ liệu cá nhân</a>.' in html
    assert 'id="privacy-summary"' not in html and "chỉ có bằng tiếng Việt" not in html
