from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "macehub.cases"
