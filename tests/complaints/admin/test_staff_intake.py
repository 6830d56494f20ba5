"""Staff record a call, a visit or a letter (/admin/ho-so/tiep-nhan/moi/) through
the citizens' own service `case_submit`; the code and PIN are shown once."""

from __future__ import annotations

import dataclasses

import pytest
from django.contrib.messages import get_messages

from complaints.models import Case
from complaints.services import intake
from complaints.services.tracking import pin_matches
from tests.complaints.intake_factories import REPORTER
from tests.factories import UserFactory

from .helpers import handler_user, intake_user

pytestmark = pytest.mark.django_db

URL = "/admin/ho-so/tiep-nhan/moi/"


def refused(response) -> bool:
    """Wagtail answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def call(**overrides):
    data = {
        "form_token": "a1b2c3d4e5f6",
        "channel": "hotline",
        "kind": "phan_anh",
        "facility": "BV-DKT-QNG",
        "category": "kham-chua-benh",
        "title": "Chờ khám quá lâu ở khoa Nhi",
        "content": "Người gọi cho biết con chờ khám hơn bốn giờ tại khoa Nhi sáng nay.",
        "reporter_name": "Phạm Văn Gọi",
        "reporter_phone": "0905333444",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_hotline_call_becomes_a_case_through_case_submit(
    client, demo_reference_data, monkeypatch
):
    calls = []
    real = intake.case_submit
    monkeypatch.setattr(intake, "case_submit", lambda **kw: calls.append(kw) or real(**kw))
    officer = intake_user()
    client.force_login(officer)
    response = client.post(URL, call())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ho-so/{case.tracking_code}/"
    assert [c["channel"] for c in calls] == ["hotline"] and calls[0]["actor"] == officer
    assert case.channel == "hotline" and case.created_by == officer
    assert case.reporter.name == "Phạm Văn Gọi" and case.reporter.consent_processing
    assert case.history.first().history_user == officer
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    pin = shown[0].split("Mã PIN để người dân tra cứu: ")[1][:8]
    assert case.tracking_code in shown[0]
    assert pin_matches(tracking_code=case.tracking_code, pin=pin, stored_hash=case.pin_hash)
    # Shown once: the case page does not show it again.
    page = client.get(response["Location"]).content.decode()
    assert pin in page  # the message, consumed by this first view
    assert pin not in client.get(response["Location"]).content.decode()


def test_the_form_offers_three_channels_and_no_citizen_confirmation(client, demo_reference_data):
    client.force_login(intake_user())
    form = client.get(URL).context["form"]
    assert [v for v, _label in form.fields["channel"].choices] == ["hotline", "in_person", "mail"]
    assert "confirm_late" not in form.fields
    assert "Người dân đã đồng ý" in str(form.fields["consent"].label)


def test_errors_are_shown_beside_the_fields_and_nothing_is_saved(client, demo_reference_data):
    client.force_login(intake_user())
    response = client.post(URL, call(consent=None, kind="kien_nghi", reporter_phone=""))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "consent" in errors and "reporter_phone" in errors
    assert not Case.objects.exists()
    response = client.post(URL, call(channel="web"))
    assert response.status_code == 400 and "channel" in response.context["form"].errors
    assert not Case.objects.exists()


def test_a_double_submit_files_one_case(client, demo_reference_data):
    client.force_login(intake_user())
    first = client.post(URL, call(channel="mail"))
    second = client.post(URL, call(channel="mail"))
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_only_province_intake_staff_may_record(client, demo_reference_data):
    from tests.factories import FacilityFactory

    client.force_login(handler_user(FacilityFactory()))
    assert refused(client.get(URL))
    assert refused(client.post(URL, call()))
    viewer = UserFactory(
        perms=["complaints.view_case", "complaints.view_all_cases"], admin_access=True
    )
    client.force_login(viewer)
    assert refused(client.post(URL, call()))
    assert not Case.objects.exists()


def test_the_list_links_to_the_form_for_those_who_may_use_it(client, demo_reference_data):
    client.force_login(intake_user())
    assert f'href="{URL}"' in client.get("/admin/ho-so/").content.decode()
    from tests.factories import FacilityFactory

    client.force_login(handler_user(FacilityFactory()))
    assert f'href="{URL}"' not in client.get("/admin/ho-so/").content.decode()


def test_a_letter_received_earlier_counts_its_deadlines_from_its_receipt(
    client, demo_reference_data
):
    import datetime

    from django.utils import timezone

    from complaints.services.calendar import working_calendar

    client.force_login(intake_user())
    received = timezone.localdate() - datetime.timedelta(days=6)
    response = client.post(URL, call(channel="mail", received_on=received.isoformat()))
    assert response.status_code == 302
    case = Case.objects.get()
    assert timezone.localtime(case.received_at).date() == received
    # phản ánh: answer within 10 working days of receipt (Luật Tiếp công dân Art 28(1)).
    assert case.accept_by == working_calendar().add_working_days(received, 10)


def test_a_receipt_date_in_the_future_is_refused_beside_the_field(client, demo_reference_data):
    import datetime

    from django.utils import timezone

    client.force_login(intake_user())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(URL, call(channel="mail", received_on=tomorrow.isoformat()))
    assert response.status_code == 400
    assert "tương lai" in str(response.context["form"].errors["received_on"])
    assert not Case.objects.exists()


def test_citizens_cannot_backdate_a_submission(demo_reference_data):
    import datetime

    from django.utils import timezone

    from tests.complaints.intake_factories import submission

    with pytest.raises(intake.SubmissionInvalid) as invalid:
        intake.case_submit(
            data=submission(facility="BV-DKT-QNG"),
            channel="web",
            received_at=timezone.now() - datetime.timedelta(days=3),
        )
    assert "received_at" in invalid.value.errors


def test_a_letter_that_arrived_in_time_is_not_warned_of_a_lapsed_filing_period(
    demo_reference_data,
):
    """Điều 9 Luật Khiếu nại: 90 days from the decision to the complaint's arrival. A letter
    that reached the Sở on day 30 and is typed in months later was made in time."""
    import datetime

    from django.utils import timezone

    from complaints.models import CaseEvent
    from tests.complaints.intake_factories import submission

    decided = timezone.localdate() - datetime.timedelta(days=150)
    arrived = decided + datetime.timedelta(days=30)
    late = decided + datetime.timedelta(days=140)

    def record(received_on, phone):
        data = submission(
            "khieu_nai",
            facility="BV-DKT-QNG",
            decision_date=decided,
            incident_date=decided,
            reporter=dataclasses.replace(REPORTER, phone=phone),
        )
        received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
        return intake.case_submit(
            data=data, channel="mail", received_at=received_at, actor=intake_user()
        )

    in_time = record(arrived, "0905111222")
    assert in_time.warnings == ()
    received = CaseEvent.objects.get(case=in_time.case, action="received")
    assert received.data["warnings"] == []
    # One that arrived after the 90 days is still warned of, as before.
    lapsed = record(late, "0905111333")
    assert "Điều 9 Luật Khiếu nại" in lapsed.warnings[0]


def test_the_form_asks_sms_consent_and_the_purposes_unticked(client, demo_reference_data):
    client.force_login(intake_user())
    response = client.get(URL)
    [(_legend, fields)] = [
        (legend, [f.name for f in group])
        for legend, group in response.context["form"].fieldsets
        if legend == "Đồng ý và chữ ký"
    ]
    assert fields == ["consent", "consent_contact", "consent_sms", "notify_purposes",
                      "truth_declaration"]
    html = response.content.decode()
    boxes = [b for b in html.split("<input")[1:] if 'name="notify_purposes"' in b.split(">")[0]]
    assert len(boxes) == 4 and not [b for b in boxes if "checked" in b.split(">")[0]]


def test_the_sms_consent_and_the_purposes_staff_tick_are_stored(client, demo_reference_data):
    client.force_login(intake_user())
    response = client.post(URL, call(consent_sms="on", notify_purposes=["decision"]))
    assert response.status_code == 302
    reporter = Case.objects.get().reporter
    assert reporter.consent_sms and not reporter.consent_contact
    assert (reporter.notify_receipt, reporter.notify_info_request, reporter.notify_decision,
            reporter.notify_reminders) == (False, False, True, False)


def test_sms_consent_with_no_purpose_is_asked_again(client, demo_reference_data):
    client.force_login(intake_user())
    response = client.post(URL, call(consent_sms="on"))
    assert response.status_code == 400 and not Case.objects.exists()
    assert "Hãy chọn ít nhất một việc muốn được báo" in response.content.decode()
