from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "macehub.oversight"
    label = "oversight"
    verbose_name = "Oversight"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.oversight.models import PlanAudit, Report

        feed(Report, "report", "/api/v1/reports/{id}")
        feed(PlanAudit, "plan_audit", "/api/v1/plan-audits/{id}")
        from macehub.lib.waiting import register_waiting
        from macehub.oversight import reach  # noqa: F401 - declares the grants
        from macehub.oversight.waiting import plan_audit_waiting

        register_waiting(plan_audit_waiting)  # work waiting, on the home page

        from macehub.oversight.due import duty_due_items, report_due_items
        from macehub.rules.due import register_due

        register_due(report_due_items)  # reports due, on the due list
        register_due(duty_due_items)
