# Every record that holds person or case data carries its partnership (the tenant).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    """Each new column takes its parent's partnership (parents first)."""
    tables = [
        ('meetings_agendaitem', 'meetings_meeting', 'meeting_id'),
        ('meetings_invitation', 'meetings_meeting', 'meeting_id'),
        ('meetings_disclosure', 'meetings_meeting', 'meeting_id'),
        ('meetings_actionupdate', 'meetings_action', 'action_id'),
        ('meetings_agencyupdate', 'meetings_agendaitem', 'item_id'),
        ('meetings_minute', 'meetings_agendaitem', 'item_id'),
        ('meetings_decision', 'meetings_agendaitem', 'item_id'),
        ('meetings_dissent', 'meetings_decision', 'decision_id'),
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
        ('cases', '0002_partnership_on_every_record'),
        ('meetings', '0001_initial'),
        ('partnerships', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='action',
            name='meetings_ac_owner_a_8a1d00_idx',
        ),
        migrations.AddField(
            model_name='actionupdate',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='agencyupdate',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='decision',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='disclosure',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='dissent',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='minute',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='action',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddIndex(
            model_name='action',
            index=models.Index(fields=['partnership', 'owner_agency', 'status'], name='meetings_ac_partner_54c61b_idx'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='agendaitem',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='invitation',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='disclosure',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='actionupdate',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='agencyupdate',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='minute',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='dissent',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
    ]
