from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "macehub.retention"
    label = "retention"
    verbose_name = "Retention"

    def ready(self) -> None:
        from macehub.retention import reach  # noqa: F401 - declares the grants
