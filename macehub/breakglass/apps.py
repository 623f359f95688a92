from django.apps import AppConfig


class BreakGlassConfig(AppConfig):
    name = "macehub.breakglass"
    label = "breakglass"
    verbose_name = "Break-glass"

    def ready(self) -> None:
        from macehub.access.scoped import register_read_purpose
        from macehub.breakglass import reach  # noqa: F401 - declares the grants
        from macehub.breakglass.services import read_annotation, read_purpose
        from macehub.breakglass.waiting import break_glass_waiting
        from macehub.lib.waiting import register_waiting

        register_read_purpose(read_annotation, read_purpose)
        register_waiting(break_glass_waiting)  # work waiting, on the home page
