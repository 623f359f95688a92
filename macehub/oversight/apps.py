from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "macehub.oversight"
    label = "oversight"
    verbose_name = "Oversight"
