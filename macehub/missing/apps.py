from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "macehub.missing"
    label = "missing"
    verbose_name = "Missing children"
