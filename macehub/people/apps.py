from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "macehub.people"

    def ready(self) -> None:
        from macehub.people import reach  # noqa: F401  (need-to-know grants)
