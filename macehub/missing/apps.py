from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "macehub.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.missing.models import MissingEpisode, ReturnInterview

        feed(MissingEpisode, "missing_episode", "/api/v1/missing/episodes/{id}")
        feed(ReturnInterview, "return_interview", "/api/v1/missing/interviews/{id}")
        from macehub.cases.sections import CaseTab, register_case_tab
        from macehub.lib.waiting import register_waiting
        from macehub.missing import reach  # noqa: F401  (need-to-know grants)
        from macehub.missing.due import missing_due
        from macehub.missing.due_returns import returns_due
        from macehub.missing.waiting import missing_waiting
        from macehub.rules.due import register_due, register_due_source

        register_due(missing_due)
        register_due_source(returns_due)
        register_case_tab(CaseTab("Missing", "case_missing:missing", "missing.view", 60))
        register_waiting(missing_waiting)  # work waiting, on the home page
