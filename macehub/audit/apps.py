from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "macehub.audit"

    def ready(self) -> None:
        from macehub.access.scoped import register_read_log
        from macehub.audit.services import audit_read

        register_read_log(audit_read)
