from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "macehub.people"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.people.models import Child

        feed(Child, "child", "/api/v1/children/{id}")
        from macehub.people import reach  # noqa: F401  (need-to-know grants)
