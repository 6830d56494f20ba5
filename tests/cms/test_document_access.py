"""A Wagtail document (`/documents/<id>/<name>`) is public only while a live page shows it
(cms/document_access.py): a file attached to a draft under review, or to nothing, answers
404 to the public, like the draft itself; the editors download it to review it. A file
shown only by live pages behind a view restriction is served to the readers they let in."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import tree
from cms.models import DirectiveAttachment
from tests.cms.helpers import directive, facility_handler, news, pdf, publish
from tests.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def directive_edit_data(page, attachments) -> dict:
    """The directive's editor as posted without any action button: "Lưu bản nháp"."""
    return nested_form_data({
        "title": page.title, "slug": page.slug, "number": page.number,
        "doc_type": page.doc_type, "issuing_body": page.issuing_body,
        "issued_on": page.issued_on.strftime("%d/%m/%Y"),
        "body": streamfield([]), "comments": inline_formset([]),
        "attachments": inline_formset(
            [{"document": document.pk, "title": ""} for document in attachments]
        ),
    })


def download(client, document):
    return client.get(document.url)


def test_a_file_attached_to_a_draft_is_not_public_until_the_page_is(client, cms_site, roles):
    page = directive(cms_site.directives, 21)
    document = pdf()
    client.force_login(roles.editor_user)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           directive_edit_data(page, [document]))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.has_unpublished_changes
    assert not page.attachments.exists()  # the attachment is in the draft revision only

    # The editor reviewing the draft downloads it; the public does not see it exists.
    assert download(client, document).status_code == 200
    client.logout()
    assert download(client, document).status_code == 404

    page.get_latest_revision().publish()
    assert download(client, document).status_code == 200
    assert b"".join(download(client, document).streaming_content).startswith(b"%PDF")

    Page.objects.get(pk=page.pk).specific.unpublish()
    assert download(client, document).status_code == 404


def test_the_reference_index_holds_the_live_content_not_the_draft(cms_site, roles):
    # What cms/document_access.py relies on: a draft of a live page leaves the page's
    # row, and so Wagtail's reference index, as published.
    page = directive(cms_site.directives, 1)
    document = pdf()
    page.attachments = [DirectiveAttachment(document=document)]
    page.save_revision()
    assert not ReferenceIndex.get_references_to(document).exists()

    publish(page)
    assert ReferenceIndex.get_references_to(document).exists()


def test_a_file_of_a_page_never_published_or_of_none_is_not_public(client, cms_site, roles):
    draft = directive(cms_site.directives, 2, live=False)
    attached = pdf("Phụ lục", "phu-luc.pdf")
    draft.attachments = [DirectiveAttachment(document=attached)]
    draft.save()
    draft.save_revision()
    orphan = pdf("Chưa dùng", "chua-dung.pdf")

    assert download(client, attached).status_code == 404
    assert download(client, orphan).status_code == 404

    client.force_login(roles.head_user)
    assert download(client, attached).status_code == 200
    client.force_login(UserFactory(username="nguoi-dan"))  # signed in, no admin access
    assert download(client, orphan).status_code == 404


def test_a_file_linked_from_a_live_news_body_is_public(client, cms_site):
    document = pdf("Kế hoạch", "ke-hoach.pdf")
    article = news(cms_site.news, 1)
    article.body = [("document", {"document": document, "title": "Kế hoạch"})]
    publish(article)

    assert download(client, document).status_code == 200


def test_the_answer_follows_the_pages_while_the_page_cache_is_on(client, cms_site, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page = directive(cms_site.directives, 3)
    document = pdf()
    assert download(client, document).status_code == 404
    assert client.get(page.url).status_code == 200  # the page itself is cached

    page.attachments = [DirectiveAttachment(document=document)]
    publish(page)
    assert download(client, document).status_code == 200
    assert document.url in client.get(page.url).content.decode()

    page.unpublish()
    assert download(client, document).status_code == 404
    assert client.get(page.url).status_code == 404



def test_a_file_is_public_when_its_page_is_before_the_task_worker_runs(client, cms_site,
                                                                       settings):
    # Production queues Wagtail's reference-index update for the task worker; the file
    # must not wait for it (nor stay 404 for the rest of the tree's generation).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    page = directive(cms_site.directives, 5)
    document = pdf()
    assert download(client, document).status_code == 404
    page.attachments = [DirectiveAttachment(document=document)]
    queued = DBTaskResult.objects.count()

    publish(page)

    assert DBTaskResult.objects.count() > queued  # Wagtail's update is still queued
    assert download(client, document).status_code == 200


def test_a_download_reads_no_page_nor_index_while_the_tree_is_unchanged(client, cms_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    document = pdf()
    page = directive(cms_site.directives, 6)
    page.attachments = [DirectiveAttachment(document=document)]
    publish(page)
    assert download(client, document).status_code == 200  # the first reads the index

    with CaptureQueriesContext(connection) as queries:
        assert download(client, document).status_code == 200

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "referenceindex" not in tables and "wagtailcore_page" not in tables
    # Only Wagtail's own: the document, its collection and the collection's restrictions.
    assert len(queries.captured_queries) == 3, tables


# A file shown only by pages behind a view restriction (Wagtail's privacy settings: a
# login, a password or groups, on the page or an ancestor) is theirs: served to a reader
# those pages let in, 404 to anyone else (cms/document_access.py).


LOGIN, PASSWORD, GROUPS = (PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD,
                           PageViewRestriction.GROUPS)


@pytest.fixture
def restricted_file(cms_site):
    """A file shown only by a live directive behind a view restriction: `(n, LOGIN)`,
    `(n, PASSWORD, password=…)`, `(n, GROUPS, groups=[…])` give its document, page and
    restriction."""

    def make(n: int, restriction_type: str, *, password: str = "", groups=()):
        document = pdf(f"Văn bản hạn chế {n}", f"han-che-{n}.pdf")
        page = directive(cms_site.directives, n)
        page.attachments = [DirectiveAttachment(document=document)]
        publish(page)
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=restriction_type, password=password
        )
        restriction.groups.set(groups)
        return SimpleNamespace(document=document, page=page, restriction=restriction)

    return make


def citizen():
    return UserFactory(username="cong-dan")  # signed in, no admin access


def pass_password_form(client, page, password: str):
    """What a reader does on the page's password form (Wagtail's own, its action and
    fields as the page renders them)."""
    form = client.get(page.url)
    assert form.status_code == 200 and 'name="password"' in form.content.decode()
    action = re.search(r'<form action="([^"]+)"', form.content.decode()).group(1)
    return client.post(action, {"password": password, "return_url": page.url})


def test_a_file_of_a_page_behind_a_login_is_served_to_signed_in_readers(client,
                                                                        restricted_file, roles):
    document = restricted_file(31, LOGIN).document

    assert download(client, document).status_code == 404  # never 403: the ids are sequential
    client.force_login(citizen())
    assert download(client, document).status_code == 200
    client.force_login(roles.editor_user)  # the admin's staff, as for a draft
    assert download(client, document).status_code == 200


def test_a_file_of_a_page_behind_a_password_is_served_once_the_password_is_given(
        client, restricted_file):
    shown = restricted_file(32, PASSWORD, password="bimat")

    assert download(client, shown.document).status_code == 404
    assert pass_password_form(client, shown.page, "sai-mat-khau").status_code == 200  # again
    assert download(client, shown.document).status_code == 404
    assert pass_password_form(client, shown.page, "bimat").status_code == 302
    assert download(client, shown.document).status_code == 200
    assert download(Client(), shown.document).status_code == 404  # another reader's session


def test_a_restriction_on_an_ancestor_covers_the_file(client, cms_site):
    document = pdf()
    page = directive(cms_site.directives, 33)
    page.attachments = [DirectiveAttachment(document=document)]
    publish(page)
    assert download(client, document).status_code == 200

    PageViewRestriction.objects.create(page=cms_site.directives,
                                       restriction_type=PageViewRestriction.LOGIN)
    assert download(client, document).status_code == 404


def test_a_file_of_a_page_for_some_groups_is_served_to_their_members(client, restricted_file):
    shown = restricted_file(34, GROUPS, groups=[GroupFactory(name="Tổ công tác")])
    document, restriction = shown.document, shown.restriction
    reader = citizen()
    client.force_login(reader)
    assert download(client, document).status_code == 404

    others = GroupFactory(name="Nhóm khác")
    reader.groups.add(others)
    assert download(client, document).status_code == 404
    restriction.groups.add(others)  # the groups changed: the next download knows at once
    assert download(client, document).status_code == 200


def test_a_file_also_shown_by_a_public_page_is_public(client, cms_site, restricted_file):
    document = restricted_file(35, LOGIN).document
    assert download(client, document).status_code == 404

    article = news(cms_site.news, 35)
    article.body = [("document", {"document": document, "title": "Văn bản"})]
    publish(article)
    assert download(client, document).status_code == 200


def test_removing_the_restriction_makes_the_file_public_at_once(client, restricted_file):
    shown = restricted_file(36, LOGIN)
    assert download(client, shown.document).status_code == 404
    generation = tree.generation()

    shown.restriction.delete()

    assert tree.generation() != generation
    assert download(client, shown.document).status_code == 200


# Who reviews a file no page shows to him: who works with documents or pages in the CMS
# (Wagtail's collection permissions on documents, page permissions), not every account of
# the admin: every staff role enters the admin, a hospital's handler too (walk, finding 1).


def test_staff_without_a_cms_role_do_not_get_a_drafts_file_nor_an_unused_one(client, cms_site,
                                                                             roles):
    draft = directive(cms_site.directives, 41, live=False)
    attached = pdf("Phụ lục dự thảo", "phu-luc-du-thao.pdf")
    draft.attachments = [DirectiveAttachment(document=attached)]
    draft.save()
    draft.save_revision()
    unused = pdf("Chưa dùng", "chua-dung.pdf")

    handler = facility_handler()
    client.force_login(handler)
    assert download(client, attached).status_code == 404
    assert download(client, unused).status_code == 404

    for reviewer in (roles.editor_user, roles.head_user):
        client.force_login(reviewer)
        assert download(client, attached).status_code == 200, reviewer.username

    handler.groups.add(roles.editor)  # made a press editor: the next request knows it
    client.force_login(handler)
    assert download(client, attached).status_code == 200


def test_staff_without_a_cms_role_do_not_get_a_file_of_a_page_for_other_groups(
        client, restricted_file, roles):
    leaders = GroupFactory(name="Lãnh đạo")
    document = restricted_file(42, GROUPS, groups=[leaders]).document

    client.force_login(facility_handler())
    assert download(client, document).status_code == 404
    client.force_login(UserFactory(username="lanh-dao", admin_access=True, groups=[leaders]))
    assert download(client, document).status_code == 200
    client.force_login(roles.head_user)
    assert download(client, document).status_code == 200


def test_staff_without_a_cms_role_do_not_get_a_file_of_a_page_behind_a_password(
        client, restricted_file):
    shown = restricted_file(43, PASSWORD, password="bimat")
    client.force_login(facility_handler())
    assert download(client, shown.document).status_code == 404
    assert pass_password_form(client, shown.page, "bimat").status_code == 302
    assert download(client, shown.document).status_code == 200  # the password lets him in
