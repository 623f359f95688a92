# Every record that holds person or case data carries its partnership (the tenant).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    """Each new column takes its parent's partnership (parents first)."""
    tables = [
        ('cases_riskchange', 'cases_case', 'case_id'),
        ('cases_agencyflag', 'cases_case', 'case_id'),
        ('cases_plan', 'cases_case', 'case_id'),
        ('cases_nrmreferral', 'cases_case', 'case_id'),
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
        ('cases', '0001_initial'),
        ('partnerships', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='chronologyentry',
            name='cases_chron_case_id_ef9fab_idx',
        ),
        migrations.AddField(
            model_name='agencyflag',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='nrmreferral',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='plan',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddField(
            model_name='riskchange',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='case',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='chronologyentry',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AddIndex(
            model_name='chronologyentry',
            index=models.Index(fields=['partnership', 'case', 'at'], name='cases_chron_partner_72bd74_idx'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='riskchange',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='agencyflag',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='plan',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
        migrations.AlterField(
            model_name='nrmreferral',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.partnership'),
        ),
    ]
