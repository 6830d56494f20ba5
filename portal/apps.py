from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import (
            checks,  # noqa: F401  (registers the deployment's checks)
            staff_idle,  # noqa: F401  (the sign-in starts the idle clock)
        )
        from portal.date_inputs import keep_typed_dates
        from portal.names import use_vietnamese_name_order

        use_vietnamese_name_order()
        keep_typed_dates()
