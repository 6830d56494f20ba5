"""Tracking codes, PINs and the citizen's look-up."""

import pytest
from django.db import transaction
from django.test import override_settings

from complaints import ratelimit
from complaints.kinds import Channel
from complaints.models import CaseEvent, InternalNote
from complaints.selectors.tracking import case_for_citizen, case_lookup, case_public_view
from complaints.services.intake import case_submit
from complaints.services.tracking import (
    pin_generate,
    pin_hash,
    pin_matches,
    tracking_code_next,
)
from tests.complaints.intake_factories import submission
from tests.factories import DEFAULT_PIN, CaseFactory


def test_keyed_pin_is_recomputable_and_unkeyed_is_random(settings):
    a = pin_generate(tracking_code="YT-2026-000001", idempotency_key="k")
    assert a == pin_generate(tracking_code="YT-2026-000001", idempotency_key="k")
    assert a != pin_generate(tracking_code="YT-2026-000002", idempotency_key="k")
    assert len(a) == 8 and a.isdigit()
    randoms = {pin_generate(tracking_code="YT-2026-000001") for _ in range(20)}
    assert len(randoms) > 1


def test_pin_hash_is_bound_to_the_code():
    stored = pin_hash(tracking_code="YT-2026-000001", pin="12345678")
    assert pin_matches(tracking_code="YT-2026-000001", pin="12345678", stored_hash=stored)
    assert not pin_matches(tracking_code="YT-2026-000001", pin="12345679", stored_hash=stored)
    assert not pin_matches(tracking_code="YT-2026-000002", pin="12345678", stored_hash=stored)
    assert not pin_matches(tracking_code="YT-2026-000001", pin="", stored_hash=stored)


def test_pins_survive_a_secret_key_rotation(settings):
    stored = pin_hash(tracking_code="YT-2026-000001", pin="12345678")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert pin_matches(tracking_code="YT-2026-000001", pin="12345678", stored_hash=stored)


@pytest.mark.django_db(transaction=True)
def test_tracking_code_needs_a_transaction():
    with pytest.raises(RuntimeError):
        tracking_code_next()
    with transaction.atomic():
        first = tracking_code_next()
        second = tracking_code_next()
    assert int(second[-6:]) == int(first[-6:]) + 1


@pytest.mark.django_db
def test_unknown_code_and_wrong_pin_look_the_same(hospital):
    result = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    code = result.case.tracking_code
    assert case_for_citizen(tracking_code=code, pin=result.pin) == result.case
    assert case_for_citizen(tracking_code=code.lower(), pin=result.pin) == result.case
    assert case_for_citizen(tracking_code=code, pin="00000000") is None
    assert case_for_citizen(tracking_code="YT-2026-999999", pin=result.pin) is None
    assert case_for_citizen(tracking_code="rác", pin=result.pin) is None


@pytest.mark.django_db
def test_a_citizens_look_up_is_the_codes_index_alone(hospital):
    """By its unique code with no ORDER BY (`CaseQuerySet.unique_or_none`): no sort that could
    lead PostgreSQL's planner down the received-at index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    with CaptureQueriesContext(connection) as queries:
        found = case_for_citizen(tracking_code=result.case.tracking_code, pin=result.pin)
    assert found == result.case
    (lookup, *_rest) = [q["sql"] for q in queries.captured_queries]
    assert '"tracking_code" =' in lookup and "ORDER BY" not in lookup


@pytest.mark.django_db
def test_factory_cases_with_django_password_hashes_open_too():
    case = CaseFactory()
    assert case_for_citizen(tracking_code=case.tracking_code, pin=DEFAULT_PIN) == case


@pytest.mark.django_db
@override_settings(
    COMPLAINTS_RATE_LIMITS={"pin_code_address": (3, 3600), "lookup_address": (100, 600)}
)
def test_wrong_pins_hold_back_the_address_that_typed_them(hospital):
    result = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    code = result.case.tracking_code
    for n in range(3):
        assert case_lookup(tracking_code=code, pin=f"1111111{n}", client_ip="10.0.0.1") is None
    with pytest.raises(ratelimit.Throttled) as throttled:
        # Even the right PIN from that address: it cannot go on guessing.
        case_lookup(tracking_code=code, pin=result.pin, client_ip="10.0.0.1")
    assert throttled.value.reason == "pin"
    # Unknown codes are limited the same way (nothing tells them apart).
    for _n in range(3):
        case_lookup(tracking_code="YT-2026-999999", pin="1", client_ip="10.0.1.1")
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code="YT-2026-999999", pin="1", client_ip="10.0.1.1")


@pytest.mark.django_db
@override_settings(COMPLAINTS_RATE_LIMITS={"lookup_address": (2, 600)})
def test_lookups_are_limited_per_address(hospital):
    result = case_submit(data=submission(facility=hospital.code), channel=Channel.WEB)
    for _ in range(2):
        case_lookup(tracking_code=result.case.tracking_code, pin=result.pin, client_ip="10.1.1.1")
    with pytest.raises(ratelimit.Throttled):
        case_lookup(tracking_code=result.case.tracking_code, pin=result.pin, client_ip="10.1.1.1")


@pytest.mark.django_db
def test_public_view_shows_status_deadlines_and_public_events_only(hospital):
    result = case_submit(data=submission("to_cao", facility=hospital.code), channel=Channel.WEB)
    case = result.case
    CaseEvent.objects.create(case=case, action="assign", at=case.received_at, is_public=False,
                             note="Giao cho bác sĩ X xác minh")
    InternalNote.objects.create(case=case, text="Ghi chú nội bộ: nghi trùng đơn")
    view = case_public_view(case=case)
    assert view.status == "received"
    assert view.status_label
    assert [e.action for e in view.timeline] == ["received"]
    assert any(d.step == "accept" for d in view.deadlines)
    text = str(view.as_dict())
    for secret in ("Nguyễn Thị Lan", "051190000123", "lan.nguyen@example.vn", "0905123456",
                   "Ghi chú nội bộ", "bác sĩ X"):
        assert secret not in text


# ---- citizen: a decided case shows what still means something (issue 12, item 6) ------


@pytest.mark.django_db
def test_deadlines_shown_follow_the_state_and_read_in_vietnamese(hospital):
    from complaints.kinds import CaseStatus
    from complaints.models import Case

    result = case_submit(data=submission("to_cao", facility=hospital.code), channel=Channel.WEB)
    case = result.case
    waiting = case_public_view(case=case)
    steps = {d.step for d in waiting.deadlines}
    assert "accept" in steps
    for deadline in waiting.deadlines:
        assert " Art " not in deadline.legal_basis
    assert any("Điều" in d.legal_basis for d in waiting.deadlines if not d.unconfirmed)

    Case.objects.filter(pk=case.pk).update(status=CaseStatus.VERIFYING)
    case.refresh_from_db()
    assert {d.step for d in case_public_view(case=case).deadlines} <= {
        "resolve", "resolve_extended"
    }
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    case.refresh_from_db()
    closed = case_public_view(case=case)
    assert closed.deadlines == ()
    assert closed.status_label == "Đã đóng"


@pytest.mark.django_db
def test_the_citizen_reads_the_same_citations_as_staff(hospital):
    """One spelling of a citation everywhere (complaints/citations.py): "khoản 1 Điều 24
    Luật Tố cáo", clause before article, on the tracking page and the receipt as in the
    staff's deadline table (the tracking page once had a spelling of its own, "Điều 24
    khoản 1")."""
    result = case_submit(data=submission("to_cao", facility=hospital.code), channel=Channel.WEB)
    bases = {d.step: d.legal_basis for d in case_public_view(case=result.case).deadlines}
    assert bases["accept"] == "khoản 1 Điều 24 Luật Tố cáo"


@pytest.mark.parametrize(
    "typed",
    ["YT-2026-000008", "yt-2026-000008", "YT2026000008", " yt 2026 000008 ", "YT–2026–000008"],
)
def test_a_code_typed_the_natural_way_is_read_as_stored(typed):
    from complaints.services.tracking import normalize_tracking_code

    assert normalize_tracking_code(typed) == "YT-2026-000008"


def test_a_pin_typed_in_groups_matches():
    from complaints.services.tracking import pin_hash, pin_matches

    stored = pin_hash(tracking_code="YT-2026-000008", pin="12628744")
    for typed in ("12628744", "1262 8744", " 1262-8744 ", "1262.8744"):
        assert pin_matches(tracking_code="YT-2026-000008", pin=typed, stored_hash=stored)
    assert not pin_matches(tracking_code="YT-2026-000008", pin="1262 8745", stored_hash=stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, article",
    [("khieu_nai", "khoản 2 Điều 8 Luật Khiếu nại"), ("to_cao", "Điều 23 Luật Tố cáo")],
)
def test_an_online_complaint_tells_the_citizen_it_needs_a_signed_copy(
    client, hospital, kind, article
):
    """The declaration stands in at intake; acceptance needs the signature (khoản 5 Điều 11
    Luật Khiếu nại, điểm a khoản 1 Điều 29 Luật Tố cáo): the citizen is told, until staff
    record it."""
    from complaints.services.workflow import case_transition
    from tests.factories import UserFactory

    intake = ["complaints.view_case", "complaints.act_on_case", "complaints.view_all_cases"]

    result = case_submit(data=submission(kind, facility=hospital.code), channel=Channel.WEB)
    case = result.case
    notice = case_public_view(case=case).signature_notice
    assert article in notice and case.tracking_code in notice
    opened = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": result.pin}, follow=True)
    page = opened.content.decode()
    assert 'id="signature-needed"' in page and article in page

    case_transition(case_id=case.pk, action="confirm_signature", actor=UserFactory(perms=intake),
                    data={"method": "in_person"}, origin="staff")  # fmt: skip
    case.refresh_from_db()
    assert case_public_view(case=case).signature_notice == ""


@pytest.mark.django_db
def test_the_signature_notice_says_where_to_send_the_signed_letter_and_by_when(
    client, hospital, department
):
    """The Sở's postal address (its department unit's), its hours, and the acceptance
    deadline by which the signed letter must arrive."""
    department.address = "48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi"
    department.save()
    result = case_submit(data=submission("khieu_nai", facility=hospital.code), channel=Channel.WEB)
    case = result.case
    notice = case_public_view(case=case).signature_notice
    assert department.name in notice and department.address in notice
    assert "giờ hành chính" in notice
    # The last day, not "trước hết" (first of all) as it read before.
    assert f"chậm nhất trong ngày {case.accept_by.strftime('%d/%m/%Y')}." in notice
    page = client.post(
        f"/tra-cuu/{case.tracking_code}/", {"pin": result.pin}, follow=True
    ).content.decode()
    assert department.address in page


@pytest.mark.django_db
def test_a_report_or_a_letter_recorded_by_staff_owes_no_signature(hospital):
    report = case_submit(data=submission("phan_anh", facility=hospital.code), channel=Channel.WEB)
    assert case_public_view(case=report.case).signature_notice == ""
    letter = case_submit(
        data=submission("khieu_nai", facility=hospital.code), channel=Channel.MAIL,
        idempotency_key=None,
    )
    assert case_public_view(case=letter.case).signature_notice == ""


@pytest.mark.django_db
def test_a_reports_answer_cites_the_law_and_its_resolution_says_it_is_the_portals(hospital):
    """The 10 working days to answer a phản ánh are khoản 1 Điều 28 Luật Tiếp công dân; only
    the 15 to resolve it are the portal's own policy."""
    from complaints.deadlines import is_portal_policy

    result = case_submit(data=submission("phan_anh", facility=hospital.code), channel=Channel.WEB)
    shown = {d.step: d for d in case_public_view(case=result.case).deadlines}
    assert not shown["accept"].policy
    assert "khoản 1 Điều 28 Luật Tiếp công dân" in shown["accept"].legal_basis
    assert all(d.policy == (d.step == "resolve") for d in shown.values())
    assert is_portal_policy("Quy định của Cổng, không phải luật")


@pytest.mark.django_db
def test_the_sos_address_and_hours_come_from_the_administrators_settings(
    settings, client, hospital, department
):
    """PORTAL_DEPARTMENT_ADDRESS and PORTAL_OFFICE_HOURS (README "Settings"): the signature
    notice and the withdrawal note say what the administrator set, not a fixed text."""
    from complaints.rules.citizen_guidance import withdrawal_for_citizen

    department.address = "48 Phan Đình Phùng, phường Cẩm Thành, tỉnh Quảng Ngãi"
    department.save()
    result = case_submit(data=submission("khieu_nai", facility=hospital.code), channel=Channel.WEB)
    case = result.case
    assert "giờ hành chính" in case_public_view(case=case).signature_notice
    settings.PORTAL_OFFICE_HOURS = "từ 7 giờ 30 đến 17 giờ, thứ Hai đến sáng thứ Bảy"
    settings.PORTAL_DEPARTMENT_ADDRESS = "19 Nguyễn Nghiêm, phường Cẩm Thành, tỉnh Quảng Ngãi"
    notice = case_public_view(case=case).signature_notice
    assert "ký xác nhận tại đó từ 7 giờ 30 đến 17 giờ, thứ Hai đến sáng thứ Bảy." in notice
    assert "19 Nguyễn Nghiêm" in notice and "48 Phan Đình Phùng" not in notice
    assert "giờ hành chính" not in notice
    withdrawal = withdrawal_for_citizen(case)
    assert "19 Nguyễn Nghiêm" in withdrawal and "từ 7 giờ 30 đến 17 giờ" in withdrawal
    page = client.post(
        f"/tra-cuu/{case.tracking_code}/", {"pin": result.pin}, follow=True
    ).content.decode()
    assert "19 Nguyễn Nghiêm" in page and "từ 7 giờ 30 đến 17 giờ" in page
