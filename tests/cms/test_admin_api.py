"""The admin API's media (`/admin/api/main/documents/`, `/admin/api/main/images/`, Wagtail's
endpoints, used by its choosers): a document or an image is listed only to who may choose
or change it (cms/admin_api.py). Every staff role enters the admin, a hospital's handler too;
he must not read the press office's titles and files there."""

from __future__ import annotations

import pytest

from tests.cms.helpers import facility_handler, pdf, picture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint, make, name", [
    ("documents", lambda: pdf("Dự thảo", "du-thao.pdf"), "du-thao.pdf"),
    ("images", lambda: picture("Ảnh hội nghị", "anh-hoi-nghi.png"), "anh-hoi-nghi.png"),
])
def test_the_admin_api_lists_media_only_to_who_may_choose_them(client, roles, endpoint, make,
                                                               name):
    item = make()
    listing = f"/admin/api/main/{endpoint}/"
    detail = f"{listing}{item.pk}/"

    client.force_login(facility_handler())
    response = client.get(listing)
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert client.get(detail).status_code == 404
    assert client.get(f"{listing}?search={item.title}").json()["items"] == []

    client.force_login(roles.editor_user)
    items = client.get(listing).json()["items"]
    assert [(entry["id"], entry["title"]) for entry in items] == [(item.pk, item.title)]
    found = client.get(f"{listing}?search={item.title}").json()["items"]
    assert [entry["id"] for entry in found] == [item.pk]
    assert client.get(detail).json()["meta"]["download_url"].endswith(name)
