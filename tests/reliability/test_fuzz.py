"""Fuzzing every JSON endpoint and the citizen's form with hypothesis: whatever the
body, the answer is never a 5xx, and a refused request saves nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.models import ApiToken, Case
from tests.complaints.workflow.helpers import case_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text with the characters that broke the portal: NUL, lone surrogates, controls,
# direction overrides, zero-width characters, and ordinary Vietnamese.
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(
        ["\x00", "\ud800", "\udfff", "\u202e", "\u2066", "\u200b", "\ufeff", "\x07", "a", "ệ",
         " ", "\n", "'", '"', "<", "%"]), max_size=30),
    st.sampled_from(["Bệnh viện", "", " ", "x" * 300, "0905123456", "ai@example.vn"]),
)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         HOSTILE_TEXT)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(HOSTILE_TEXT, inner, max_size=4)),
    max_leaves=12,
)
FIELDS = ["kind", "facility", "category", "title", "content", "incident_date", "reporter",
          "anonymous", "consent", "consent_contact", "truth_declaration", "second_time",
          "decision_complained", "decision_maker", "decision_date", "first_decision_ref",
          "accused_name", "accused_position", "accused_is_head", "already_sent_elsewhere"]
SUBMISSIONS = st.fixed_dictionaries(
    {},
    optional={
        **{name: JSON_VALUES for name in FIELDS},
        "kind": st.sampled_from(["phan_anh", "kien_nghi", "khieu_nai", "to_cao", "bao_chi",
                                 "", "x"]),
        "reporter": st.dictionaries(
            st.sampled_from(["name", "phone", "email", "address", "id_number"]), HOSTILE_TEXT
        ),
    },
)


@pytest.fixture(autouse=True)
def _no_submission_limit(settings):
    """Every example reaches the service (the limit itself is tested elsewhere)."""
    settings.COMPLAINTS_RATE_LIMITS = {
        "submission": None, "submission_refused": None, "lookup_address": None
    }


def _no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@FUZZ
@given(body=SUBMISSIONS)
def test_the_submission_api(body):
    client = Client(REMOTE_ADDR="198.51.100.9")
    before = Case.objects.count()
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    response = client.post("/api/v1/submissions", data=raw, content_type="application/json")
    _no_server_error(response)
    if response.status_code != 201:
        assert Case.objects.count() == before


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(
    lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_submission_api_with_any_bytes(raw):
    response = Client().post("/api/v1/submissions", data=raw, content_type="application/json")
    _no_server_error(response)


@FUZZ
@given(action=st.sampled_from(["accept", "reject", "request_info", "forward", "assign",
                               "file", "split", "conclude", "nope"]),
       body=st.dictionaries(st.sampled_from(["reason", "legal_ground", "to", "message",
                                             "facility", "user", "duplicate_of", "parts",
                                             "conclusion", "public_answer", "note",
                                             "expected_status", "decided_on"]),
                            JSON_VALUES, max_size=5))
def test_the_staff_action_api(action, body):
    user = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case",
                              "complaints.approve_case"])
    _token, key = ApiToken.issue(user=user, name="fuzz")
    case = case_in("kien_nghi", "received")
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
    response = Client().post(
        f"/api/v1/cases/{case.tracking_code}/actions/{action}", data=raw,
        content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}",
    )
    _no_server_error(response)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "type", "limit", "offset", "kind",
                                               "status", "page", "page_size", "due_soon",
                                               "facility", "overdue", "pin", "lang"]),
                              HOSTILE_TEXT, max_size=4))
def test_every_query_string_endpoint(params):
    user = UserFactory(perms=["complaints.view_all_cases"])
    _token, key = ApiToken.issue(user=user, name="fuzz")
    clean = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
             for k, v in params.items()}
    for path in ("/api/v1/search", "/tim-kiem/", "/api/v1/cases", "/co-so/tim/",
                 "/api/v1/submissions/YT-2026-000001", "/tra-cuu/"):
        _no_server_error(Client().get(path, clean, HTTP_AUTHORIZATION=f"Token {key}"))


@FUZZ
@given(form=st.dictionaries(
    st.sampled_from(["kind", "title", "content", "facility", "category", "incident_date",
                     "reporter_name", "reporter_phone", "reporter_email", "reporter_address",
                     "reporter_id_number", "anonymous", "consent", "form_token",
                     "truth_declaration", "accused_name", "accused_position"]),
    HOSTILE_TEXT, max_size=8))
def test_the_citizens_form(form):
    clean = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
             for k, v in form.items()}
    before = Case.objects.count()
    response = Client(REMOTE_ADDR="198.51.100.10").post("/gui-phan-anh/", clean)
    _no_server_error(response)
    if response.status_code == 200:
        assert Case.objects.count() == before
