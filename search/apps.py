from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from complaints.api.app import EXTRA_PATHS
        from search import indexing  # noqa: F401  (connects the receivers)
        from search.openapi import search_path_item

        EXTRA_PATHS["/api/v1/search"] = search_path_item

        if settings.ELASTICSEARCH_URL:
            # Imported now, once, not by the first requests: two threads importing
            # elasticsearch_dsl at the same moment made one of them fail (a 500).
            import elasticsearch.helpers  # noqa: F401
            import elasticsearch_dsl  # noqa: F401

            from search import cases_es  # noqa: F401
