from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "macehub.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        from macehub.intelligence import reach  # noqa: F401  (need-to-know grants)
