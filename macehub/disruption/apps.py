from django.apps import AppConfig


class DisruptionConfig(AppConfig):
    name = "macehub.disruption"
    label = "disruption"
    verbose_name = "Disruption"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.disruption.models import Disruption

        feed(Disruption, "disruption", "/api/v1/disruptions/{id}")
        from macehub.disruption import reach  # noqa: F401 - declares the grants
