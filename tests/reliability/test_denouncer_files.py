"""A leak of a denouncer's identity found by review, replayed on the demo portal
(khoản 3 Điều 8, Điều 47 Luật Tố cáo; README "Roles and scope"): the names of a
denunciation's files, hidden on the case page, were the options of the step forms'
"Tệp đính kèm của hồ sơ" select (the case page's, an action's own page, the document
draft page) for the facility denounced, intake and an inspector the case is not
assigned to; and a file picked by its number was attached."""

from __future__ import annotations

import pytest

from complaints.models import CaseEvent, Withdrawal
from tests.reliability.test_unitless_inspector import (  # noqa: F401  (the demo fixture)
    FILE_NAME,
    NEEDLES,
    _action,
    _api,
    _assign,
    _browser,
    _denounce,
    demo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _pages(case) -> list[str]:
    """Every admin page that shows a step form taking one of the case's files."""
    code = case.tracking_code
    return [
        f"/admin/ho-so/{code}/",
        f"/admin/ho-so/{code}/thao-tac/confirm_signature/",
        f"/admin/ho-so/{code}/thao-tac/record_withdrawal/",
        f"/admin/ho-so/{code}/van-ban/",
    ]


def _assert_no_names(client, case, who):
    for url in _pages(case):
        response = client.get(url)
        assert response.status_code in (200, 403, 404, 409), (who, url, response.status_code)
        text = response.content.decode()
        for needle in NEEDLES:
            assert needle not in text, (who, url, needle)


def test_the_step_forms_name_no_file_of_a_denunciation_to_who_may_not_see_the_denouncer():
    """The facility denounced (its handler), intake, an inspector the case is not given to:
    no page of theirs names the denouncer's file, as the case page keeps it hidden."""
    case = _denounce("TTYT-DP")
    attachment = case.attachments.get()
    for who in ("facility", "intake", "inspector"):
        client = _browser(who)
        detail = client.get(f"/admin/ho-so/{case.tracking_code}/")
        assert detail.status_code == 200, who
        assert "giữ bí mật cùng danh tính người tố cáo" in detail.content.decode(), who
        assert (
            client.get(f"/admin/ho-so/{case.tracking_code}/tep/{attachment.pk}/").status_code == 404
        ), who
        _assert_no_names(client, case, who)
    # Handled by the facility denounced, the signature step is not intake's at all: the Sở
    # keeps the letter, recorded by who may see the denouncer (test_denounced_letter.py).
    page = _browser("intake").get(f"/admin/ho-so/{case.tracking_code}/thao-tac/confirm_signature/")
    assert page.status_code == 409
    # Given to the inspectorate, the step form is there for intake, and says why it offers
    # no file.
    _assign(case, unit="SYT-QNG-TTRA", user="inspector")
    _assert_no_names(_browser("intake"), case, "intake")
    page = _browser("intake").get(f"/admin/ho-so/{case.tracking_code}/thao-tac/confirm_signature/")
    assert page.status_code == 200
    assert "Tệp của đơn tố cáo được giữ bí mật cùng danh tính người tố cáo" in page.content.decode()


def test_a_hidden_file_picked_by_its_number_is_refused_not_attached():
    case = _denounce("TTYT-DP")
    attachment = case.attachments.get()
    _assign(case, unit="SYT-QNG-TTRA", user="inspector")  # intake may take the steps
    # The admin page: an invalid choice, nothing recorded.
    response = _browser("intake").post(
        f"/admin/ho-so/{case.tracking_code}/thao-tac/confirm_signature/",
        {
            "confirm_signature-expected_status": case.status,
            "confirm_signature-method": "signed_copy",
            "confirm_signature-attachment": str(attachment.pk),
        },
    )
    assert response.status_code in (200, 400)
    assert not CaseEvent.objects.filter(case=case, action="confirm_signature").exists()
    for needle in NEEDLES:
        assert needle not in response.content.decode()
    # The API: the file is not found in the case, as the case page hides it.
    response = _action(
        _api("intake"),
        case,
        "confirm_signature",
        {"method": "signed_copy", "attachment": attachment.pk},
    )
    assert response.status_code == 400, response.content
    assert "attachment" in response.json()["errors"]
    assert not CaseEvent.objects.filter(case=case, action="confirm_signature").exists()
    response = _action(
        _api("intake"),
        case,
        "record_withdrawal",
        {"form": "written", "document_ref": "01/RĐ", "scope": "part", "attachment": attachment.pk},
    )
    assert response.status_code == 400, response.content
    assert not Withdrawal.objects.filter(case=case).exists()


def test_who_may_see_the_denouncer_still_sees_and_picks_the_files():
    """The leader supervising the case and the inspector it is given to."""
    case = _denounce("TTYT-DP")
    attachment = case.attachments.get()
    _assign(case, unit="SYT-QNG-TTRA", user="inspector")
    for who in ("leader", "inspector"):
        page = _browser(who).get(f"/admin/ho-so/{case.tracking_code}/thao-tac/confirm_signature/")
        assert page.status_code == 200, who
        assert f'<option value="{attachment.pk}">{FILE_NAME}</option>' in page.content.decode(), who
        # The document draft page offers the step's fields as the case page does.
        draft = _browser(who).get(f"/admin/ho-so/{case.tracking_code}/van-ban/")
        option = f'<option value="{attachment.pk}">{FILE_NAME}</option>'
        assert option in draft.content.decode(), who
    response = _action(
        _api("inspector"),
        case,
        "confirm_signature",
        {"method": "signed_copy", "attachment": attachment.pk},
    )
    assert response.status_code == 200, response.content
    event = CaseEvent.objects.get(case=case, action="confirm_signature")
    assert event.data["attachment"] == attachment.pk
    # Those not allowed still see no name, the case now given to the inspectorate.
    for who in ("facility", "intake"):
        _assert_no_names(_browser(who), case, who)


def test_a_download_of_a_denunciations_file_is_logged_as_a_download():
    """The identity log tells a file leaving the portal from a look at the case page."""
    from complaints.models import IdentityAccessLog

    case = _denounce("TTYT-DP")
    attachment = case.attachments.get()
    leader = _browser("leader")
    response = leader.get(f"/admin/ho-so/{case.tracking_code}/tep/{attachment.pk}/")
    assert response.status_code == 200
    purposes = list(
        IdentityAccessLog.objects.filter(case=case).order_by("at", "pk").values_list(
            "purpose", flat=True
        )
    )
    assert purposes == ["download"]
    log = leader.get("/admin/nhat-ky-xem-danh-tinh/").content.decode()
    assert "Tải tệp hoặc văn bản về máy" in log
