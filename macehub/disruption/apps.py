from django.apps import AppConfig


class DisruptionConfig(AppConfig):
    name = "macehub.disruption"
    label = "disruption"
    verbose_name = "Disruption"

    def ready(self) -> None:
        from macehub.disruption import reach  # noqa: F401 - declares the grants
