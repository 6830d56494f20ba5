"""The admin API's documents (`/admin/api/main/documents/`, Wagtail's endpoint): only those
the user may choose or change, as Wagtail's document chooser and documents list show them
(its collection permissions). Wagtail's own endpoint lists every document outside a
view-restricted collection, with its download address, to anyone who enters the admin:
every staff role does, a facility's handler too (cms/document_access.py). Anyone else gets
an empty list, and 404 for one document."""

from __future__ import annotations

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.permissions import policy_registry

WORK_ON_DOCUMENTS = frozenset({"choose", "change"})


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, WORK_ON_DOCUMENTS
        )
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


def replace_documents_endpoint(router) -> None:
    """`construct_admin_api` hook, run after Wagtail's own (which registers its endpoint)."""
    router.register_endpoint("documents", ChoosableDocumentsAPIViewSet)
