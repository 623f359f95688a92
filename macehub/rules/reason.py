"""Why something is so: the one shape in which every rule explains itself.

A due item, a meeting's deadline, a quorum check and `manage.py policy explain` all carry a
Reason, so every page, the API and the command line say why in the same words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    rule: str  # the rule in words: "First MACE meeting within 2 weeks of the referral"
    # As people read it: "Dudley MACE and CEOG Terms of Reference (July 2021), section 'Purpose'"
    source: str
    path: str = ""  # where the pack holds it ("first_meeting"); empty when not a pack rule
    default: bool = False  # the document is silent and the partnership's pack supplies it

    def __str__(self) -> str:
        return f"{self.rule} ({self.source})"
