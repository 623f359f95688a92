"""Audit events name every role the user held: the 30-character `role` column (which could
not hold two long role codes on PostgreSQL) becomes `roles`, each code between commas.

Existing rows are rewritten once, from "a,b" to ",a,b,". Audit rows are otherwise never
changed: on PostgreSQL the append-only trigger is set aside for this one statement only."""

from django.db import migrations, models

TRIGGER = "audit_auditevent_append_only"
DELIMIT = ("UPDATE audit_auditevent SET roles = ',' || roles || ',' "
           "WHERE roles <> '' AND roles NOT LIKE ',%'")
UNDELIMIT = ("UPDATE audit_auditevent SET roles = substr(roles, 2, length(roles) - 2) "
             "WHERE roles LIKE ',%,'")


def _rewrite(schema_editor, sql):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {TRIGGER}",
                              params=None)
    schema_editor.execute(sql, params=None)
    if postgres:
        schema_editor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {TRIGGER}",
                              params=None)


def forwards(apps, schema_editor):
    _rewrite(schema_editor, DELIMIT)


def backwards(apps, schema_editor):
    _rewrite(schema_editor, UNDELIMIT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [
        migrations.RenameField("auditevent", "role", "roles"),
        migrations.AlterField("auditevent", "roles",
                              models.CharField(blank=True, max_length=200)),
        migrations.RunPython(forwards, backwards),
        migrations.AddConstraint("auditevent", models.CheckConstraint(
            condition=models.Q(("roles", ""), models.Q(("roles__startswith", ","),
                                                        ("roles__endswith", ",")),
                               _connector="OR"),
            name="audit_roles_delimited")),
    ]
