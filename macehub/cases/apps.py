from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "macehub.cases"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.cases.models import Case

        feed(Case, "case", "/api/v1/cases/{id}")
        from macehub.cases import reach  # noqa: F401  (need-to-know grants)
        from macehub.cases.due import case_due_items, monitoring_due_items
        from macehub.cases.due_store import connect
        from macehub.cases.opening import note_screening, open_for_screening
        from macehub.cases.waiting import due_waiting
        from macehub.concerns.opening import register_case_opening
        from macehub.lib.waiting import register_waiting
        from macehub.rules.due import register_due

        register_due(case_due_items, per_case=True)
        register_due(monitoring_due_items, per_case=True)
        connect()  # each case's due items are stored, and kept when what they rest on changes
        register_case_opening(opener=open_for_screening, note=note_screening)
        register_waiting(due_waiting)  # work waiting, on the home page
