"""A schema-driven fuzzer (schemathesis) against the running application: every
operation of /api/v1/openapi.json with generated inputs, as anyone, as a partner and as
staff; no answer is a server error, and every answer has a documented status."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from complaints.models import ApiToken, Partner, PartnerKey
from portal.wsgi import application
from tests.factories import CategoryFactory, FacilityFactory, UserFactory

EXAMPLES = 30  # per operation
INTAKE = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]


@pytest.fixture
def in_test_transaction():
    """Calling the WSGI app directly would close the test's connection after each request
    (CONN_MAX_AGE is 0); Django's test client unhooks the same receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def credentials(db, in_test_transaction):
    FacilityFactory(code="BV-A")
    CategoryFactory(code="thai-do")
    _token, staff_key = ApiToken.issue(user=UserFactory(perms=INTAKE), name="fuzz")
    partner = Partner.objects.create(code="fuzz", name="Fuzz")
    _key, partner_key = PartnerKey.issue(partner=partner, name="fuzz")
    return {"Authorization": f"Token {staff_key}", "X-API-Key": partner_key}


def test_no_input_makes_a_server_error(credentials):
    # The schema is read from the application, as a client would (not from the code).
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, database=None,
            suppress_health_check=list(HealthCheck),
        )  # fmt: skip
        def check(case):
            # Generated credentials are noise: every call carries working ones.
            headers = {**(case.headers or {}), **credentials}
            case.call_and_validate(
                headers=headers, checks=[not_a_server_error, status_code_conformance]
            )

        check()
