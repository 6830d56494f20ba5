"""The Wagtail report "Tác vụ nền lỗi" (Báo cáo menu): the operator sees each failed
attempt of a background task, whether it is retried or given up, and its error; only a
superuser or a user holding the task table's view permission opens it."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from tests.complaints.admin.test_group_permissions import management_forms
from tests.factories import UserFactory
from tests.portal.test_queue_watch import WARNING, queued
from tests.portal.test_tasks import DATABASE_QUEUE, flaky, run_worker

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def failures(settings):
    settings.TASKS = DATABASE_QUEUE
    flaky.enqueue("down", 99)  # attempt 1 of 3: retried
    flaky.enqueue("gone", 99, _attempt=3)  # the last: given up
    run_worker()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_report_lists_retried_and_given_up_attempts_with_their_error(failures):
    page = signed_in(UserFactory(superuser=True)).get(reverse("portal_failed_tasks"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tác vụ nền lỗi" in text
    assert text.count("flaky") >= 2
    assert "Đã hẹn thử lại" in text and "1/3" in text
    assert "Đã dừng, không thử lại" in text and "3/3" in text
    assert "ConnectionError: the other system is down" in text
    assert "RetryQueued" not in text  # the error itself, not the wrapper


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_an_operator_with_the_view_permission_sees_it_and_other_staff_do_not(failures):
    operator = UserFactory(admin_access=True)
    operator.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
        )
    )
    assert signed_in(operator).get(reverse("portal_failed_tasks")).status_code == 200
    staff = signed_in(UserFactory(admin_access=True, perms=["complaints.view_case"]))
    assert staff.get(reverse("portal_failed_tasks")).status_code in (302, 403)
    assert Client().get(reverse("portal_failed_tasks")).status_code == 302  # sign in first


def test_the_report_is_in_the_reports_menu_of_those_who_may_open_it():
    url = reverse("portal_failed_tasks")
    admin_home = signed_in(UserFactory(superuser=True)).get("/admin/").content.decode()
    assert url in admin_home
    staff = signed_in(UserFactory(admin_access=True, perms=["complaints.view_case"]))
    assert url not in staff.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_the_footer_counts_the_failed_attempts_in_vietnamese(failures):
    text = signed_in(UserFactory(superuser=True)).get(reverse("portal_failed_tasks"))
    text = text.content.decode()
    assert "2 tác vụ" in text
    assert "Task Result" not in text


# The permission is given in the group editor (Cài đặt → Nhóm), not through the shell: the row
# "Tác vụ nền", "Được xem" (walk, finding 2).


def task_table_permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="django_tasks_database", codename="view_dbtaskresult"
    )


def test_the_group_editor_offers_the_reports_permission_in_vietnamese():
    client = signed_in(UserFactory(superuser=True))
    page = html.unescape(client.get(reverse("wagtailusers_groups:add")).content.decode())
    assert "Task Result" not in page
    row = page.split("<h3>Tác vụ nền</h3>", 1)[1].split("</tr>", 1)[0]
    assert f'value="{task_table_permission().pk}"' in row
    assert "Được xem" in row


def test_a_group_given_it_in_the_group_editor_sees_the_report_and_the_slow_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.PORTAL_QUEUE_STALE_MINUTES = 10
    admin = signed_in(UserFactory(superuser=True))
    url = reverse("wagtailusers_groups:add")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin",
                                          codename="access_admin")
    response = admin.post(url, {
        "name": "Tổ công nghệ thông tin",
        "permissions": [admin_access.pk, task_table_permission().pk],
        **management_forms(admin.get(url)),
    })
    assert response.status_code == 302
    operator = UserFactory(groups=[Group.objects.get(name="Tổ công nghệ thông tin")])
    queued(1, minutes_ago=15)

    client = signed_in(operator)
    assert client.get(reverse("portal_failed_tasks")).status_code == 200
    home = client.get("/admin/").content.decode()
    assert WARNING in home and reverse("portal_failed_tasks") in home
