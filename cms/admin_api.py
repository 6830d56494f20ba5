"""The admin API's documents and images (`/admin/api/main/documents/`, `…/images/`, Wagtail's
endpoints, which its choosers read): only those the user may choose or change, as Wagtail's
choosers and lists show them (its collection permissions). Wagtail's own endpoints list
every document and image outside a view-restricted collection, their titles and file
addresses, to anyone who enters the admin: every staff role does, a facility's handler too
(cms/document_access.py). Anyone else gets an empty list, and 404 for one item."""

from __future__ import annotations

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

WORK_ON_MEDIA = frozenset({"choose", "change"})


class ChoosableOnly:
    """Mixin of an admin API viewset of a collection-permission model (document, image)."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, WORK_ON_MEDIA)
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ChoosableDocumentsAPIViewSet(ChoosableOnly, DocumentsAdminAPIViewSet):
    pass


class ChoosableImagesAPIViewSet(ChoosableOnly, ImagesAdminAPIViewSet):
    pass


def replace_media_endpoints(router) -> None:
    """`construct_admin_api` hook, run after Wagtail's own (which register their endpoints)."""
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)
    router.register_endpoint("images", ChoosableImagesAPIViewSet)
