"""Case references people read and say: DUD-2026-0001 — the partnership's code, the year
the case opened (UK time) and its number in that partnership and year, from 0001.

Numbers are handed out under a lock on the partnership's row, the lock that numbers
concerns: two cases opened at once wait for each other, so neither takes the other's
number, and a unique constraint on (partnership, reference) stands behind it. A number is
never handed out twice: the next is one more than the highest ever given that year, and a
case is only deleted (by retention) years after it closed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from macehub.access.scoped import unscoped
from macehub.partnerships.models import Partnership

if TYPE_CHECKING:
    from macehub.cases.models import Case


def prefix(partnership: Partnership, year: int) -> str:
    return f"{partnership.code}-{year}-"


def allocate(partnership: Partnership, cases: Iterable[Case]) -> None:
    """Give each case without a reference the next in its opening year, in the order
    given. Runs in the caller's transaction (one is opened if there is none)."""
    cases = [case for case in cases if not case.reference]
    if not cases:
        return
    model = type(cases[0])
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)
        last: dict[int, int] = {}
        for case in cases:
            year = timezone.localtime(case.opened_at).year
            if year not in last:
                with unscoped("numbering cases per partnership and year"):
                    last[year] = model.objects.filter(
                        partnership_id=partnership.pk,
                        reference__startswith=prefix(partnership, year),
                    ).aggregate(top=Max("number"))["top"] or 0
            last[year] += 1
            case.number = last[year]
            case.reference = f"{prefix(partnership, year)}{last[year]:04d}"
