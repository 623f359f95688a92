# Every record that holds person or case data carries its partnership (the tenant).

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Each new column takes its parent's partnership (parents first)."""
    tables = [
        ('missing_episodechange', 'missing_missingepisode', 'episode_id'),
        ('missing_synopsisshare', 'missing_returninterview', 'interview_id'),
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
        ('missing', '0001_initial'),
        ('partnerships', '0001_initial'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='missingepisode',
            name='missing_mis_child_i_58b636_idx',
        ),
        migrations.AddField(
            model_name='episodechange',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='synopsisshare',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='importrun',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='missingepisode',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='returninterview',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='triggerfiring',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddIndex(
            model_name='missingepisode',
            index=models.Index(fields=['partnership', 'child', 'reported_at'], name='missing_mis_partner_5d7838_idx'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='episodechange',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='synopsisshare',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
    ]
