from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "macehub.meetings"

    def ready(self) -> None:
        # Record types partner systems keep in step with (the changes feed).
        from macehub.audit.feed import register as feed
        from macehub.meetings.models import Action, Meeting

        feed(Meeting, "meeting", "/api/v1/meetings/{id}")
        feed(Action, "action", "/api/v1/actions/{id}")
        from macehub.cases.sections import CaseTab, register_case_facts, register_case_tab
        from macehub.lib.waiting import register_waiting
        from macehub.meetings import reach  # noqa: F401  (need-to-know grants)
        from macehub.meetings.due import case_meeting_items, meeting_due_items
        from macehub.meetings.due_actions import actions_due
        from macehub.meetings.due_rows import connect
        from macehub.meetings.views_case import case_schedule
        from macehub.meetings.waiting import meetings_waiting
        from macehub.rules.due import register_due, register_due_source

        register_due(case_meeting_items, per_case=True)
        connect()  # reviews due are stored per case, and meetings' changes mark the cases
        register_due(meeting_due_items)
        register_due_source(actions_due)  # overdue actions, paged in the database
        register_case_facts(case_schedule)
        register_case_tab(CaseTab("Meetings and decisions", "case_meetings:meetings",
                                  "case.view", 40))
        register_case_tab(CaseTab("Actions", "case_meetings:actions", "case.view", 50))
        register_waiting(meetings_waiting)  # work waiting, on the home page
