from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "macehub.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        from macehub.missing import reach  # noqa: F401  (need-to-know grants)
        from macehub.missing.due import missing_due
        from macehub.rules.due import register_due

        register_due(missing_due)
