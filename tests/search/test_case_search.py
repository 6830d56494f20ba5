"""The inspectors' case search: one box in the workspace, `q` on GET /api/v1/cases,
facets with counts; scope inside the query; no contact data or denouncer identity
in the index. One contract over every backend (`case_backend`, tests/search/conftest.py):
the database of the run (SQLite FTS5 or PostgreSQL GIN) and Elasticsearch on noida-db
and on osmem-server."""

from __future__ import annotations

import pytest
from django.test import Client

from complaints.kinds import CaseKind, CaseStatus
from complaints.models import ApiToken, Case
from search.models import CaseSearchEntry
from tests.factories import CaseFactory, CategoryFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDLER = ["complaints.view_case", "complaints.act_on_case"]
INSPECTOR = [*HANDLER, "complaints.view_all_cases", "complaints.view_denouncer_identity"]


@pytest.fixture
def world(case_backend, django_capture_on_commit_callbacks):
    a = FacilityFactory(code="TTYT-A", name="Trung tâm Y tế Đức Phổ")
    b = FacilityFactory(code="TTYT-B", name="Bệnh viện Đa khoa Sơn Tịnh")
    food = CategoryFactory(code="attp", name="An toàn thực phẩm")
    with django_capture_on_commit_callbacks(execute=True):
        cases = {
            "bribe_a": CaseFactory(
                tracking_code="YT-2026-000123", facility=a, assigned_unit=a,
                title="Bác sĩ nhận phong bì của người nhà", content="Xin phong bì mới khám.",
            ),
            "bribe_b": CaseFactory(
                tracking_code="YT-2026-000456", facility=b, assigned_unit=b,
                title="Nhận phong bì ở khoa sản", content="Y tá nhận tiền.",
            ),
            "food": CaseFactory(
                tracking_code="YT-2026-000789", facility=a, assigned_unit=a, category=food,
                title="Bếp ăn bệnh viện mất vệ sinh", content="Thức ăn ôi thiu.",
            ),
            "denounce": CaseFactory(
                to_cao=True, tracking_code="YT-2026-000999", facility=a, assigned_unit=a,
                title="Tố cáo lãnh đạo khoa", content="Lạm dụng chức vụ.",
                status=CaseStatus.ACCEPTED,
            ),
        }  # fmt: skip
    return a, b, cases


def codes(queryset) -> set[str]:
    return set(queryset.values_list("tracking_code", flat=True))


def search(user, q):
    from complaints.case_search import case_search

    return codes(case_search(Case.objects.in_scope_of(user), q))


def test_with_or_without_diacritics_and_scope_inside_the_query(world):
    a, _b, _cases = world
    inspector = UserFactory(perms=INSPECTOR)
    handler = UserFactory(perms=HANDLER, facility=a)
    assert search(inspector, "phong bi") == {"YT-2026-000123", "YT-2026-000456"}
    assert search(inspector, "phong bì") == {"YT-2026-000123", "YT-2026-000456"}
    assert search(handler, "phong bi") == {"YT-2026-000123"}
    # "hung" is no syllable of these cases; substrings never match.
    assert search(inspector, "hong") == set()


@pytest.mark.parametrize(
    "q, expected",
    [
        ("YT-2026-000123", {"YT-2026-000123"}),
        ("yt-2026-000123", {"YT-2026-000123"}),
        ("000123", {"YT-2026-000123"}),
        ("2026-000", {"YT-2026-000123", "YT-2026-000456", "YT-2026-000789", "YT-2026-000999"}),
        ("0004", {"YT-2026-000456"}),
        ("Duc Pho", {"YT-2026-000123", "YT-2026-000789", "YT-2026-000999"}),
        ("an toàn thực phẩm", {"YT-2026-000789"}),
        ("oi thiu", {"YT-2026-000789"}),
    ],
)
def test_code_whole_or_partial_facility_category_content(world, q, expected):
    assert search(UserFactory(perms=INSPECTOR), q) == expected


def test_no_contact_data_or_denouncer_identity_in_the_index(world):
    _a, _b, cases = world
    reporter = cases["denounce"].reporter
    inspector = UserFactory(perms=INSPECTOR)
    for secret in (reporter.name, reporter.phone, reporter.email, reporter.id_number):
        assert search(inspector, secret) == set(), secret
    stored = " ".join(CaseSearchEntry.objects.values_list("folded_text", flat=True))
    assert "0905123456" not in stored and "051190000123" not in stored
    assert " dan " not in stored  # Nguyễn Thị Dân


def test_an_edit_reaches_the_index(world, case_backend, django_capture_on_commit_callbacks):
    """The database's index in the same transaction; Elasticsearch's after commit."""
    _a, _b, cases = world
    case = cases["food"]
    case.title = "Nhà ăn có gián"
    if case_backend == "database":
        case.save()
    else:
        with django_capture_on_commit_callbacks(execute=True):
            case.save()
    assert search(UserFactory(perms=INSPECTOR), "co gian") == {"YT-2026-000789"}


def test_api_q_and_facets(world):
    a, _b, _cases = world
    handler = UserFactory(perms=HANDLER, facility=a)
    _token, key = ApiToken.issue(user=handler, name="test")
    client = Client(headers={"Authorization": f"Token {key}"})
    body = client.get("/api/v1/cases", {"q": "phong bi", "facets": "true"}).json()
    assert [r["tracking_code"] for r in body["results"]] == ["YT-2026-000123"]
    assert body["facets"]["kind"] == [{"value": CaseKind.PHAN_ANH, "count": 1}]
    everything = client.get("/api/v1/cases", {"facets": "true"}).json()["facets"]
    assert {f["value"]: f["count"] for f in everything["kind"]} == {"phan_anh": 2, "to_cao": 1}
    assert {f["value"]: f["count"] for f in everything["unit"]} == {"TTYT-A": 3}
    assert {f["value"]: f["count"] for f in everything["category"]}.get("attp") == 1
    assert set(everything) == {
        "kind", "status", "unit", "category", "channel", "month", "overdue", "due_soon"
    }  # fmt: skip
    too_long = client.get("/api/v1/cases", {"q": "x" * 201})
    assert too_long.status_code == 400 and "q" in too_long.json()["errors"]


def test_workspace_query_box(client, world):
    client.force_login(UserFactory(perms=INSPECTOR, admin_access=True, staff=True))
    response = client.get("/admin/ho-so/", {"q": "phong bi"})
    assert response.status_code == 200
    found = {row["case"].tracking_code for row in response.context["rows"]}
    assert found == {"YT-2026-000123", "YT-2026-000456"}


def test_a_denunciation_is_found_by_no_contact_written_in_its_text(
    world, django_capture_on_commit_callbacks
):
    """A tố cáo's text is indexed as whoever may not see its denouncer reads it: a relative's
    e-mail, a second phone or a husband's CCCD finds it for no one, the inspector who may
    see the denouncer included (they look senders up outside the index,
    `reporter_lookup`); its other words, sums and days still find it."""
    _a, _b, cases = world
    case = cases["denounce"]
    case.content = (
        "Bác sĩ đòi 1.500.000 đồng ngày 12/03/2026. Xin liên hệ chồng tôi anh Lê Văn Nam, "
        "số 0912 345 678, thư hoa.pham@gmail.com, CCCD 079095001234."
    )
    with django_capture_on_commit_callbacks(execute=True):
        case.save()
    inspector = UserFactory(perms=INSPECTOR)
    for q in ("0912 345 678", "0912345678", "hoa.pham@gmail.com", "079095001234"):
        assert search(inspector, q) == set(), q
    assert search(inspector, "Le Van Nam") == {"YT-2026-000999"}
    stored = " ".join(CaseSearchEntry.objects.values_list("folded_text", flat=True))
    assert "hoa" not in stored.split() and "0912345678" not in stored


def test_search_index_finds_and_rewrites_a_text_indexed_before_its_contacts_were_hidden(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    """An index written before the rule (a phone in it): `search_index --check` reports
    it out of date, `--rebuild` writes the text as the rule now reads it."""
    import io

    from django.core.management import CommandError, call_command

    _a, _b, cases = world
    case = cases["denounce"]
    case.content = "Lạm dụng chức vụ. Xin gọi chồng tôi số 0912345678."
    with monkeypatch.context() as before:
        before.setattr("complaints.documents.context.personal_spans", lambda text: [])
        with django_capture_on_commit_callbacks(execute=True):
            case.save()
    inspector = UserFactory(perms=INSPECTOR)
    assert search(inspector, "0912345678") == {"YT-2026-000999"}
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=io.StringIO())
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    call_command("search_index", "--check", stdout=io.StringIO())
    assert search(inspector, "0912345678") == set()
    assert search(inspector, "lam dung chuc vu") == {"YT-2026-000999"}
