"""Staff find a case by its reporter's name, phone or e-mail, outside the search index
(which holds no identity: Điều 47 Luật Tố cáo), inside their scope, and a tố cáo only
when they may see its denouncer (`complaints.selectors.identity`)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.case_search import staff_case_search
from complaints.kinds import CaseKind
from complaints.models import Case, IdentityAccessLog, Reporter
from tests.complaints.admin.helpers import (
    STAFF,
    handler_user,
    inspector_user,
    intake_user,
    leader_user,
)
from tests.factories import CaseFactory, FacilityFactory, UserFactory

pytestmark = pytest.mark.django_db


def found(user, q: str) -> set[Case]:
    return set(staff_case_search(Case.objects.in_scope_of(user), q, user=user).cases)


def with_reporter(case: Case, **fields) -> Case:
    reporter = Reporter.objects.get(case=case)
    for name, value in fields.items():
        setattr(reporter, name, value)
    reporter.save()
    return case


def citizen_cases() -> list[Case]:
    """A phản ánh, a kiến nghị and a khiếu nại of "Phạm Thị Hoà", 0905 123 456."""
    return [
        with_reporter(
            CaseFactory(kind=kind), name="Phạm Thị Hoà", phone="0905 123 456",
            email="hoa.pham@example.vn",
        )
        for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI)
    ] + [
        with_reporter(
            CaseFactory(khieu_nai=True), name="Phạm Thị Hoà", phone="0905123456",
            email="Hoa.Pham@Example.vn",
        )
    ]


@pytest.mark.parametrize(
    "q", ["Phạm Thị Hoà", "pham thi hoa", "PHAM THI HOA", "  Phạm  thị ", "pham thi h"]
)
def test_a_name_with_or_without_accents_in_any_case_finds_the_citizens_cases(q):
    cases = citizen_cases()
    other = with_reporter(CaseFactory(), name="Trần Văn Hoà")
    result = staff_case_search(Case.objects.in_scope_of(intake_user()), q, user=intake_user())
    assert set(result.cases) == set(cases)
    assert other not in set(result.cases)
    assert result.by_reporter


@pytest.mark.parametrize(
    "q", ["0905 123 456", "0905123456", "+84905123456", "+84 905 123 456", "84905123456",
          "0905.123.456"]
)
def test_a_phone_with_spaces_or_either_prefix_finds_the_cases(q):
    cases = citizen_cases()
    with_reporter(CaseFactory(), phone="0905 123 457")
    assert found(intake_user(), q) == set(cases)


def test_an_email_in_any_case_finds_the_cases():
    cases = citizen_cases()
    assert found(intake_user(), "HOA.PHAM@example.VN") == set(cases)


def test_only_cases_in_scope_are_found():
    centre = FacilityFactory()
    mine = with_reporter(CaseFactory(assigned_unit=centre), name="Phạm Thị Hoà")
    with_reporter(CaseFactory(assigned_unit=FacilityFactory()), name="Phạm Thị Hoà")
    assert found(handler_user(centre), "pham thi hoa") == {mine}


def test_an_anonymous_report_is_not_found_by_the_contact_it_kept_for_notices():
    kept = with_reporter(CaseFactory(anonymous_report=True), phone="0905123456",
                         email="an.danh@example.vn")
    assert kept not in found(intake_user(), "0905123456")
    assert kept not in found(intake_user(), "an.danh@example.vn")


def test_the_text_search_still_finds_what_it_found():
    case = CaseFactory(title="Nhà vệ sinh bẩn")
    result = staff_case_search(Case.objects.in_scope_of(intake_user()), "vệ sinh", user=None)
    assert set(result.cases) == {case} and not result.by_reporter


def denunciation_of_hospital():
    """A tố cáo about a hospital under a department, handled at the hospital by one of its
    own staff (holding the identity permission), by "Lê Văn Tố", 0911 222 333."""
    department = FacilityFactory()
    hospital = FacilityFactory(parent=department)
    hospital_staff = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity", "complaints.approve_case"],
        admin_access=True, facility=hospital,
    )
    case = with_reporter(
        CaseFactory(
            to_cao=True, facility=hospital, assigned_unit=hospital, assigned_user=hospital_staff,
            title="Tố cáo thu tiền sai quy định",
        ),
        name="Lê Văn Tố", phone="0911 222 333", email="le.to@example.vn",
    )
    return case, department, hospital_staff


@pytest.mark.parametrize("q", ["Lê Văn Tố", "le van to", "0911222333", "LE.TO@example.vn"])
def test_staff_of_the_denounced_facility_never_find_a_denunciation_by_its_denouncer(q):
    case, _department, hospital_staff = denunciation_of_hospital()
    # In their scope: the title finds it…
    assert case in found(hospital_staff, "thu tiền sai quy định")
    # …the denouncer's name, phone or e-mail never does (khoản 3 Điều 8 Luật Tố cáo).
    result = staff_case_search(Case.objects.in_scope_of(hospital_staff), q, user=hospital_staff)
    assert case not in set(result.cases)
    assert not result.by_reporter
    assert not IdentityAccessLog.objects.exists()


def test_staff_who_may_not_see_the_denouncer_do_not_find_the_denunciation():
    case, _department, _staff = denunciation_of_hospital()
    assert case not in found(intake_user(), "le van to")  # no identity permission
    assert case not in found(inspector_user(), "le van to")  # neither handles nor supervises
    assert not IdentityAccessLog.objects.exists()


def test_a_supervising_leader_finds_the_denunciation_and_the_lookup_is_logged():
    case, department, _staff = denunciation_of_hospital()
    leader = leader_user(facility=department)
    assert found(leader, "le van to") == {case}
    log = IdentityAccessLog.objects.get()
    assert (log.case, log.user, log.purpose) == (case, leader, "lookup")
    # A phản ánh's reporter is not a secret: finding it is not logged.
    with_reporter(CaseFactory(assigned_unit=department), name="Lê Văn Tố")
    found(leader, "le van to")
    assert IdentityAccessLog.objects.count() == 2


def test_the_number_of_queries_does_not_grow_with_the_cases_found():
    department = FacilityFactory()
    leader = leader_user(facility=department)

    def add(n):
        for _ in range(n):
            hospital = FacilityFactory(parent=department)
            with_reporter(CaseFactory(assigned_unit=hospital), name="Võ Thị Lan")
            with_reporter(
                CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital),
                name="Võ Thị Lan",
            )

    def count():
        leader_again = type(leader).objects.get(pk=leader.pk)  # no cached scope
        with CaptureQueriesContext(connection) as queries:
            cases = list(
                staff_case_search(
                    Case.objects.in_scope_of(leader_again), "vo thi lan", user=leader_again
                ).cases
            )
        return len(cases), len(queries)

    add(1)
    few, few_queries = count()
    add(5)
    many, many_queries = count()
    assert (few, many) == (2, 12)
    assert many_queries == few_queries


def test_the_lookup_forms_follow_the_reporter_and_stay_out_of_its_history():
    case = with_reporter(CaseFactory(), name="Đặng Thị Ánh", phone="+84 905 000 111")
    reporter = Reporter.objects.get(case=case)
    assert (reporter.name_folded, reporter.phone_key) == ("dang thi anh", "905000111")
    assert not hasattr(Reporter.history.model, "name_folded")
    assert not hasattr(Reporter.history.model, "phone_key")
    # Erased identity (retention): nothing left to be found by.
    with_reporter(case, name="", phone="")
    reporter.refresh_from_db()
    assert (reporter.name_folded, reporter.phone_key) == ("", "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index plans")
@pytest.mark.parametrize(
    ("q", "index"),
    [
        ("pham thi", "reporter_name_folded"),
        ("0905 123 456", "reporter_phone_key"),
        ("hoa.pham@example.vn", "reporter_email_upper"),
    ],
)
def test_each_lookup_is_read_from_an_index(q, index):
    from complaints.selectors.reporter_lookup import cases_found_by_reporter

    citizen_cases()
    user = intake_user()
    (others,) = cases_found_by_reporter(Case.objects.in_scope_of(user), q, user=user)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show what can serve
        plan = others.explain()
    assert index in plan


def test_the_staff_api_finds_a_case_by_its_sender_as_the_workspace_does():
    """`GET /api/v1/cases?q=` is the workspace's search box: a citizen's name or phone finds
    their cases in scope; a denouncer's name finds the tố cáo only for who may see them."""
    from tests.complaints.api.test_staff_api import token_client

    cases = citizen_cases()
    with_reporter(CaseFactory(), name="Trần Văn Hoà", phone="0905 999 888")

    def codes(user, q):
        answer = token_client(user).get("/api/v1/cases", {"q": q})
        assert answer.status_code == 200, answer.json()
        return {row["tracking_code"] for row in answer.json()["results"]}

    assert codes(intake_user(), "pham thi hoa") == {case.tracking_code for case in cases}
    assert codes(intake_user(), "0905.123.456") == {case.tracking_code for case in cases}
    denunciation, department, hospital_staff = denunciation_of_hospital()
    assert codes(hospital_staff, "le van to") == set()
    assert not IdentityAccessLog.objects.exists()
    assert codes(leader_user(facility=department), "le van to") == {denunciation.tracking_code}
    assert IdentityAccessLog.objects.get().purpose == "lookup"
