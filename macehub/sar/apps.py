from django.apps import AppConfig


class SarConfig(AppConfig):
    name = "macehub.sar"
    label = "sar"
    verbose_name = "Subject access"
