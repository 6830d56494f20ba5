"""A press response made from a concluded `bao_chi` case in one step, and shown
on the case's public timeline once published."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.models import PressResponsePage
from cms.services import press_response_create_from_case
from complaints.kinds import CaseStatus, PressFinding
from complaints.models import Case, CaseEvent
from complaints.signals import case_event_recorded
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def concluded_press_case(**fields) -> Case:
    defaults = {
        "bao_chi": True,
        "status": CaseStatus.CONCLUDED,
        "concluded_at": timezone.now(),
        "press_finding": PressFinding.PARTLY_ACCURATE,
        "press_published_on": datetime.date(2026, 3, 1),
        "public_answer": "Thời gian chờ trung bình là 40 phút.\n\nBệnh viện đã bổ sung bàn khám.",
    }
    defaults.update(fields)
    return CaseFactory(**defaults)


def from_case_url(case) -> str:
    return reverse("cms_press_response_from_case", args=[case.tracking_code])


def test_editor_creates_a_prefilled_draft_in_one_step(client, cms_site, roles):
    case = concluded_press_case()
    client.force_login(roles.editor_user)

    response = client.post(from_case_url(case))

    page = PressResponsePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == cms_site.press.pk
    assert not page.live
    assert page.case == case
    assert page.outlet == "Báo Quảng Ngãi"
    assert page.article_title == "Bệnh nhân chờ khám quá lâu"
    assert page.article_url == "https://baoquangngai.vn/bai-viet"
    assert page.article_published_on == datetime.date(2026, 3, 1)
    assert page.finding == PressFinding.PARTLY_ACCURATE
    assert [b.value.source for b in page.response] == [
        "<p>Thời gian chờ trung bình là 40 phút.</p>",
        "<p>Bệnh viện đã bổ sung bàn khám.</p>",
    ]
    assert page.get_latest_revision().user == roles.editor_user
    assert client.get(response.url).status_code == 200  # the editor opens


def test_a_second_click_opens_the_existing_response(client, cms_site, roles):
    case = concluded_press_case()
    client.force_login(roles.editor_user)
    client.post(from_case_url(case))
    response = client.post(from_case_url(case))
    assert PressResponsePage.objects.count() == 1
    assert response.url == reverse(
        "wagtailadmin_pages:edit", args=[PressResponsePage.objects.get().pk]
    )


def test_the_admin_list_offers_concluded_press_cases_only(client, cms_site, roles):
    ready = concluded_press_case(title="Đã kết luận")
    waiting = CaseFactory(bao_chi=True, title="Đang xác minh", status=CaseStatus.VERIFYING)
    CaseFactory(title="Phản ánh thường")  # not a press case
    client.force_login(roles.editor_user)

    html = client.get(reverse("cms_press_cases")).content.decode()

    assert ready.tracking_code in html
    assert from_case_url(ready) in html
    assert waiting.tracking_code not in html


def test_the_admin_paths_are_vietnamese_and_the_old_ones_lead_there(client, cms_site, roles):
    """presswalk F9: like /admin/ho-so/ and /admin/phe-duyet/; a bookmark of the old
    English path still opens the list."""
    case = concluded_press_case()
    assert reverse("cms_press_cases") == "/admin/phan-hoi-bao-chi/"
    assert from_case_url(case) == f"/admin/phan-hoi-bao-chi/tu-ho-so/{case.tracking_code}/"
    client.force_login(roles.editor_user)
    old = client.get("/admin/press-response/?trang=2")
    assert (old.status_code, old.url) == (301, "/admin/phan-hoi-bao-chi/?trang=2")
    old = client.get(f"/admin/press-response/from-case/{case.tracking_code}/")
    assert (old.status_code, old.url) == (301, from_case_url(case))
    client.logout()
    assert client.get("/admin/press-response/").url.startswith("/admin/login/")


def test_a_case_not_yet_concluded_cannot_be_answered(client, cms_site, roles):
    case = CaseFactory(bao_chi=True, status=CaseStatus.VERIFYING)
    client.force_login(roles.editor_user)
    response = client.post(from_case_url(case))
    assert response.url == reverse("cms_press_cases")
    assert not PressResponsePage.objects.exists()


def test_users_without_the_press_permission_are_refused(client, cms_site, roles):
    case = concluded_press_case()
    intake = UserFactory(perms=["complaints.view_all_cases"], admin_access=True)
    client.force_login(intake)
    response = client.post(from_case_url(case))
    assert response.status_code in (302, 403)
    assert not PressResponsePage.objects.exists()


def test_a_case_outside_the_scope_does_not_exist(client, cms_site, roles):
    other = concluded_press_case(bao_chi=False, kind="phan_anh")
    client.force_login(roles.editor_user)
    assert client.post(from_case_url(other)).status_code == 404
    unknown = reverse("cms_press_response_from_case", args=["YT-0000-0"])
    assert client.post(unknown).status_code == 404
    with pytest.raises(Case.DoesNotExist):
        press_response_create_from_case(tracking_code=other.tracking_code, user=roles.editor_user)


def publish_through_review(page, roles):
    page = Page.objects.get(pk=page.pk).specific
    page.get_workflow().start(page, roles.editor_user)
    page = Page.objects.get(pk=page.pk).specific
    page.current_workflow_task.on_action(
        page.current_workflow_task_state, roles.head_user, "approve"
    )
    page.refresh_from_db()
    return page


def test_publishing_the_response_shows_it_on_the_case_timeline(
    cms_site, roles, django_capture_on_commit_callbacks
):
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    received = []

    def listener(sender, case, event, **kwargs):
        received.append(event)

    case_event_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page = publish_through_review(page, roles)
    finally:
        case_event_recorded.disconnect(listener)

    assert page.live
    event = CaseEvent.objects.get(case=case, action="press_response_published")
    assert event.is_public
    assert event.data["url"] == page.url
    assert event.data["title"] == page.title
    assert page.title in event.public_message
    assert event.actor == roles.head_user  # who let it go live
    assert received == [event]
    latest = case.history.first()
    assert latest.history_change_reason == "origin=cms action=case_press_response_published"
    assert latest.history_user == roles.head_user


def test_republishing_the_same_response_records_it_once(cms_site, roles):
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page = publish_through_review(page, roles)
    page.save_revision(user=roles.head_user).publish(user=roles.head_user)
    assert CaseEvent.objects.filter(case=case, action="press_response_published").count() == 1


def test_unpublishing_the_response_withdraws_it_from_the_case_timeline(cms_site, roles):
    # The reviewer (press_head) unpublished a response: the case kept announcing
    # "Sở Y tế đã đăng phản hồi: …" with a dead link, and recorded nothing.
    from complaints.selectors.tracking import case_public_view

    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page = publish_through_review(page, roles)
    page.unpublish(user=roles.head_user)

    published = CaseEvent.objects.get(case=case, action="press_response_published")
    assert not published.is_public and published.data["withdrawn_at"]
    withdrawn = CaseEvent.objects.get(case=case, action="press_response_unpublished")
    assert not withdrawn.is_public and withdrawn.actor == roles.head_user
    assert withdrawn.data["url"] == published.data["url"]
    assert case.history.first().history_change_reason == (
        "origin=cms action=case_press_response_unpublished"
    )
    timeline = case_public_view(case=Case.objects.get(pk=case.pk)).timeline
    assert not any("đã đăng phản hồi" in str(event) for event in timeline)

    # Published again: announced again, once.
    page = Page.objects.get(pk=page.pk).specific
    page.save_revision(user=roles.head_user).publish(user=roles.head_user)
    shown = CaseEvent.objects.filter(
        case=case, action="press_response_published", is_public=True
    )
    assert shown.count() == 1


# ---- the case's finding and article are the page's (the reviewer's issue) -----------------


def edit_data(page, **fields) -> dict:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    values = {
        "title": page.title,
        "slug": page.slug,
        "outlet": page.outlet,
        "article_title": page.article_title,
        "article_url": page.article_url,
        "article_published_on": page.article_published_on.isoformat(),
        "finding": page.finding,
        "response_date": page.response_date.isoformat(),
        "response": streamfield([]),
        "comments": inline_formset([]),
    }
    values.update(fields)
    return nested_form_data(values)


def json_ld(html: str) -> dict:
    import json
    import re

    [data] = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(data)


def test_the_editor_cannot_make_the_response_contradict_the_case(client, cms_site, roles):
    case = concluded_press_case()  # "Phản ánh đúng một phần", Báo Quảng Ngãi
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    client.force_login(roles.editor_user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form_html = client.get(edit_url).content.decode()
    assert form_html.count(f"Lấy từ hồ sơ {case.tracking_code}") >= 5
    outlet_input = re.search(r'<input[^>]*name="outlet"[^>]*>', form_html).group(0)
    assert "disabled" in outlet_input

    response = client.post(
        edit_url,
        edit_data(
            page,
            finding=PressFinding.ACCURATE,
            outlet="Báo Tuổi Trẻ",
            article_title="Bài khác",
            article_url="https://tuoitre.vn/khac",
            article_published_on="2026-01-01",
        ),
    )
    assert response.status_code == 302
    draft = PressResponsePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert (draft.finding, draft.outlet) == (PressFinding.PARTLY_ACCURATE, "Báo Quảng Ngãi")

    page = publish_through_review(page, roles)
    client.logout()
    html = client.get(page.url).content.decode()
    assert "Báo Tuổi Trẻ" not in html and "tuoitre.vn" not in html
    assert "Báo Quảng Ngãi" in html and "Phản ánh đúng một phần" in html
    # No correction asked for yet: a reply (presswalk #5).
    assert "Phản hồi thông tin báo chí" in html and "Cải chính thông tin báo chí" not in html
    data = json_ld(html)
    assert data["reviewRating"]["ratingValue"] == 2
    assert data["itemReviewed"]["appearance"]["publisher"]["name"] == "Báo Quảng Ngãi"
    assert data["itemReviewed"]["appearance"]["url"] == "https://baoquangngai.vn/bai-viet"
    assert data["itemReviewed"]["appearance"]["datePublished"] == "2026-03-01"


def test_a_revision_that_differs_from_the_case_is_published_as_the_case_says(cms_site, roles):
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page.finding = PressFinding.ACCURATE  # written around the form (a shell, an import)
    page.outlet = "Báo Tuổi Trẻ"
    page.save_revision(user=roles.editor_user)
    page = publish_through_review(page, roles)
    assert (page.finding, page.outlet) == (PressFinding.PARTLY_ACCURATE, "Báo Quảng Ngãi")


def test_a_corrected_case_corrects_its_published_response_and_the_cached_pages(
    client, cms_site, roles, django_capture_on_commit_callbacks
):
    """The article's facts follow the case at once; a new verdict waits for the press
    office's review in a draft revision (cms/press_review.py)."""
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page = publish_through_review(page, roles)
    index_url = cms_site.press.url
    assert "Phản ánh đúng một phần" in client.get(page.url).content.decode()
    assert "Phản ánh đúng một phần" in client.get(index_url).content.decode()
    assert "Phản ánh đúng một phần" in client.get(page.url).content.decode()  # cached

    case.refresh_from_db()
    case.press_finding = PressFinding.INACCURATE
    case.press_outlet = "Báo Quảng Ngãi điện tử"
    with django_capture_on_commit_callbacks(execute=True):
        case.save()

    page.refresh_from_db()
    assert (page.finding, page.outlet) == (
        PressFinding.PARTLY_ACCURATE, "Báo Quảng Ngãi điện tử"
    )  # fmt: skip
    html = client.get(page.url).content.decode()
    assert "Phản ánh đúng một phần" in html and "Báo Quảng Ngãi điện tử" in html
    assert json_ld(html)["reviewRating"]["ratingValue"] == 2
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().finding == PressFinding.INACCURATE

    page = publish_through_review(page, roles)
    html = client.get(page.url).content.decode()
    assert "Phản ánh không đúng" in html and "Báo Quảng Ngãi điện tử" in html
    assert json_ld(html)["reviewRating"]["ratingValue"] == 1
    listing = client.get(index_url).content.decode()
    assert "Phản ánh không đúng" in listing and "Phản ánh đúng một phần" not in listing


def test_the_public_page_does_not_send_readers_to_the_pin_tracking(client, cms_site, roles):
    """A press case is not tracked with a PIN (the outlet has none): the response page names
    no case code and links no tracking page."""
    case = concluded_press_case()
    page, _created = press_response_create_from_case(
        tracking_code=case.tracking_code, user=roles.editor_user
    )
    page = publish_through_review(page, roles)
    html = client.get(page.url).content.decode()
    assert page.title in html
    assert case.tracking_code not in html and "Mã hồ sơ" not in html
    assert "/tra-cuu/" + case.tracking_code not in html
