from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "macehub.concerns"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.concerns.models import Concern

        feed(Concern, "concern", "/api/v1/concerns/{id}")
        from macehub.concerns import reach  # noqa: F401  (need-to-know grants)
        from macehub.concerns.due import concern_due_items
        from macehub.concerns.waiting import concerns_waiting
        from macehub.lib.waiting import register_waiting
        from macehub.rules.due import register_due

        register_due(concern_due_items)
        register_waiting(concerns_waiting)  # work waiting, on the home page
