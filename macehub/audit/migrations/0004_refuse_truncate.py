"""SECURITY S9: on PostgreSQL the audit table also refuses TRUNCATE, which skips the
row-level append-only trigger. A statement-level trigger catches it, whoever runs it; the
application's role must not own the table, so it can neither drop nor disable either
trigger (docs/deployment.md)."""

from django.db import migrations

CREATE = """
CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse_change();
"""
DROP = "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_roles_every_role_held")]
    operations = [migrations.RunPython(forwards, backwards)]
