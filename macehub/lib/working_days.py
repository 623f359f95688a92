"""England and Wales bank holidays (offline, from the `holidays` package) for
"within N working days" deadlines."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    # England's bank holidays; Wales has the same days (Scotland and Northern Ireland differ).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


class BankHolidays:
    """A container of every bank holiday, any year, for Interval.after()."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in bank_holidays(day.year)


BANK_HOLIDAYS = BankHolidays()
