"""The administrator's configuration screens in Vietnamese, rendered with the test client:
the group editor, the user forms, the reference data lists (yes/no as "Có"/"Không"), the
generic messages that name a model, the deadline table and the document templates (steps,
kinds, start points and document types by their Vietnamese names, never their codes)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from complaints.documents.models import DocumentTemplate
from complaints.step_labels import EVENT_LABELS, STEP_LABELS
from tests.browser.test_admin_vietnamese import english_patterns
from tests.factories import FacilityFactory, UserFactory
from tests.portal.test_admin_vietnamese_pages import english_in, visible_texts

pytestmark = pytest.mark.django_db

CODES = {"to_cao", "khieu_nai", "phan_anh", "accept", "conclude", "received", "press_requested",
         "cong_van", "True", "False"}


@pytest.fixture
def admin(client):
    user = UserFactory(superuser=True)
    client.force_login(user)
    return user


def texts_of(response) -> list[str]:
    assert response.status_code == 200
    return visible_texts(response.content.decode())


def test_the_group_editor_and_the_user_forms_read_in_vietnamese(client, admin):
    group = Group.objects.create(name="Tổ xử lý")
    person = UserFactory(facility=FacilityFactory())
    patterns = english_patterns()
    for url in (
        f"/admin/groups/edit/{group.pk}/",
        reverse("wagtailusers_groups:add"),
        f"/admin/users/edit/{person.pk}/",
        reverse("wagtailusers_users:add"),
    ):
        texts = texts_of(client.get(url))
        assert not english_in(texts, patterns), url
        assert not [t for t in texts if t.startswith(("Can add", "Can change", "Can delete"))]
    group_page = texts_of(client.get(f"/admin/groups/edit/{group.pk}/"))
    assert {"Được thêm cơ sở y tế", "Được sửa cơ sở y tế", "Được xóa cơ sở y tế"} <= set(
        group_page
    )


def test_reference_lists_say_yes_or_no(client, admin):
    FacilityFactory(is_active=True)
    FacilityFactory(is_active=False)
    texts = texts_of(client.get(reverse("reference_facilities:index")))
    assert {"Có", "Không"} <= set(texts) and not {"True", "False"} & set(texts)
    texts = texts_of(client.get(reverse("wagtailsnippets_complaints_documenttemplate:list")))
    assert "Có" in texts and not {"True", "False"} & set(texts)


def test_the_generic_messages_name_the_model_in_a_vietnamese_sentence(client, admin):
    from complaints.models import EmailTemplate

    EmailTemplate.objects.all().delete()
    texts = texts_of(client.get(reverse("reference_email_templates:index")))
    assert any(t.startswith("Chưa có mẫu thư điện tử nào") for t in texts)
    response = client.post(reverse("reference_calendar_overrides:add"), {})
    assert "Chưa tạo được ngày nghỉ, ngày làm bù vì có lỗi." in texts_of(response)


def test_the_deadline_table_names_kinds_steps_and_start_points(client, admin):
    texts = set(texts_of(client.get(reverse("reference_deadline_rules:index"))))
    assert {"Tố cáo", str(STEP_LABELS["accept"]), str(EVENT_LABELS["received"])} <= texts
    assert str(EVENT_LABELS["press_requested"]) in texts
    assert not CODES & texts


def test_document_templates_name_steps_and_types(client, admin):
    texts = set(texts_of(client.get(reverse("wagtailsnippets_complaints_documenttemplate:list"))))
    assert {"Thụ lý", "Kết luận", "CÔNG VĂN"} <= texts
    assert not CODES & texts
    template = DocumentTemplate.objects.get(action="conclude", code__startswith="kn_")
    form = client.get(
        reverse("wagtailsnippets_complaints_documenttemplate:edit", args=[template.pk])
    ).context["form"]
    assert dict(form.fields["action"].choices)["conclude"] == "Kết luận"
