"""Hostile input answers 400 with a Vietnamese message and saves nothing: deep JSON,
lone surrogates, NUL, invisible-only text, direction overrides; PDFs with active
content however it is hidden (qpdf parses them); images too large to decode."""

from __future__ import annotations

import io
import json
import time

import pikepdf
import pytest
from PIL import Image

from complaints.models import Case
from complaints.services.attachments import AttachmentsInvalid, attachments_clean
from tests.complaints.intake_factories import api_body, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions"


def post_raw(client, raw: bytes | str):
    return client.post(URL, data=raw, content_type="application/json")


def assert_refused(response, field: str | None = None):
    assert response.status_code == 400, response.content[:300]
    errors = response.json()["errors"]
    if field:
        assert field in errors, errors
    assert not Case.objects.exists()
    return errors


def test_json_nested_1000_deep_is_400_not_recursion_error(client, hospital):
    errors = assert_refused(post_raw(client, "[" * 1000 + "]" * 1000))
    assert "lồng nhau quá sâu" in errors["__all__"][0]
    body = api_body(facility=hospital.code)
    body["extra"] = json.loads("[" * 30 + "]" * 30)  # moderate nesting is fine
    assert post_raw(client, json.dumps(body)).status_code == 201


def test_a_lone_surrogate_is_400_with_the_field_named(client, hospital):
    raw = json.dumps(api_body(facility=hospital.code)).replace(
        '"title": "', '"title": "\\ud800', 1
    )
    errors = assert_refused(post_raw(client, raw), "title")
    assert "ký tự Unicode không hợp lệ" in errors["title"][0]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title", "Tiêu đề\x00có NUL", "NUL"),
        ("content", "\u200b\u200c\u200d\u2060\ufeff " * 10, "vô hình"),
        ("title", "\u200b\u200b\u200b", "vô hình"),
        ("content", "Nội dung có ký tự đảo chiều \u202egnoud hnit oab", "đảo chiều"),
        ("content", "Nội dung có ký tự cô lập \u2066 hướng \u2069 văn bản dài", "đảo chiều"),
        ("title", "Có ký tự điều khiển \x07 chuông", "điều khiển"),
    ],
)
def test_bad_characters_are_400_in_vietnamese(client, hospital, field, value, words):
    body = api_body(facility=hospital.code, **{field: value})
    errors = assert_refused(post_raw(client, json.dumps(body)), field)
    assert words in errors[field][0]


def test_the_reporters_fields_are_checked_too(client, hospital):
    body = api_body(facility=hospital.code)
    body["reporter"]["name"] = "Nguyễn\x00Văn"
    assert_refused(post_raw(client, json.dumps(body)), "reporter.name")


def test_the_form_refuses_invisible_only_text_in_vietnamese(client, hospital):
    import dataclasses

    from complaints.services.intake import SubmissionInvalid, case_submit
    from tests.complaints.intake_factories import submission

    data = dataclasses.replace(submission("phan_anh"), title="\u200b\u200b", facility=hospital.code)
    with pytest.raises(SubmissionInvalid) as invalid:
        case_submit(data=data, channel="web")
    assert "vô hình" in invalid.value.errors["title"][0]


def test_staff_actions_refuse_nul_too(client):
    from tests.factories import UserFactory

    user = UserFactory(perms=["complaints.view_all_cases", "complaints.act_on_case"])
    from complaints.models import ApiToken

    _t, key = ApiToken.issue(user=user, name="t")
    from tests.complaints.workflow.helpers import case_in

    case = case_in("kien_nghi", "received")
    response = client.post(
        f"/api/v1/cases/{case.tracking_code}/actions/request_info",
        data='{"message": "Đề nghị bổ sung\\u0000"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 400 and "message" in response.json()["errors"]
    case.refresh_from_db()
    assert case.status == "received"


def test_a_query_string_with_nul_is_400(client):
    response = client.get("/api/v1/search", {"q": "bệnh viện\x00"})
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["errors"]["__all__"][0]
    assert client.get("/tim-kiem/", {"q": "a\x00"}).status_code == 400


# ---- PDFs ---------------------------------------------------------------------------


def _pdf(build) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    build(pdf)
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _open_action(kind: str, **fields):
    def build(pdf):
        action = pikepdf.Dictionary(S=pikepdf.Name(kind), **fields)
        pdf.Root.OpenAction = pdf.make_indirect(action)

    return build


@pytest.mark.parametrize(
    "data",
    [
        # The name written with an escape: /J#61vaScript is /JavaScript.
        pdf_bytes(b"/AA<</O<</S/J#61vaScript/J#53(app.alert(1))>>>>"),
        # JavaScript inside an object stream (compressed: no byte pattern to find).
        _pdf(_open_action("/JavaScript", JS=pikepdf.String("app.alert(1)"))),
        # An address opened by itself.
        _pdf(_open_action("/URI", URI=pikepdf.String("http://example.invalid/"))),
        # A form sent somewhere.
        _pdf(_open_action("/SubmitForm", F=pikepdf.String("http://example.invalid/"))),
        _pdf(_open_action("/Launch", F=pikepdf.String("cmd.exe"))),
    ],
    ids=["escaped-name", "object-stream-js", "uri-on-open", "submit-form", "launch"],
)
def test_pdfs_with_active_content_are_refused(data):
    with pytest.raises(AttachmentsInvalid) as refused:
        attachments_clean(files=[upload("bang-chung.pdf", data)])
    assert "bang-chung.pdf" in refused.value.messages[0]
    assert "PDF" in refused.value.messages[0]


def test_an_ordinary_pdf_with_a_link_and_object_streams_is_kept_as_it_is():
    def build(pdf):
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://syt.vn/")),
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([link]))

    data = _pdf(build)
    [clean] = attachments_clean(files=[upload("cong-van.pdf", data)])
    assert clean.content == data


def test_a_broken_pdf_is_refused_by_name():
    with pytest.raises(AttachmentsInvalid) as refused:
        attachments_clean(files=[upload("hong.pdf", b"%PDF-1.4\n garbage")])
    assert "hong.pdf" in refused.value.messages[0]


# ---- images -------------------------------------------------------------------------


def test_an_image_above_the_pixel_cap_is_refused_from_its_header_without_decoding():
    out = io.BytesIO()
    Image.new("1", (6000, 5000)).save(out, format="PNG")  # 30 MP, a few kB on disk
    started = time.monotonic()
    with pytest.raises(AttachmentsInvalid) as refused:
        attachments_clean(files=[upload("rat-lon.png", out.getvalue())])
    assert time.monotonic() - started < 1.0
    assert "rat-lon.png" in refused.value.messages[0]


def test_attachments_are_not_processed_when_the_submission_is_invalid(client, hospital):
    """The issue's 49-megapixel PNGs with consent false held the server 85 s."""
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000)).save(out, format="PNG")
    body = api_body(facility=hospital.code, consent=False)
    started = time.monotonic()
    response = client.post(
        URL,
        data={"data": json.dumps(body),
              "attachments": [upload(f"{n}.png", out.getvalue()) for n in range(3)]},
    )
    elapsed = time.monotonic() - started
    errors = assert_refused(response, "consent")
    assert "attachments" not in errors
    assert elapsed < 2.0, elapsed


def test_small_images_still_pass(client, hospital):
    response = client.post(
        URL, data={"data": json.dumps(api_body(facility=hospital.code)),
                   "attachments": [upload("anh.png", png_bytes())]},
    )
    assert response.status_code == 201
