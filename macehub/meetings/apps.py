from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "macehub.meetings"

    def ready(self) -> None:
        from macehub.meetings import reach  # noqa: F401  (need-to-know grants)
