from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "macehub.oversight"
    label = "oversight"
    verbose_name = "Oversight"

    def ready(self) -> None:
        from macehub.oversight import reach  # noqa: F401 - declares the grants
