from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "macehub.concerns"
