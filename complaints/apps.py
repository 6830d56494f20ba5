from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Hồ sơ phản ánh, kiến nghị"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The settings' checks (complaints/checks.py) register on import.
        from complaints import checks  # noqa: F401
        from complaints.services.calendar import connect_receivers

        connect_receivers()
        from complaints.services import reference

        reference.connect_receivers()
        from complaints.admin import choices as workspace_choices

        workspace_choices.connect_receivers()
        # Before the live updates: a dashboard told of a change must not read stale counters.
        from complaints.selectors import (
            dashboard_cache,  # noqa: F401,E402
            staff_access,  # noqa: E402
        )

        staff_access.connect_receivers()
        from complaints import broadcasts  # noqa: F401,E402  (live updates: signal receivers)
        from complaints.notifications import (  # noqa: E402
            citizen,  # noqa: F401  (citizen e-mails)
            dialogue,  # noqa: F401  (staff told of a dialogue scheduled, moved or called off)
            first_round,  # noqa: F401  (the first-round unit told of the second round)
            press_office,  # noqa: F401  (press)
        )
        from complaints.notifications import staff as staff_mail  # noqa: F401,E402,I001
        from complaints.partners import webhooks  # noqa: F401,E402  (partners' webhooks)
