from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "macehub.cases"

    def ready(self) -> None:
        from macehub.cases import reach  # noqa: F401  (need-to-know grants)
