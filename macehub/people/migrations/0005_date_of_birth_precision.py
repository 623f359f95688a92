"""A child's date of birth may be a month and year, an approximate age or not known. Every
date of birth held before is exact: the new precision's default backfills them so."""


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0002_info_page'),
        ('people', '0004_detailed_ethnic_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='child',
            name='age_given',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The approximate age as given', null=True),
        ),
        migrations.AddField(
            model_name='child',
            name='age_recorded_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='child',
            name='date_of_birth_precision',
            field=models.CharField(choices=[('exact', 'Exact date'), ('month', 'Month and year'), ('age', 'Approximate age'), ('unknown', 'Not known')], default='exact', max_length=10),
        ),
        migrations.AlterField(
            model_name='child',
            name='date_of_birth',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name='child',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('date_of_birth__isnull', True), ('date_of_birth_precision', 'unknown')), models.Q(models.Q(('date_of_birth_precision', 'unknown'), _negated=True), ('date_of_birth__isnull', False)), _connector='OR'), name='child_date_of_birth_known_or_not'),
        ),
    ]
