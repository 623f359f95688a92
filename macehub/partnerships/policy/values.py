"""Building blocks of a policy pack: vocabularies, keys and sourced rules.

Pure Python (pydantic only): no Django import, so the rules can be validated and tested
without a database or settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from macehub.partnerships.policy.citing import Documents, cite, in_words, why_default
from macehub.rules.reason import Reason

# --- vocabularies -------------------------------------------------------------------------
# One word per thing (STYLE.md): code uses these keys; a pack supplies the labels users see.

RiskLevel = Literal["at_risk", "medium", "high"]
RISK_ORDER: tuple[RiskLevel, ...] = ("at_risk", "medium", "high")
RISK_LABELS: dict[str, str] = {"at_risk": "at risk (low)", "medium": "medium", "high": "high"}

ForumKind = Literal[
    "mace",
    "perpetrator_forum",
    "location_forum",
    "missing_meeting",
    "triage",
    "professionals_meeting",
    "screening",
    "complex_strategy",
    "other",
]
AgencyType = Literal[
    "childrens_social_care",
    "police",
    "health",
    "education",
    "youth_offending",
    "housing",
    "licensing",
    "probation",
    "adult_social_care",
    "early_help",
    "community_safety",
    "voluntary_sector",
    "other",
]
RoleKey = Literal[
    "referrer",
    "hub_coordinator",
    "chair",
    "panel_member",
    "analyst",
    "partnership_admin",
    "auditor",
]
Subject = Literal["children", "persons_of_interest", "locations", "groups", "themes"]
OutcomeKey = Literal[
    "mace_meeting",
    "single_agency",
    "existing_cp_process",
    "early_help",
    "signposting_advice",
    "no_further_action",
]
# Police missing-person risk grades. Essex never uses "absent" or "standard" for under-18s.
PoliceGrade = Literal["absent", "no_apparent_risk", "low", "standard", "medium", "high"]

# Forum keys → labels, so explain() can say "CEOG" where a rule names "ceog".
Names = Mapping[str, str]

# Keys name things in dotted paths (forums.mace...), so they stay plain identifiers.
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=50)]
Text = Annotated[str, StringConstraints(min_length=1)]


class Strict(BaseModel):
    """Every pack model: unknown keys are refused (typos must not pass silently), TOML
    types are taken as written ("25" is not 25), and a loaded pack cannot be mutated."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- sourced rules ------------------------------------------------------------------------


class Sourced(Strict):
    """A rule: every value the product acts on names where it comes from, so the product
    can explain it (ARCHITECTURE principle 7). Where the source is silent the pack says
    so: `default = true` and a source starting "default:" that says why."""

    source: Text
    note: str | None = None
    default: bool = False

    # A section that holds a table of rules names it here; an empty table must be
    # declared silent (default = true) rather than left empty by accident.
    collection: ClassVar[str | None] = None

    # Set once by the pack that holds the rule (PolicyPack._cite): where the pack holds
    # it, and the documents the pack declares.
    _path: str = PrivateAttr("")
    _documents: Documents = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _default_marked(self) -> Sourced:
        if self.collection and not getattr(self, self.collection) and not self.default:
            raise ValueError(
                f"no {self.collection} listed: list them, or if the source is silent set "
                "default = true with source = 'default: source silent'"
            )
        says_default = self.source.strip().lower().startswith("default")
        if self.default and not says_default:
            raise ValueError(
                "default is true, so source must start with 'default:' and say why "
                "(e.g. 'default: source silent')"
            )
        if says_default and not self.default:
            raise ValueError("source starts with 'default' but default is not set to true")
        return self

    def summary(self, names: Names) -> str:
        """What the rule says, in words (used by explain()); `names` gives forum labels."""
        return "rule"

    @property
    def path(self) -> str:
        """Where the pack holds this rule: "forums.mace.review_interval.high"."""
        return self._path

    @property
    def cited(self) -> str:
        """The source as users read it: the document's title and section, or the
        partnership's default."""
        return cite(self.source, self._documents, default=self.default)

    @property
    def why_default(self) -> str:
        """For a default, why the pack chose it; "" for a rule the document gives."""
        return why_default(self.source, self._documents)

    @property
    def noted(self) -> str | None:
        """The note as users read it: documents by title, never by key."""
        return in_words(self.note, self._documents) if self.note else None

    def reason(self, rule: str) -> Reason:
        """This rule as the Reason for something, in the words `rule`."""
        return Reason(rule=rule, source=self.cited, path=self._path, default=self.default)

    def attach(self, path: str, documents: Documents) -> None:
        """Called once by the pack that holds the rule."""
        self._path, self._documents = path, documents

    def display_value(self) -> str:
        return ""


T = TypeVar("T")


class Rule(Sourced, Generic[T]):
    """A single sourced value: `{ value = "4 weeks", source = "... §..." }`."""

    value: T

    def display_value(self) -> str:
        if isinstance(self.value, dict):  # keys with their labels: the labels are read
            return ", ".join(str(v) for v in self.value.values())
        if isinstance(self.value, list):
            return ", ".join(str(v).replace("_", " ") for v in self.value)
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return str(self.value)


class Keyed(Sourced):
    """An item stored in a table keyed by its key (`[forums.mace]`). The table fills
    `key` from the table name, so TOML need not repeat it."""

    key: Key


def _fill_keys(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    filled = {}
    for name, item in value.items():
        if isinstance(item, dict):
            if "key" in item and item["key"] != name:
                raise ValueError(f"key {item['key']!r} does not match its table name {name!r}")
            item = {**item, "key": name}
        filled[name] = item
    return filled


V = TypeVar("V")
# A TOML table of keyed items: `[forums.mace]`, `[forums.ceog]` → {"mace": Forum(key="mace")}.
Table = Annotated[dict[Key, V], BeforeValidator(_fill_keys)]


# Agency types as people read them in a rule's sentence.
AGENCY_WORDS: dict[str, str] = {"childrens_social_care": "children's social care"}


def agency_words(agencies: list[str] | tuple[str, ...]) -> str:
    return ", ".join(AGENCY_WORDS.get(a, a.replace("_", " ")) for a in agencies)


def labelled(names: Names, kind: str, keys: list[str]) -> str:
    """Keys of one kind ("type", "panel", "indicator") as their labels in this pack:
    `names` holds them under "<kind>:<key>"."""
    return ", ".join(names.get(f"{kind}:{key}", key.replace("_", " ")) for key in keys)


def named(names: Names, key: str | None) -> str:
    return names.get(key, key) if key else ""


def ages(min_age: int | None, max_age: int | None) -> str:
    if min_age is not None and max_age is not None:
        return f"aged {min_age}–{max_age}"
    if min_age is not None:
        return f"aged {min_age} and over"
    if max_age is not None:
        return f"aged up to {max_age}"
    return "of any age"


def check_ages(min_age: int | None, max_age: int | None) -> None:
    if min_age is not None and max_age is not None and min_age > max_age:
        raise ValueError(f"age range inverted: min_age {min_age} is above max_age {max_age}")


NonNegative = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(ge=1)]
