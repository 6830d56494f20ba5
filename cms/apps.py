from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Nội dung cổng thông tin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import (  # noqa: F401  (connect the Wagtail signal listeners)
            document_access,
            fragments,
            media,
            page_cache,
            receivers,
        )

        media.connect_receivers()  # images' metadata stripped on upload
        page_cache.connect_media_receivers()  # a replaced image or document purges its pages
