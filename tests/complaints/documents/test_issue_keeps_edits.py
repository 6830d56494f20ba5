"""The draft page's "Ban hành" sends the fields being edited too (one form with "Lưu dự
thảo"), saved first through `document_update`, then issued: a leader who fills the blanks
and issues at once issues what he typed, and on any refusal his typing is still on the page
(leaderwalk: the two forms lost it, and told him the blanks were still empty). The blanks
are listed once on the page, in its summary, not again in the refusal."""

from __future__ import annotations

import html
import re

import pytest

from complaints.documents.models import DocumentStatus

from .helpers import handler, leader
from .test_draft_blanks import _draft_with_blanks, _url

pytestmark = pytest.mark.django_db

FILLED = "Người liên hệ: Lê Văn Giám, điện thoại: 0255 3822 111."


@pytest.fixture
def hospital():
    from .helpers import province

    return province()[1]


def _version(page: str) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)


def _page_form(client, draft) -> tuple[str, dict]:
    page = client.get(_url(draft)).content.decode()
    return page, {
        "trich_yeu": draft.trich_yeu, "addressee": draft.addressee, "body": draft.body,
        "recipients": draft.recipients, "signer_authority": "", "principal_title": "",
        "signer_title": draft.signer_title, "signer_name": draft.signer_name,
        "version": _version(page),
    }


def _filled(draft) -> dict:
    return {
        "trich_yeu": "Về việc tiếp nhận phản ánh",
        "body": draft.body.replace("Người liên hệ: .............., điện thoại: …", FILLED),
    }


def test_one_form_holds_the_fields_and_the_issue_button(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    page = client.get(_url(draft)).content.decode()
    form = re.search(r'<form method="post" novalidate id="doc-form">.*?</form>', page,
                     re.S).group()
    assert 'name="body"' in form and 'name="signed_confirmed"' in form
    assert 'name="version"' in form
    buttons = re.findall(r'<button type="submit" name="operation" value="(\w+)"', form)
    assert buttons[0] == "save"  # Enter saves, never issues
    assert "issue" in buttons


def test_blanks_filled_and_issued_in_one_post(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {**form, **_filled(draft), "operation": "issue",
                                         "signed_confirmed": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED
    assert FILLED in draft.body and draft.trich_yeu == "Về việc tiếp nhận phản ánh"


def test_the_typed_text_stays_when_the_tick_is_missing(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {**form, **_filled(draft), "operation": "issue"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert FILLED in page  # in the field, as typed
    assert 'id="id_signed_confirmed_error"' in page
    assert 'id="doc-blanks"' not in page  # the blanks were filled: none left
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and FILLED in draft.body  # saved
    # The page's version is the saved one: ticking now issues.
    again = client.post(_url(draft), {**form, **_filled(draft), "version": draft.version,
                                      "operation": "issue", "signed_confirmed": "on"})
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ISSUED


def test_a_blank_left_is_named_once_and_the_rest_typed_is_kept(client, hospital):
    """Blanks first, then the tick: unticked, a blank left is what the page says."""
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {**form, "trich_yeu": "Về việc tiếp nhận phản ánh",
                                         "recipients": "Như trên; Lưu: VT.",
                                         "operation": "issue"})
    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "Chưa ban hành được: văn bản còn chỗ trống chưa điền" in page
    assert 'id="id_signed_confirmed_error"' not in page
    assert "Như trên; Lưu: VT." in page and "Về việc tiếp nhận phản ánh" in page
    # The line left is listed once: in the summary, linked to its field.
    assert page.count("Nội dung, dòng 3") == 1
    assert "Còn 2 chỗ trống phải điền trước khi ban hành:" in page
    assert "Trích yếu, dòng 1" not in page
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.recipients == "Như trên; Lưu: VT."


def test_an_invalid_field_keeps_the_typing_and_issues_nothing(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {**form, **_filled(draft), "signer_title": "",
                                         "operation": "issue", "signed_confirmed": "on"})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert FILLED in page
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and FILLED not in draft.body


def test_a_draft_edited_since_is_not_overwritten_and_the_typing_stays(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    other = handler(hospital)
    from .test_draft_blanks import _edit

    draft.created_by = other
    _edit(draft, recipients="Như trên; Lưu: VT, hồ sơ.")
    response = client.post(_url(draft), {**form, **_filled(draft), "operation": "issue",
                                         "signed_confirmed": "on"})
    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "Dự thảo văn bản đã được sửa sau khi bạn mở trang" in page
    assert FILLED in page  # still in the field
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT
    assert FILLED not in draft.body and draft.recipients == "Như trên; Lưu: VT, hồ sơ."


def test_an_issue_without_the_fields_issues_as_before(client, hospital):
    """An older page (or the API's way): only the version and the tick."""
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {"operation": "issue", "version": form["version"],
                                         "signed_confirmed": "on"})
    assert response.status_code == 409  # its blanks, as before
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT


def test_a_second_click_on_the_page_shown_after_a_stale_refusal_is_refused_again(
    client, hospital
):
    """Review finding: the page shown after a stale refusal carried the new version under
    the typed text, so clicking "Ban hành" again overwrote the other person's edit."""
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    from .test_draft_blanks import _edit

    draft.created_by = handler(hospital)
    _edit(draft, recipients="Như trên; Lưu: VT, hồ sơ.")
    typed = {**form, **_filled(draft), "operation": "issue", "signed_confirmed": "on"}
    first = client.post(_url(draft), typed)
    assert first.status_code == 409
    again = {**typed, "version": _version(first.content.decode())}  # the page as shown
    assert again["version"] == form["version"]
    second = client.post(_url(draft), again)
    assert second.status_code == 409
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT and draft.recipients == "Như trên; Lưu: VT, hồ sơ."


def test_saving_a_draft_edited_since_does_not_overwrite_it(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    from .test_draft_blanks import _edit

    draft.created_by = handler(hospital)
    _edit(draft, recipients="Như trên; Lưu: VT, hồ sơ.")
    response = client.post(_url(draft), {**form, **_filled(draft), "operation": "save"})
    assert response.status_code == 409
    assert FILLED in html.unescape(response.content.decode())  # the typing stays on the page
    draft.refresh_from_db()
    assert draft.recipients == "Như trên; Lưu: VT, hồ sơ." and FILLED not in draft.body


def test_an_issue_refused_after_the_edits_were_saved_says_they_were(client, hospital):
    boss = leader()
    _case, draft = _draft_with_blanks(hospital, boss)
    client.force_login(boss)
    _page, form = _page_form(client, draft)
    response = client.post(_url(draft), {**form, **_filled(draft), "operation": "issue"})
    assert response.status_code == 400  # not ticked
    page = html.unescape(response.content.decode())
    assert "Đã lưu dự thảo." in page
    draft.refresh_from_db()
    assert FILLED in draft.body and draft.status == DocumentStatus.DRAFT
