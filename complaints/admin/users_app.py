"""Wagtail's users app with the project's user viewset (Wagtail's documented way to
customise the user forms: INSTALLED_APPS names this config instead of "wagtail.users")."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "complaints.admin.users.StaffUserViewSet"
