"""Ethnic group: the 19 detailed categories of the 2021 Census for England and Wales, under
their five headings, plus "Not known" and "Prefers not to say". Figures that count by
ethnic group read the heading through `ethnic_group`, so a count by the five top-level
groups stays what it was before the detail was recorded."""

from __future__ import annotations

from django.db import models


class Ethnicity(models.TextChoices):
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Chinese"
    ASIAN_INDIAN = "asian_indian", "Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Pakistani"
    ASIAN_OTHER = "asian_other", "Any other Asian background"
    BLACK_AFRICAN = "black_african", "African"
    BLACK_CARIBBEAN = "black_caribbean", "Caribbean"
    BLACK_OTHER = "black_other", "Any other Black, Black British or Caribbean background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Any other Mixed or multiple ethnic background"
    WHITE_BRITISH = "white_british", "English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_irish_traveller", "Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "Roma"
    WHITE_OTHER = "white_other", "Any other White background"
    OTHER_ARAB = "other_arab", "Arab"
    OTHER_ANY = "other_any", "Any other ethnic group"
    UNKNOWN = "unknown", "Not known"
    REFUSED = "refused", "Prefers not to say"


# The five headings, in the census's order, with the categories under each.
HEADINGS: dict[str, str] = {
    "asian": "Asian, Asian British or Asian Welsh",
    "black": "Black, Black British, Black Welsh, Caribbean or African",
    "mixed": "Mixed or Multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
}
NOT_GIVEN = {Ethnicity.UNKNOWN.value, Ethnicity.REFUSED.value}

# A value recorded before the detail was asked: its heading's "Any other" category. What
# is not here (and not a category) is kept as it is.
FROM_TOP_LEVEL = {"asian": Ethnicity.ASIAN_OTHER.value, "black": Ethnicity.BLACK_OTHER.value,
                  "mixed": Ethnicity.MIXED_OTHER.value, "white": Ethnicity.WHITE_OTHER.value,
                  "other": Ethnicity.OTHER_ANY.value, "unknown": Ethnicity.UNKNOWN.value,
                  "": Ethnicity.UNKNOWN.value}


def ethnic_group(value: str) -> str:
    """The heading a category falls under ("asian", "black", "mixed", "white", "other"),
    or "unknown" for not known, prefers not to say and anything unrecognised. A top-level
    value kept from before stays its own heading."""
    top = value.split("_", 1)[0]
    return top if top in HEADINGS else "unknown"


def ethnic_group_label(value: str) -> str:
    top = ethnic_group(value)
    return HEADINGS[top] if top in HEADINGS else \
        ("Prefers not to say" if value == Ethnicity.REFUSED else "Not known")


def ethnicity_label(value: str) -> str:
    """"Heading: category" as a page shows it, the heading alone for a top-level value
    kept from before, "Not known" or "Prefers not to say"."""
    if value in Ethnicity.values:
        label = Ethnicity(value).label
        return label if value in NOT_GIVEN else f"{HEADINGS[ethnic_group(value)]}: {label}"
    return HEADINGS.get(value, value or "Not known")


def grouped_choices() -> list[tuple[str, object]]:
    """For a form: each heading with its categories, then not known and prefers not to say."""
    groups: list[tuple[str, object]] = [
        (heading, [(c.value, c.label) for c in Ethnicity if ethnic_group(c.value) == top])
        for top, heading in HEADINGS.items()]
    return [*groups, (Ethnicity.UNKNOWN.value, Ethnicity.UNKNOWN.label),
            (Ethnicity.REFUSED.value, Ethnicity.REFUSED.label)]
