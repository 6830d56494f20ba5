"""The public pages: Gửi phản ánh (form), receipt, Tra cứu hồ sơ, rating, facility search."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from complaints.kinds import CaseStatus
from complaints.models import Attachment, Case, Reporter
from complaints.selectors.tracking import not_found_message
from tests.complaints.intake_factories import jpeg_with_gps, upload
from tests.factories import DEFAULT_PIN, CaseFactory

pytestmark = pytest.mark.django_db

SUBMIT = "/gui-phan-anh/"


def form_data(hospital, **overrides):
    data = {
        "form_token": "token-1",
        "kind": "phan_anh",
        "facility": hospital.code,
        "category": "",
        "title": "Chờ khám quá lâu tại khoa Nhi",
        "content": "Con tôi phải chờ khám hơn bốn giờ tại khoa Nhi mà không ai hướng dẫn.",
        "incident_date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "reporter_name": "Nguyễn Thị Lan",
        "reporter_phone": "0905123456",
        "reporter_email": "lan.nguyen@example.vn",
        "reporter_address": "Phổ Cường, Quảng Ngãi",
        "consent": "on",
        "consent_contact": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_form_explains_each_kind_in_vietnamese(client, hospital):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Phản ánh", "Kiến nghị", "Khiếu nại", "Tố cáo"):
        assert label in html
    assert "Có thể gửi ẩn danh" in html
    assert "Không nhận tố cáo ẩn danh" in html
    assert hospital.name in html  # the facility select works without JavaScript
    assert 'enctype="multipart/form-data"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_kind_can_be_preselected(client, hospital):
    html = client.get(SUBMIT + "?loai=khieu_nai").content.decode()
    assert re.search(r'value="khieu_nai"[^>]*checked', html)


def test_valid_form_files_a_case_and_shows_code_and_pin(client, hospital):
    response = client.post(
        SUBMIT, form_data(hospital, attachments=[upload("anh.jpg", jpeg_with_gps())])
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/gui-phan-anh/da-gui/{case.tracking_code}/"
    assert "pin" not in response["Location"].lower()
    assert case.channel == "web"
    assert Attachment.objects.filter(case=case).count() == 1

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert case.tracking_code in html
    pin = re.search(r'id="receipt-pin">(\d{8})<', html).group(1)
    assert client.get(f"/api/v1/submissions/{case.tracking_code}?pin={pin}").status_code == 200


def test_double_click_files_one_case(client, hospital):
    first = client.post(SUBMIT, form_data(hospital))
    second = client.post(SUBMIT, form_data(hospital))
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_errors_are_shown_beside_the_fields(client, hospital):
    response = client.post(
        SUBMIT,
        form_data(hospital, kind="khieu_nai", reporter_id_number="", consent=None),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert Case.objects.count() == 0
    assert 'id="error-summary"' in html
    for field in ("reporter_id_number", "decision_complained", "consent", "truth_declaration"):
        block = re.search(rf'id="field-{field}".*?</(div|fieldset)>', html, re.S).group(0)
        assert 'class="errorlist"' in block, field
    assert "Điều 9" in html


def test_bad_file_is_named_and_nothing_saved(client, hospital):
    response = client.post(
        SUBMIT, form_data(hospital, attachments=[upload("hoa-don.pdf", b"khong phai pdf")])
    )
    html = response.content.decode()
    assert "hoa-don.pdf" in html
    assert "chọn lại tệp" in html
    assert Case.objects.count() == 0


def test_anonymous_denunciation_is_refused_and_can_become_an_anonymous_report(client, hospital):
    data = form_data(
        hospital,
        kind="to_cao",
        anonymous="on",
        accused_name="Trần Văn Bình",
        accused_position="Bác sĩ",
        reporter_name="",
        reporter_address="",
        truth_declaration="on",
    )
    response = client.post(SUBMIT, data)
    html = response.content.decode()
    assert Case.objects.count() == 0
    assert "Điều 25" in html
    assert 'name="send_as_anonymous_report"' in html
    # The offer takes the focus when the page loads, without JavaScript too.
    offer = re.search(r'<div class="offer"[^>]*>', html).group(0)
    assert "autofocus" in offer and 'tabindex="-1"' in offer
    assert html.count("autofocus") == 1

    response = client.post(SUBMIT, {**data, "send_as_anonymous_report": "1"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.anonymous) == ("phan_anh", True)
    assert Reporter.objects.get(case=case).name == ""


def test_an_anonymous_denunciation_sent_as_a_report_reaches_the_inspectorate(
    client, demo_reference_data
):
    """khoản 2 Điều 25 Luật Tố cáo: the Sở inspects or passes on the information; the centre
    whose doctor is named neither receives it nor sees it."""
    from complaints.models import Facility
    from complaints.routing_defaults import install_default_rules
    from tests.complaints.admin.helpers import handler_user

    install_default_rules()
    centre = Facility.objects.get(code="TTYT-DP")
    data = form_data(
        centre,
        kind="to_cao",
        category="kham-chua-benh",
        anonymous="on",
        accused_name="Trần Văn Bình",
        accused_position="Bác sĩ khoa Ngoại",
        reporter_name="",
        reporter_address="",
        truth_declaration="on",
    )
    response = client.post(SUBMIT, {**data, "send_as_anonymous_report": "1"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.assigned_unit.code == "SYT-QNG-TTRA"
    assert "khoản 2 Điều 25 Luật Tố cáo" in case.routings.get().reason
    assert not Case.objects.in_scope_of(handler_user(centre)).filter(pk=case.pk).exists()


def test_late_complaint_asks_to_confirm_then_files(client, hospital):
    data = form_data(
        hospital,
        kind="khieu_nai",
        reporter_id_number="051190000123",
        decision_complained="Quyết định thu tiền giường",
        decision_maker="Giám đốc bệnh viện",
        decision_date=(datetime.date.today() - datetime.timedelta(days=200)).isoformat(),
        truth_declaration="on",
    )
    response = client.post(SUBMIT, data)
    assert response.status_code == 200
    assert "Điều 9 Luật Khiếu nại" in response.content.decode()
    assert Case.objects.count() == 0
    response = client.post(SUBMIT, {**data, "confirm_late": "on"})
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert "Điều 9 Luật Khiếu nại" in receipt


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_too_many_submissions_answer_429_and_say_so(client, hospital):
    client.post(SUBMIT, form_data(hospital, form_token="a"))
    response = client.post(SUBMIT, form_data(hospital, form_token="b", title="Một việc khác"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    # The real cause, not "identical requests".
    assert "Địa chỉ mạng này đã gửi 1 hồ sơ trong 10 phút vừa qua" in html
    assert "trạm y tế, bộ phận một cửa" in html
    assert "giống nhau" not in html
    notice = re.search(r'<div class="message error"[^>]*id="notice"[^>]*>', html).group(0)
    assert "autofocus" in notice and html.count("autofocus") == 1
    assert Case.objects.count() == 1


@override_settings(COMPLAINTS_RATE_LIMITS={"submission": (1, 600)})
def test_past_the_limit_an_invalid_form_still_shows_its_errors(client, hospital):
    """The tester's second-time complaint with only a date filled in, from an address that
    already filed: the form's errors, not a 429; an anonymous tố cáo gets its offer."""
    client.post(SUBMIT, form_data(hospital, form_token="a"))
    response = client.post(SUBMIT, form_data(
        hospital, form_token="b", kind="khieu_nai", second_time="1", title="", content="",
        reporter_name="", consent=None,
    ))
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'id="error-summary".*?</ul>', html, re.S).group(0)
    for field in ("title", "content", "reporter_name", "consent", "first_decision_ref"):
        assert f'href="#field-{field}"' in summary, field

    offer = client.post(SUBMIT, form_data(
        hospital, form_token="c", kind="to_cao", anonymous="on", title="Một việc khác",
    ))
    assert offer.status_code == 200
    assert "Gửi nội dung này dưới dạng phản ánh ẩn danh" in offer.content.decode()
    assert Case.objects.count() == 1


def test_receipt_needs_the_session(client, hospital):
    client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    other = client.__class__()
    response = other.get(f"/gui-phan-anh/da-gui/{case.tracking_code}/")
    assert response.status_code == 302
    assert response["Location"] == "/tra-cuu/"


def test_lookup_shows_status_deadlines_and_timeline_but_no_identity(client, hospital):
    client.post(SUBMIT, form_data(hospital, kind="to_cao", reporter_id_number="051190000123",
                                  accused_name="Trần Văn Bình", accused_position="Bác sĩ",
                                  truth_declaration="on"))
    case = Case.objects.get()
    html = client.get(f"/gui-phan-anh/da-gui/{case.tracking_code}/").content.decode()
    pin = re.search(r'id="receipt-pin">(\d{8})<', html).group(1)

    browser = client.__class__()
    response = browser.post("/tra-cuu/", {"tracking_code": case.tracking_code.lower(), "pin": pin})
    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{case.tracking_code}/"
    page = browser.get(response["Location"])
    html = page.content.decode()
    assert "Đã tiếp nhận" in html
    assert "Hạn trả lời việc thụ lý" in html
    assert f'data-ws-path="/ws/submissions/{case.tracking_code}/?pin={pin}"' in html
    for secret in ("Nguyễn Thị Lan", "051190000123", "0905123456", "lan.nguyen@example.vn"):
        assert secret not in html


def _timeline(html):
    return re.search(r'<ol class="timeline".*?</ol>', html, re.S).group(0)


def test_a_reader_of_english_gets_each_event_in_english_before_the_vietnamese_record(
    client, hospital
):
    """The timeline's messages are the record's own text, written in Vietnamese when each
    event happened (a reason, an answer): in English the action comes first, in English,
    and the record follows marked as Vietnamese for screen readers (WCAG 3.1.2). A line the
    portal wrote itself (the code at filing) reads in English (complaints/selectors/
    event_text.py); the record is unchanged."""
    client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    html = client.get(f"/gui-phan-anh/da-gui/{case.tracking_code}/").content.decode()
    pin = re.search(r'id="receipt-pin">(\d{8})<', html).group(1)
    browser = client.__class__()
    browser.post("/tra-cuu/", {"tracking_code": case.tracking_code, "pin": pin})
    recorded = f"Hồ sơ đã được tiếp nhận, mã hồ sơ {case.tracking_code}."

    vietnamese = _timeline(browser.get(f"/tra-cuu/{case.tracking_code}/").content.decode())
    assert f'<strong lang="vi">{recorded}</strong>' in vietnamese
    assert "Đã tiếp nhận hồ sơ" not in vietnamese  # the record says it already

    browser.cookies["django_language"] = "en"
    english = _timeline(browser.get(f"/tra-cuu/{case.tracking_code}/").content.decode())
    written = f"The case has been received, tracking code {case.tracking_code}."
    assert f"<strong>{written}</strong>" in english and recorded not in english
    # The live messages come in English too, even to a page opened with ?lang=en only.
    del browser.cookies["django_language"]
    page = browser.get(f"/tra-cuu/{case.tracking_code}/?lang=en").content.decode()
    live = f"/ws/submissions/{case.tracking_code}/?pin={pin}"
    assert f'data-ws-path="{live}&amp;lang=en"' in page
    api = f"/api/v1/submissions/{case.tracking_code}?pin={pin}"
    assert f'data-api-path="{api}&amp;lang=en"' in page  # what the page reads on connection
    assert browser.cookies["django_language"].value == "en"  # ?lang=en is kept
    del browser.cookies["django_language"]
    page = browser.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert f'data-ws-path="{live}"' in page  # Vietnamese: the path as before


def test_unknown_code_and_wrong_pin_answer_alike(client, hospital):
    case = CaseFactory(facility=hospital)
    wrong_pin = client.post("/tra-cuu/", {"tracking_code": case.tracking_code, "pin": "999999"})
    unknown = client.post("/tra-cuu/", {"tracking_code": "YT-2026-999999", "pin": "999999"})
    assert wrong_pin.status_code == unknown.status_code == 200
    variable = r"[A-Z]{2}-\d{4}-\d{6}|csrfmiddlewaretoken\" value=\"[^\"]+"
    assert re.sub(variable, "", wrong_pin.content.decode()) == re.sub(
        variable, "", unknown.content.decode()
    )
    assert "Không tìm thấy hồ sơ" in wrong_pin.content.decode()


def test_detail_page_asks_for_the_pin_without_session(client, hospital):
    case = CaseFactory(facility=hospital)
    response = client.get(f"/tra-cuu/{case.tracking_code}/")
    assert response.status_code == 200
    assert 'name="pin"' in response.content.decode()
    assert case.title not in response.content.decode()
    response = client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    assert response.status_code == 302
    assert case.title in client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()


@override_settings(COMPLAINTS_RATE_LIMITS={"lookup_address": (2, 600)})
def test_lookup_is_rate_limited(client, hospital):
    for _ in range(2):
        client.post("/tra-cuu/", {"tracking_code": "YT-2026-000001", "pin": "1"})
    response = client.post("/tra-cuu/", {"tracking_code": "YT-2026-000001", "pin": "1"})
    assert response.status_code == 429
    assert response["Retry-After"]


def test_citizen_rates_a_closed_case_once(client, hospital):
    case = CaseFactory(facility=hospital, status=CaseStatus.CLOSED,
                       public_answer="Đã chấn chỉnh khoa Nhi.")
    client.post(f"/tra-cuu/{case.tracking_code}/", {"pin": DEFAULT_PIN})
    html = client.get(f"/tra-cuu/{case.tracking_code}/").content.decode()
    assert "Đã chấn chỉnh khoa Nhi." in html
    assert 'name="rating"' in html
    response = client.post(
        f"/tra-cuu/{case.tracking_code}/danh-gia/", {"rating": "5", "comment": "Tốt"}, follow=True
    )
    case.refresh_from_db()
    assert (case.rating, case.rating_comment) == (5, "Tốt")
    html = response.content.decode()
    assert "Cảm ơn" in html and 'name="rating"' not in html
    client.post(f"/tra-cuu/{case.tracking_code}/danh-gia/", {"rating": "1"})
    case.refresh_from_db()
    assert case.rating == 5


def test_rating_needs_the_pin(client, hospital):
    case = CaseFactory(facility=hospital, status=CaseStatus.CLOSED)
    client.post(f"/tra-cuu/{case.tracking_code}/danh-gia/", {"rating": "1"})
    case.refresh_from_db()
    assert case.rating is None


def test_facility_search_json_and_html(client, hospital, department):
    response = client.get(reverse("complaints:facility_search"), {"q": "duc pho", "format": "json"})
    assert response.json() == {
        "results": [{"code": hospital.code, "name": hospital.name, "area": "Đức Phổ"}]
    }
    fragment = client.get("/co-so/tim/", {"q": "Đức"}).content.decode()
    assert f'data-code="{hospital.code}"' in fragment
    assert "<html" not in fragment
    assert client.get("/co-so/tim/", {"q": ""}, HTTP_ACCEPT="application/json").json() == {
        "results": []
    }


# ---- citizen: the form tells before it refuses (issue 12, item 6) -----------------------


def test_dates_are_read_and_shown_day_first(client, hospital):
    page = client.get(SUBMIT).content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    typed = yesterday.strftime("%d/%m/%Y")
    response = client.post(SUBMIT, form_data(hospital, incident_date=typed))
    assert response.status_code == 302
    assert Case.objects.get().incident_date == yesterday
    # A wrong date comes back as the citizen typed it, with the error, day first.
    response = client.post(
        SUBMIT, form_data(hospital, form_token="t2", incident_date="31/02/2026")
    )
    assert 'value="31/02/2026"' in response.content.decode()


def test_limits_are_shown_beside_the_fields(client, hospital):
    page = client.get(SUBMIT).content.decode()
    assert 'data-max-count="5"' in page and 'data-max-file-size="10485760"' in page
    assert "Tối đa 5 tệp, mỗi tệp tối đa 10,0 MB" in page.replace("\xa0", " ")
    assert 'maxlength="20000"' in page and "Tối đa 20.000 ký tự." in page
    # The service's minimum is stated, and given to the script from its own figure.
    assert "Ít nhất 20 ký tự." in page and 'data-min-length="20"' in page


def test_every_missing_field_is_reported_at_once(client, hospital):
    response = client.post(SUBMIT, {"form_token": "t", "kind": "khieu_nai"})
    summary = re.search(r'id="error-summary".*?</ul>', response.content.decode(), re.S).group(0)
    for field in ("facility", "title", "content", "reporter_name", "reporter_address",
                  "reporter_id_number", "consent", "truth_declaration"):
        assert f'href="#field-{field}"' in summary, field


def test_mistakes_do_not_lock_the_citizen_out(client, hospital):
    """Five refused attempts (a short phone number), then the corrected form files: only
    accepted cases count against the 5-per-10-minutes limit."""
    for n in range(5):
        refused = client.post(SUBMIT, form_data(hospital, form_token=f"t{n}",
                                                reporter_phone="09123"))
        assert refused.status_code == 200
        assert "0255 3822 123" in refused.content.decode()  # what is accepted
    response = client.post(SUBMIT, form_data(hospital, form_token="t5"))
    assert response.status_code == 302
    assert Case.objects.count() == 1


@override_settings(COMPLAINTS_RATE_LIMITS={"submission_refused": (2, 600)})
def test_refused_forms_have_their_own_limit(client, hospital):
    for n in range(2):
        client.post(SUBMIT, form_data(hospital, form_token=f"t{n}", incident_date="x"))
    response = client.post(SUBMIT, form_data(hospital, form_token="t3", incident_date="x"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "chưa hợp lệ" in response.content.decode()


def test_date_phone_and_file_errors_come_in_one_round(client, hospital):
    response = client.post(SUBMIT, form_data(
        hospital, incident_date="hôm qua", reporter_phone="09123",
        attachments=[upload("bang-ke.txt", b"plain text")],
    ))
    html = response.content.decode()
    summary = re.search(r'id="error-summary".*?</ul>', html, re.S).group(0)
    for field in ("incident_date", "reporter_phone", "attachments"):
        assert f'href="#field-{field}"' in summary, field
    assert "dd/mm/yyyy" in summary  # the expected format, not just "Enter a valid date"
    assert not Case.objects.exists()


def test_a_landline_with_its_area_code_is_accepted(client, hospital):
    response = client.post(SUBMIT, form_data(hospital, reporter_phone="(0255) 3822 123"))
    assert response.status_code == 302
    assert Reporter.objects.get().phone == "(0255) 3822 123"


def test_back_then_send_again_shows_the_receipt_not_a_second_case(client, hospital):
    first = client.post(SUBMIT, form_data(hospital, form_token="first"))
    case = Case.objects.get()
    # The browser's Back brings the form filled, with a new form token.
    again = client.post(SUBMIT, form_data(hospital, form_token="after-back"))
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Case.objects.count() == 1
    html = client.get(again["Location"]).content.decode()
    assert "Hồ sơ này đã được gửi lúc" in html and case.tracking_code in html
    # Another session, or other content, files a new case.
    client.__class__().post(SUBMIT, form_data(hospital, form_token="elsewhere"))
    client.post(SUBMIT, form_data(hospital, form_token="other", title="Một việc khác hẳn"))
    assert Case.objects.count() == 3


def test_code_and_pin_typed_the_natural_way_open_the_case(client, hospital):
    case = CaseFactory(facility=hospital)
    compact = case.tracking_code.replace("-", "").lower()
    spaced_pin = f"{DEFAULT_PIN[:4]} {DEFAULT_PIN[4:]}"
    response = client.post("/tra-cuu/", {"tracking_code": f" {compact} ", "pin": spaced_pin})
    assert response.status_code == 302
    assert response["Location"] == f"/tra-cuu/{case.tracking_code}/"
    assert case.title in client.get(response["Location"]).content.decode()
    api = client.get(f"/api/v1/submissions/{compact}", {"pin": spaced_pin})
    assert api.status_code == 200 and api.json()["tracking_code"] == case.tracking_code


@pytest.mark.parametrize("endpoint", ["bo-sung", "danh-gia"])
def test_language_switch_on_a_post_only_page_lands_on_the_case(client, hospital, endpoint):
    case = CaseFactory(facility=hospital)
    url = f"/tra-cuu/{case.tracking_code}/{endpoint}/"
    response = client.post("/i18n/setlang/", {"language": "en", "next": url}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/tra-cuu/{case.tracking_code}/"
    assert client.get(url).status_code == 302


@override_settings(COMPLAINTS_RATE_LIMITS={"submission_refused": (1, 600)})
def test_a_refused_late_complaint_counts_as_refused(client, hospital):
    """The page asking to confirm a late complaint also lists its errors: refused, it
    counts against the refused-submissions limit like any other."""
    data = form_data(
        hospital, kind="khieu_nai", reporter_id_number="051190000123",
        decision_complained="Quyết định thu tiền giường", decision_maker="Giám đốc bệnh viện",
        decision_date=(datetime.date.today() - datetime.timedelta(days=200)).isoformat(),
        consent=None, truth_declaration="on",
    )
    assert client.post(SUBMIT, data).status_code == 200
    assert client.post(SUBMIT, data).status_code == 429


def test_a_shared_device_forgets_the_case(client, hospital):
    """A citizen's session ends with the browser; "Đóng hồ sơ trên thiết bị này" ends the
    case's access at once; the receipt shows the PIN for an hour only."""
    filed = client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    assert client.session.get_expire_at_browser_close()
    receipt = client.get(filed["Location"]).content.decode()
    assert f'action="/tra-cuu/{case.tracking_code}/dong/"' in receipt

    forgotten = client.post(f"/tra-cuu/{case.tracking_code}/dong/")
    assert forgotten.status_code == 302 and forgotten["Location"] == "/tra-cuu/"
    page = client.get(f"/tra-cuu/{case.tracking_code}/")
    assert page.context.get("case") is None and "pin_form" in page.context  # asks the PIN
    assert client.get(filed["Location"])["Location"] == "/tra-cuu/"
    assert client.get(f"/tra-cuu/{case.tracking_code}/dong/").status_code == 405


def test_the_receipt_stops_showing_the_pin_after_an_hour(client, hospital):
    import datetime

    from django.utils import timezone

    filed = client.post(SUBMIT, form_data(hospital))
    case = Case.objects.get()
    assert client.get(filed["Location"]).status_code == 200
    Case.objects.filter(pk=case.pk).update(
        received_at=timezone.now() - datetime.timedelta(hours=2)
    )
    later = client.get(filed["Location"])
    assert later.status_code == 302 and later["Location"] == f"/tra-cuu/{case.tracking_code}/"


def _recent(days):
    return (datetime.date.today() - datetime.timedelta(days=days)).isoformat()


def test_back_then_send_again_without_the_inputs_the_browser_dropped_files_nothing(
    client, hospital
):
    """A browser restores no autocomplete="off" input after Back (the CCCD): the form sent
    again without it, or without the dates, is the case already filed, not a second case
    with a new PIN and no date."""
    data = form_data(
        hospital, kind="khieu_nai", reporter_id_number="051190000123",
        decision_complained="Quyết định thu tiền giường", decision_maker="Giám đốc bệnh viện",
        decision_date=_recent(10), incident_date=_recent(12), truth_declaration="on",
    )
    first = client.post(SUBMIT, {**data, "form_token": "first"})
    assert first.status_code == 302
    case = Case.objects.get()
    assert case.incident_date is not None
    dropped = {**data, "form_token": "after-back", "incident_date": "", "decision_date": "",
               "reporter_id_number": ""}
    again = client.post(SUBMIT, dropped)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Case.objects.count() == 1
    assert "Hồ sơ này đã được gửi lúc" in client.get(again["Location"]).content.decode()
    # A date the citizen changed is new content: a new case.
    client.post(SUBMIT, {**dropped, "form_token": "changed", "incident_date": _recent(3),
                         "decision_date": _recent(10), "reporter_id_number": "051190000123"})
    assert Case.objects.count() == 2


def test_date_inputs_are_put_back_by_the_browser(client):
    html = client.get(SUBMIT).content.decode()
    date_input = re.search(r'<input[^>]*name="incident_date"[^>]*>', html).group(0)
    assert 'autocomplete="off"' not in date_input


def test_the_filing_period_warning_is_summarised_at_the_top_with_a_link_to_its_box(
    client, hospital
):
    """The page reloads at its top: the summary there (focused by the script like an error
    summary) says why nothing was sent and links to the "Tôi đã đọc cảnh báo…" box."""
    data = form_data(
        hospital, kind="khieu_nai", reporter_id_number="051190000123",
        decision_complained="Quyết định thu tiền giường", decision_maker="Giám đốc bệnh viện",
        decision_date=_recent(200), truth_declaration="on",
    )
    html = client.post(SUBMIT, data).content.decode()
    summary = re.search(r'id="error-summary".*?</div>', html, re.S).group(0)
    assert "Điều 9 Luật Khiếu nại" in summary
    assert 'href="#field-confirm_late"' in summary
    assert 'id="field-confirm_late"' in html
    assert html.index('id="error-summary"') < html.index('id="intake-form"')


def test_a_day_not_on_the_calendar_is_named_as_such(client, hospital):
    """31/02/2026 is written the right way: the message says the day does not exist."""
    html = client.post(SUBMIT, form_data(hospital, incident_date="31/02/2026")).content.decode()
    summary = re.search(r'id="error-summary".*?</ul>', html, re.S).group(0)
    assert "31/02/2026 không có trên lịch" in summary and "28 ngày" in summary
    assert "dd/mm/yyyy), ví dụ" not in summary
    assert not Case.objects.exists()


def test_no_kind_chosen_also_reports_the_fields_every_kind_requires(client, hospital):
    response = client.post(SUBMIT, {"form_token": "t"})
    summary = re.search(r'id="error-summary".*?</ul>', response.content.decode(), re.S).group(0)
    for field in ("kind", "title", "content", "consent"):
        assert f'href="#field-{field}"' in summary, field
    assert 'href="#field-reporter_id_number"' not in summary  # not every kind's


def test_a_number_starting_01_is_no_vietnamese_phone(client, hospital):
    response = client.post(SUBMIT, form_data(hospital, reporter_phone="0112345678"))
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'href="#field-reporter_phone"' in response.content.decode()


@pytest.mark.parametrize("typed", ["rác", "YT-2026-12", "2026-000123"])
def test_a_code_that_cannot_be_one_is_told_its_form_not_not_found(client, typed):
    """A typo in the code is answered with the code's form beside its field, not with
    "Không tìm thấy", and costs no lookup of the address's allowance."""
    with override_settings(COMPLAINTS_RATE_LIMITS={"lookup_address": (1, 600)}):
        for _ in range(3):
            response = client.post("/tra-cuu/", {"tracking_code": typed, "pin": "123456"})
    assert response.status_code == 200
    html = response.content.decode()
    field = re.search(r'<div class="field has-error" id="field-tracking_code">.*?</div>', html,
                      re.S).group(0)
    assert "Mã hồ sơ có dạng YT-2026-000123." in field
    assert not_found_message() not in html


def test_a_typed_code_is_normalised_before_its_form_is_checked(client, hospital):
    case = CaseFactory(facility=hospital)
    typed = case.tracking_code.replace("-", " ").lower()
    response = client.post("/tra-cuu/", {"tracking_code": typed, "pin": DEFAULT_PIN})
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()


def test_a_page_for_a_code_that_cannot_be_one_is_not_found(client):
    assert client.get("/tra-cuu/khong-phai-ma/").status_code == 404
    assert client.post("/tra-cuu/khong-phai-ma/", {"pin": "123456"}).status_code == 404
