# Every record that holds person or case data carries its partnership (the tenant).

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Each new column takes its parent's partnership (parents first)."""
    tables = [
        ('concerns_mention', 'concerns_concern', 'concern_id'),
        ('concerns_screening', 'concerns_concern', 'concern_id'),
    ]
    with schema_editor.connection.cursor() as cursor:
        for table, parent, column in tables:
            cursor.execute(
                f'UPDATE {table} SET partnership_id = (SELECT p.partnership_id FROM {parent} p '  # noqa: S608
                f'WHERE p.id = {table}.{column})')
        if schema_editor.connection.vendor == "postgresql":
            # Check the new foreign keys now, so the columns can be altered next.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('concerns', '0001_initial'),
        ('partnerships', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='mention',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='screening',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='concern',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='mention',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='screening',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
    ]
