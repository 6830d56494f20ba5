"""The keyboard and screen-reader walk of the back office (findings 5 to 7): one id per
element on the case list, the bulk unit select named by its own label; no invisible,
English-labelled Tab stop on the admin home; the documents page's drafting form lands on
its errors without sending a successful draft to a fragment that does not exist."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse

from complaints.kinds import CaseKind, CaseStatus
from tests.complaints.documents.helpers import handler, province
from tests.complaints.workflow.helpers import case_in
from tests.factories import CaseFactory, FacilityFactory

from .helpers import leader_user

pytestmark = pytest.mark.django_db


def test_the_case_list_has_one_element_per_id_and_the_bulk_select_its_own_label(client):
    unit = FacilityFactory(code="TTYT-DP", name="Trung tâm Y tế Đức Phổ")
    CaseFactory(facility=unit, assigned_unit=unit, status=CaseStatus.RECEIVED)
    client.force_login(leader_user())
    html = client.get("/admin/ho-so/").content.decode()
    assert 'id="cw-bulk-form"' in html
    doubled = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
    assert doubled == []
    bulk = html[html.index('id="cw-bulk-form"'):]
    select = re.search(r'<select name="facility"[^>]*>', bulk).group(0)
    select_id = re.search(r'id="([^"]+)"', select).group(1)
    assert select_id != "id_facility"
    assert re.search(rf'<label for="{select_id}"[^>]*>Giao cho đơn vị:</label>', bulk)
    assert '<label for="id_facility"' not in bulk
    if 'name="user"' in bulk:
        user = re.search(r'<select name="user"[^>]*>', bulk).group(0)
        user_id = re.search(r'id="([^"]+)"', user).group(1)
        assert f'<label for="{user_id}"' in bulk


def test_the_home_search_has_no_invisible_english_tab_stop(client):
    client.force_login(leader_user())
    html = client.get("/admin/").content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'value="Search"' not in form
    submit = re.search(r'<(?:input|button) type="submit"[^>]*>', form).group(0)
    # The form submits on Enter from its one field (no JavaScript needed): the hidden
    # button is out of the Tab order and says what it does in Vietnamese.
    assert 'tabindex="-1"' in submit and "Tìm kiếm" in form
    assert len(re.findall(r'<input (?![^>]*type="(?:hidden|submit)")', form)) == 1


def test_a_draft_lands_on_its_errors_only_when_refused(client):
    _department, hospital = province()
    case = case_in(CaseKind.KHIEU_NAI, CaseStatus.RECEIVED, facility=hospital)
    client.force_login(handler(hospital))
    url = reverse("complaints_admin:documents", args=[case.tracking_code])
    page = client.get(url).content.decode()
    assert "#doc-draft-errors" not in page
    refused = client.post(url, {"template": "kn_thong_bao_khong_thu_ly", "reject-reason": ""})
    assert refused.status_code == 400
    body = refused.content.decode()
    summary = re.search(r'<div [^>]*id="doc-draft-errors"[^>]*>', body).group(0)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert 'action="#doc-draft-errors"' not in body
    drafted = client.post(url, {"template": "kn_thong_bao_khong_thu_ly",
                                "reject-reason": "Quá thời hiệu khiếu nại",
                                "reject-legal_ground": "kn_time_expired"})
    assert drafted.status_code == 302 and "#" not in drafted.url
