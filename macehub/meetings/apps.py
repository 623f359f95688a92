from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "macehub.meetings"

    def ready(self) -> None:
        from macehub.cases.sections import register_case_section
        from macehub.meetings import reach  # noqa: F401  (need-to-know grants)
        from macehub.meetings.due import case_meeting_items, meeting_due_items
        from macehub.meetings.views_case import case_meetings
        from macehub.rules.due import register_due

        register_due(case_meeting_items)
        register_due(meeting_due_items)
        register_case_section(case_meetings)
