from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "macehub.retention"
    label = "retention"
    verbose_name = "Retention"

    def ready(self) -> None:
        from macehub.lib.waiting import register_waiting
        from macehub.retention import reach  # noqa: F401 - declares the grants
        from macehub.retention.waiting import retention_waiting
        register_waiting(retention_waiting)  # work waiting, on the home page
