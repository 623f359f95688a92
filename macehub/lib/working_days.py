"""Bank holidays (offline, from the `holidays` package) for "within N working days"
deadlines. A partnership's pack names its calendar (`[partnership] bank_holidays`); the
pack hands it to every interval it counts, so no deadline silently skips them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal

import holidays

Region = Literal["england_and_wales", "scotland", "northern_ireland"]
# England and Wales share their bank holidays; Scotland and Northern Ireland differ.
_SUBDIVISION: dict[str, str] = {"england_and_wales": "ENG", "scotland": "SCT",
                                "northern_ireland": "NIR"}


@lru_cache(maxsize=64)
def bank_holidays(year: int, region: Region = "england_and_wales") -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=_SUBDIVISION[region],
                                               years=year).keys())


class BankHolidays:
    """A container of every bank holiday of a region, any year, for Interval.after()."""

    def __init__(self, region: Region) -> None:
        self.region = region

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in bank_holidays(day.year, self.region)


@lru_cache(maxsize=4)
def calendar(region: Region) -> BankHolidays:
    return BankHolidays(region)
