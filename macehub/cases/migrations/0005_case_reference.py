"""Every case gets its reference, DUD-2026-0001: existing cases are numbered per
partnership and year of opening (UK time) in the order they opened."""

from collections import defaultdict
from typing import Any

from django.db import migrations, models
from django.utils import timezone


def backfill(apps: Any, schema_editor: Any) -> None:
    cases = apps.get_model("cases", "Case")._base_manager
    codes = {p.pk: p.slug[:3].upper()
             for p in apps.get_model("partnerships", "Partnership")._base_manager.all()}
    last: dict[tuple[int, int], int] = defaultdict(int)
    for case in cases.filter(reference="").order_by("opened_at", "pk").only(
            "pk", "partnership_id", "opened_at"):
        year = timezone.localtime(case.opened_at).year
        last[(case.partnership_id, year)] += 1
        number = last[(case.partnership_id, year)]
        cases.filter(pk=case.pk).update(
            number=number, reference=f"{codes[case.partnership_id]}-{year}-{number:04d}")


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_plan_for_a_forum_and_area'),
        ('partnerships', '0002_info_page'),
        ('people', '0004_detailed_ethnic_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='number',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='case',
            name='reference',
            field=models.CharField(blank=True, editable=False, max_length=30),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['partnership', 'reference'], name='cases_case_partner_89ec68_idx'),
        ),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.UniqueConstraint(condition=models.Q(('reference', ''), _negated=True), fields=('partnership', 'reference'), name='case_unique_reference'),
        ),
    ]
