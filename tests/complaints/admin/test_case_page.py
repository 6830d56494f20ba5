"""The case page of the admin workspace: facts, deadlines, actions, notes, identity,
timeline, related cases; every write through the services."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.citations import citation_vi
from complaints.kinds import CaseKind, CaseStatus
from complaints.models import Case, CaseEvent, IdentityAccessLog, InternalNote, Reporter
from tests.factories import CaseFactory, FacilityFactory, UserFactory, inspectorate

from .helpers import (
    STAFF,
    case_with_deadlines,
    handler_user,
    inspector_user,
    intake_user,
    leader_user,
    viewer_user,
)

pytestmark = pytest.mark.django_db


def page(case) -> str:
    return reverse("complaints_admin:detail", args=[case.tracking_code])


def action_url(case, action: str) -> str:
    return reverse("complaints_admin:action", args=[case.tracking_code, action])


def actions(response) -> list[str]:
    return [form.transition.action for form in response.context["action_forms"]]


def test_facts_and_deadlines_with_days_left_and_legal_basis(client):
    case = case_with_deadlines(khieu_nai=True, title="Thu sai viện phí")
    client.force_login(intake_user())
    response = client.get(page(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.tracking_code in html and "Thu sai viện phí" in html
    assert "Quyết định thu viện phí" in html  # the decision complained of
    rows = response.context["deadlines"]
    assert rows, "the CaseDeadline rows are shown"
    accept = next(item for item in rows if item["row"].step == "accept")
    assert accept["label"] == "Thụ lý hoặc trả lời việc thụ lý"
    # The basis as the law is cited in Vietnamese, with the rule table it came from by its
    # first day (not the table's code, "2026-07-01"), in the table and on the timeline.
    basis = citation_vi(accept["row"].legal_basis)
    assert "Art" not in basis and basis in html
    assert " Art " not in html
    assert f"({accept['row'].rule_version})" not in html
    assert "(quy định áp dụng từ 01/07/2026)" in html
    assert accept["days_left"] == (accept["row"].due - response.context["today"]).days
    assert "Còn " in html or "Hết hạn hôm nay" in html


@pytest.mark.parametrize("kind", ["khieu_nai", "to_cao", "bao_chi", "phan_anh"])
def test_the_facility_is_named_in_words_that_fit_every_kind(client, kind):
    """Not "Cơ sở bị phản ánh" on a complaint, a denunciation or a press case."""
    hospital = FacilityFactory(name="Bệnh viện Tỉnh")
    case = CaseFactory(**({kind: True} if kind != "phan_anh" else {}), facility=hospital)
    client.force_login(intake_user())
    html = client.get(page(case)).content.decode()
    assert "<dt>Cơ sở y tế liên quan</dt><dd>Bệnh viện Tỉnh</dd>" in html
    assert "<dt>Cơ sở bị phản ánh</dt>" not in html


def test_a_case_outside_the_scope_answers_404(client):
    case = CaseFactory(assigned_unit=FacilityFactory())
    client.force_login(handler_user(FacilityFactory()))
    assert client.get(page(case)).status_code == 404
    assert client.post(action_url(case, "accept"), {}).status_code == 404


def test_actions_follow_the_state_and_the_role(client):
    unit = FacilityFactory()
    received = CaseFactory(kind=CaseKind.KHIEU_NAI, signature_method="signed_copy",
                           facility=unit, assigned_unit=unit)
    client.force_login(intake_user())
    offered = actions(client.get(page(received)))
    assert {"forward", "request_info", "assign", "file"} <= set(offered)
    # Accepting a complaint, or refusing to, is the head's (approve_case; Điều 27 Luật
    # Khiếu nại).
    assert "accept" not in offered and "reject" not in offered and "conclude" not in offered

    accepted = CaseFactory(kind=CaseKind.KHIEU_NAI, accepted=True, facility=unit,
                           assigned_unit=unit)
    assert "conclude" not in actions(client.get(page(accepted)))  # needs approve_case
    client.force_login(leader_user(facility=unit))  # a leader of the competent unit
    assert "conclude" in actions(client.get(page(accepted)))
    assert {"accept", "reject"} <= set(actions(client.get(page(received))))

    client.force_login(viewer_user())
    response = client.get(page(received))
    assert actions(response) == []
    assert "Bạn không có thao tác nào" in response.content.decode()


def test_accept_through_the_form_runs_the_workflow_service(client):
    unit = FacilityFactory()
    case = case_with_deadlines(khieu_nai=True, facility=unit, assigned_unit=unit)
    user = leader_user(facility=unit)  # a complaint's acceptance is its competent unit's head's
    client.force_login(user)
    form_html = client.get(page(case)).content.decode()
    assert 'name="accept-expected_status" value="received"' in form_html

    response = client.post(action_url(case, "accept"), {"accept-expected_status": "received"})
    assert response.status_code == 302
    assert response["Location"] == page(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    event = CaseEvent.objects.get(case=case, action="accept")
    assert event.actor == user and event.data["origin"] == "admin"
    assert case.history.first().history_change_reason == "origin=admin action=case_accept"
    followed = client.get(page(case)).content.decode()
    assert "Đã thực hiện “Thụ lý”" in followed
    assert "Diễn biến hồ sơ" in followed and "Thụ lý" in followed


def test_a_stale_form_answers_409_with_a_clear_message(client):
    case = CaseFactory()
    client.force_login(intake_user())
    # The page was loaded while the case was "needs_info"; it has moved on since.
    response = client.post(
        action_url(case, "complete_info"), {"complete_info-expected_status": "needs_info"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Thao tác chưa được thực hiện." in html
    assert "hãy tải lại trang" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_a_second_click_after_the_state_changed_is_refused_cleanly(client):
    case = CaseFactory()
    client.force_login(intake_user())
    first = client.post(action_url(case, "accept"), {"accept-expected_status": "received"})
    assert first.status_code == 302
    second = client.post(action_url(case, "accept"), {"accept-expected_status": "received"})
    assert second.status_code == 409
    assert CaseEvent.objects.filter(case=case, action="accept").count() == 1


def test_missing_required_fields_come_back_beside_the_field(client):
    case = CaseFactory(khieu_nai=True)
    client.force_login(intake_user())
    response = client.post(
        action_url(case, "reject"),
        {"reject-expected_status": "received", "reject-reason": "", "reject-legal_ground": ""},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reason"] and form.errors["legal_ground"]
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_reject_with_reason_and_ground(client):
    unit = FacilityFactory()
    case = CaseFactory(khieu_nai=True, facility=unit, assigned_unit=unit)
    # A complaint's refusal is its competent unit's leader's (complaints/rules/resolver.py).
    client.force_login(leader_user(facility=unit))
    response = client.post(
        action_url(case, "reject"),
        {
            "reject-expected_status": "received",
            "reject-reason": "Quá thời hiệu khiếu nại",
            "reject-legal_ground": "kn_time_expired",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED
    assert case.rejection_legal_ground == "khoản 6 Điều 11 Luật Khiếu nại"


def test_an_action_the_role_may_not_take_is_forbidden(client):
    case = CaseFactory(kind=CaseKind.KHIEU_NAI, accepted=True)
    client.force_login(intake_user())
    response = client.post(
        action_url(case, "conclude"),
        {
            "conclude-expected_status": "accepted",
            "conclude-conclusion": "Đúng",
            "conclude-public_answer": "Trả lời",
            "conclude-finding": "correct",  # a valid form: the role is what refuses it
        },
    )
    assert response.status_code in (302, 403)  # Wagtail turns 403 into a redirect home
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_the_action_page_alone_for_phones_and_errors(client):
    case = CaseFactory()
    client.force_login(intake_user())
    response = client.get(action_url(case, "request_info"))
    assert response.status_code == 200
    assert 'name="request_info-message"' in response.content.decode()


def test_internal_notes_are_added_through_the_service(client):
    case = CaseFactory()
    user = intake_user()
    client.force_login(user)
    response = client.post(
        reverse("complaints_admin:add_note", args=[case.tracking_code]),
        {"text": "Đã gọi điện cho cơ sở."},
    )
    assert response.status_code == 302
    note = InternalNote.objects.get(case=case)
    assert note.author == user
    assert note.history.first().history_change_reason == "origin=admin action=case_note_add"
    assert "Đã gọi điện cho cơ sở." in client.get(page(case)).content.decode()

    empty = client.post(reverse("complaints_admin:add_note", args=[case.tracking_code]), {})
    assert empty.status_code == 400


def test_a_viewer_cannot_add_notes(client):
    case = CaseFactory()
    client.force_login(viewer_user())
    response = client.post(
        reverse("complaints_admin:add_note", args=[case.tracking_code]), {"text": "x"}
    )
    assert response.status_code in (302, 403)
    assert not InternalNote.objects.exists()


def test_the_reporter_of_a_report_is_shown_to_staff_in_scope(client):
    case = CaseFactory()
    client.force_login(intake_user())
    html = client.get(page(case)).content.decode()
    assert "Nguyễn Thị Dân" in html and "0905123456" in html
    assert not IdentityAccessLog.objects.exists()


def test_the_sender_block_says_which_notices_the_citizen_consented_to(client):
    """Notices go only by the channels the citizen consented to (Điều 9, 10 Luật Bảo vệ
    dữ liệu cá nhân): the officer reads, beside the contact data, whether SMS and e-mail
    were agreed to and since when."""
    consented = CaseFactory()
    Reporter.objects.filter(case=consented).update(
        consent_sms=True,
        consent_recorded_at=timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 0)),
    )
    refused = CaseFactory()
    Reporter.objects.filter(case=refused).update(consent_sms=False, consent_contact=False)
    client.force_login(intake_user())
    html = client.get(page(consented)).content.decode()
    assert "Nhận thông báo qua SMS: Có (đồng ý ngày 04/03/2026)" in html
    assert "Nhận thông báo qua thư điện tử: Có (đồng ý ngày 04/03/2026)" in html
    html = client.get(page(refused)).content.decode()
    assert "Không đồng ý nhận SMS" in html
    assert "Không đồng ý nhận thông báo qua thư điện tử" in html


def test_a_denouncers_notice_consent_is_shown_only_with_the_identity(client):
    """The channels a denouncer agreed to be reached by are their contact data: shown
    under the identity rule (Điều 47 Luật Tố cáo), not to staff who may not see it."""
    inspector = inspector_user()
    case = CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=inspector)
    Reporter.objects.filter(case=case).update(consent_sms=True)
    client.force_login(intake_user())
    hidden = client.get(page(case)).content.decode()
    assert "SMS" not in hidden and "Nhận thông báo qua thư điện tử" not in hidden
    client.force_login(inspector)
    assert "Nhận thông báo qua SMS: Có" not in client.get(page(case)).content.decode()
    shown = client.get(page(case) + "?danh_tinh=1").content.decode()
    assert "Nhận thông báo qua SMS: Có (đồng ý ngày" in shown


def test_a_denouncer_is_hidden_from_staff_without_the_permission(client):
    case = CaseFactory(to_cao=True)
    client.force_login(intake_user())
    for url in (page(case), page(case) + "?danh_tinh=1"):
        html = client.get(url).content.decode()
        assert "Nguyễn Thị Dân" not in html and "0905123456" not in html
        assert "051190000123" not in html
        assert "Xem danh tính người tố cáo" not in html
    assert not IdentityAccessLog.objects.exists()


def test_a_denouncer_is_shown_on_request_to_an_inspector_and_the_view_is_logged(client):
    inspector = inspector_user()
    case = CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=inspector)
    client.force_login(inspector)
    first = client.get(page(case)).content.decode()
    assert "Nguyễn Thị Dân" not in first
    assert "Xem danh tính người tố cáo" in first
    assert not IdentityAccessLog.objects.exists()

    shown = client.get(page(case) + "?danh_tinh=1").content.decode()
    assert "Nguyễn Thị Dân" in shown
    log = IdentityAccessLog.objects.get(case=case)
    assert log.user == inspector


def test_a_denouncer_is_never_shown_to_staff_of_the_facility_denounced(client):
    hospital = FacilityFactory()
    case = CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital)
    staff = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"],
        admin_access=True,
        facility=hospital,
    )
    client.force_login(staff)
    html = client.get(page(case) + "?danh_tinh=1").content.decode()
    assert "Nguyễn Thị Dân" not in html
    assert not IdentityAccessLog.objects.exists()


NOT_HANDLER = "Chỉ cán bộ được giao giải quyết hồ sơ tố cáo này hoặc lãnh đạo phụ trách"


def test_an_inspector_who_does_not_handle_the_denunciation_is_told_why_it_is_hidden(client):
    """The permission alone opens no denouncer (Điều 56 Luật Tố cáo, `handles_case`): an
    inspector who holds it reads why the fields say "Đã ẩn"."""
    case = CaseFactory(to_cao=True, assigned_unit=inspectorate())
    client.force_login(inspector_user())
    for url in (page(case), page(case) + "?danh_tinh=1"):
        html = client.get(url).content.decode()
        assert "Nguyễn Thị Dân" not in html and "Đã ẩn" in html
        assert f"{NOT_HANDLER} mới xem được danh tính người tố cáo (Điều 56 Luật Tố cáo)." in html


def test_no_reason_where_handling_is_not_what_hides_the_denouncer(client):
    """Not to staff without the permission, nor to the facility denounced (told nothing
    more), nor to the inspector who handles the case."""
    hospital = FacilityFactory()
    case = CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital)
    denounced = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"], admin_access=True,
        facility=hospital,
    )
    inspector = inspector_user()
    handled = CaseFactory(to_cao=True, assigned_unit=inspectorate(), assigned_user=inspector)
    for user, shown in ((intake_user(), case), (denounced, case), (inspector, handled)):
        client.force_login(user)
        for url in (page(shown), page(shown) + "?danh_tinh=1"):
            assert NOT_HANDLER not in client.get(url).content.decode()


def _withdrawal(case, withdrawn_by="Nguyễn Thị Dân"):
    from django.utils import timezone

    from complaints.models import Withdrawal

    return Withdrawal.objects.create(
        case=case, form="written", scope="one_of_several", withdrawn_by=withdrawn_by,
        document_ref="Đơn rút ngày 10/09/2026", continues=True, recorded_at=timezone.now(),
    )


def test_who_withdrew_a_denunciation_is_hidden_as_the_denouncer_is(client):
    """Điều 47 Luật Tố cáo: the withdrawal names a denouncer; the procedure panel names
    them only where the page shows the identity (on request, logged)."""
    hospital = FacilityFactory()
    inspector = inspector_user()
    case = CaseFactory(to_cao=True, facility=hospital, assigned_unit=hospital)
    _withdrawal(case)
    facility_staff = UserFactory(
        perms=[*STAFF, "complaints.view_denouncer_identity"], admin_access=True,
        facility=hospital,
    )
    for user in (intake_user(), facility_staff):
        client.force_login(user)
        for url in (page(case), page(case) + "?danh_tinh=1"):
            html = client.get(url).content.decode()
            assert "Đơn rút ngày 10/09/2026" in html  # the withdrawal itself is shown
            assert "Nguyễn Thị Dân" not in html and "Đã ẩn —" in html
    assert not IdentityAccessLog.objects.exists()

    # Given to the inspectorate, whose inspector handles it.
    Case.objects.filter(pk=case.pk).update(assigned_unit=inspectorate(), assigned_user=inspector)
    client.force_login(inspector)
    assert "Nguyễn Thị Dân" not in client.get(page(case)).content.decode()
    html = client.get(page(case) + "?danh_tinh=1").content.decode()
    assert "Nguyễn Thị Dân —" in html
    assert IdentityAccessLog.objects.filter(case=case, user=inspector).count() == 1


def test_who_withdrew_a_complaint_is_named(client):
    case = CaseFactory(kind=CaseKind.KHIEU_NAI)
    _withdrawal(case, withdrawn_by="Ông Phạm Văn D")
    client.force_login(intake_user())
    assert "Ông Phạm Văn D —" in client.get(page(case)).content.decode()


def test_related_cases_same_reporter_and_same_facility(client):
    hospital = FacilityFactory()
    case = CaseFactory(facility=hospital)
    same_person = CaseFactory(kind=CaseKind.KIEN_NGHI)  # same phone (factory default)
    same_place = CaseFactory(facility=hospital)
    client.force_login(intake_user())
    related = client.get(page(case)).context["related"]
    assert same_person in related.same_reporter
    assert same_place in related.same_facility


def _page_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(case)).status_code == 200
    return len(queries)


def test_the_case_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    hospital = FacilityFactory()
    case = case_with_deadlines(facility=hospital, kind=CaseKind.KHIEU_NAI)
    user = leader_user()
    client.force_login(user)
    client.post(action_url(case, "accept"), {"accept-expected_status": "received"})
    _page_queries(client, case)
    before = _page_queries(client, case)
    for number in range(12):
        CaseFactory(facility=hospital)
        client.post(
            reverse("complaints_admin:add_note", args=[case.tracking_code]),
            {"text": f"Ghi chú {number}"},
        )
    # The factories made new units and categories: the in-process reference data
    # (complaints/services/reference.py) reloads once on the next request, as after
    # `before`'s warm-up; what is compared is the steady state.
    _page_queries(client, case)
    after = _page_queries(client, case)
    assert after == before, "notes and related cases do not add queries"
    # The facts, deadlines, actions, notes, timeline, related cases, and since issues 9–11 the
    # procedure panel, the drafts for approval, the documents and the "new" marker.
    with django_assert_max_num_queries(45):  # 39 here; the options are read once per process
        client.get(page(case))


def test_a_stale_form_with_empty_fields_still_answers_409_not_400(client):
    case = CaseFactory(khieu_nai=True, accepted=True)
    client.force_login(intake_user())
    response = client.post(
        action_url(case, "reject"),
        {"reject-expected_status": "received", "reject-reason": "", "reject-legal_ground": ""},
    )
    assert response.status_code == 409
    assert "Thao tác chưa được thực hiện." in response.content.decode()


def test_an_english_reader_reads_the_citations_in_english(client):
    """Staff whose admin is in English read the deadlines' and the steps' legal bases the
    English way, as the public pages write them; a Vietnamese reader keeps "Điều 28"."""
    from wagtail.users.models import UserProfile

    from complaints.citations import citation_en

    case = case_with_deadlines(khieu_nai=True, title="Thu sai viện phí")
    user = intake_user()
    client.force_login(user)
    vietnamese = client.get(page(case)).content.decode()
    assert "Điều 28 Luật Khiếu nại" in vietnamese and "Law on Complaints" not in vietnamese

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    response = client.get(page(case))
    html = response.content.decode()
    resolve = next(item for item in response.context["deadlines"] if item["row"].step == "resolve")
    english = citation_en(resolve["row"].legal_basis)
    assert "Law on Complaints" in english and english in html.replace("&#x27;", "'")
    assert "Điều 28 Luật Khiếu nại" not in html
