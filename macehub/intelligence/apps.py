from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "macehub.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.intelligence.kinds import KINDS
        from macehub.intelligence.models import Link

        for kind in KINDS.values():
            feed(kind.model, kind.key, f"/api/v1/intelligence/{kind.slug}/{{id}}")
        feed(Link, "link", "/api/v1/intelligence/links/{id}")

        from macehub.cases.sections import CaseTab, register_case_facts, register_case_tab
        from macehub.intelligence import reach  # noqa: F401  (need-to-know grants)
        from macehub.intelligence.facts import also_person_of_interest
        from macehub.intelligence.waiting import intelligence_waiting
        from macehub.lib.waiting import register_waiting

        register_case_facts(also_person_of_interest)
        register_case_tab(CaseTab("Intelligence", "case_intelligence:intelligence",
                                  "intelligence.case", 70))
        register_waiting(intelligence_waiting)  # work waiting, on the home page
