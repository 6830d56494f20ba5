"""The list's bulk form ("Giao xử lý các hồ sơ đã chọn") applies the rule of the single
case's form: on a tố cáo only a leader names who verifies it, since the resolver assigns the
verification in writing and whoever handles it reads the denouncer's identity (khoản 1
Điều 31, Điều 47 Luật Tố cáo). To anyone else the officers' list says so, is hidden once a
tố cáo is ticked (not offered on a list of tố cáo only), and an officer posted by hand with a
tố cáo is refused by the form, naming the article, before any case is touched, in as many
queries whatever the number of cases."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent
from tests.factories import CaseFactory, FacilityFactory

from .helpers import handler_user, intake_user, leader_user

pytestmark = pytest.mark.django_db

LIST = "/admin/ho-so/"
URL = "/admin/ho-so/giao-xu-ly/"
ARTICLE = "khoản 1 Điều 31, Điều 47 Luật Tố cáo"


@pytest.fixture
def unit():
    return FacilityFactory(code="BV-SN", name="Bệnh viện Sản - Nhi")


def _case(kind, unit):
    return CaseFactory(kind=kind, status=CaseStatus.RECEIVED, facility=unit, assigned_unit=unit)


def _checkbox(html: str, case) -> str:
    return re.search(rf'<input type="checkbox" name="case_ids" value="{case.pk}"[^>]*>',
                     html).group(0)


def _bulk_form(html: str) -> str:
    return html[html.index('id="cw-bulk-form"'):]


def test_the_list_tells_a_non_leader_why_and_marks_the_denunciations(client, unit):
    denunciation, report = _case(CaseKind.TO_CAO, unit), _case(CaseKind.PHAN_ANH, unit)
    client.force_login(intake_user())
    html = client.get(LIST).content.decode()
    assert "data-leader-names-handler" in _checkbox(html, denunciation)
    assert "data-leader-names-handler" not in _checkbox(html, report)
    form = _bulk_form(html)
    # A report may still be given to an officer: the list stays, with why it goes away.
    assert 'name="user"' in form and 'aria-describedby="cw-bulk-handler-help"' in form
    assert ARTICLE in form and "không chọn cán bộ" in form

    # A list of tố cáo only: no officer to offer, only why.
    only = _bulk_form(client.get(LIST, {"kind": CaseKind.TO_CAO}).content.decode())
    assert 'name="user"' not in only and ARTICLE in only


def test_a_leader_keeps_the_officers_list(client, unit):
    denunciation = _case(CaseKind.TO_CAO, unit)
    client.force_login(leader_user())
    html = client.get(LIST, {"kind": CaseKind.TO_CAO}).content.decode()
    assert "data-leader-names-handler" not in _checkbox(html, denunciation)
    form = _bulk_form(html)
    assert 'name="user"' in form and ARTICLE not in form


def _post(client, cases, officer, unit):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"case_ids": [c.pk for c in cases], "facility": unit.code,
                                     "user": officer.username})
    return response, len(queries)


def test_an_officer_posted_with_a_denunciation_is_refused_by_the_form(client, unit):
    officer = handler_user(unit, username="canbo-sn")
    reports = [_case(CaseKind.PHAN_ANH, unit) for _ in range(4)]
    denunciation = _case(CaseKind.TO_CAO, unit)
    client.force_login(intake_user())

    _post(client, [denunciation], officer, unit)  # the session's first request warms up
    response, few = _post(client, [reports[0], denunciation], officer, unit)
    assert response.status_code == 302
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert message.startswith("Chưa giao hồ sơ nào.")
    assert "Các hồ sơ đã chọn có hồ sơ tố cáo" in message and ARTICLE in message
    _, many = _post(client, [*reports, denunciation], officer, unit)
    assert many == few  # one query for the cases' kinds, none per case
    assert not CaseEvent.objects.filter(action="assign").exists()
    assert not Case.objects.filter(assigned_user__isnull=False).exists()

    # The unit alone may be given; the reports alone to the officer.
    client.post(URL, {"case_ids": [reports[0].pk, denunciation.pk], "facility": unit.code})
    assert CaseEvent.objects.filter(action="assign").count() == 2
    client.post(URL, {"case_ids": [r.pk for r in reports], "facility": unit.code,
                      "user": officer.username})
    assert Case.objects.filter(assigned_user=officer).count() == 4
