from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "macehub.concerns"

    def ready(self) -> None:
        from macehub.concerns import reach  # noqa: F401  (need-to-know grants)
