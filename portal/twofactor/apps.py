from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "portal.twofactor"
    label = "twofactor"
    verbose_name = "Xác thực hai bước"
