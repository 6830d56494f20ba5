"""Admin URLs of two-factor sign-in (registered by wagtail_hooks.py under /admin/)."""

from django.urls import path

from portal.twofactor import views

urlpatterns = [
    path("xac-thuc-hai-buoc/", views.manage, name="twofactor_manage"),
    path("xac-thuc-hai-buoc/nhap-ma/", views.verify, name="twofactor_verify"),
    path("xac-thuc-hai-buoc/thiet-lap/", views.setup, name="twofactor_setup"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.backup_codes, name="twofactor_backup_codes"),
    path("xac-thuc-hai-buoc/tat/", views.disable, name="twofactor_disable"),
    path("xac-thuc-hai-buoc/dat-lai/<int:user_id>/", views.reset, name="twofactor_reset"),
]
