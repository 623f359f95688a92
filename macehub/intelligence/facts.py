"""What intelligence adds to every case page's header: that the child is also recorded as
a person of interest, for those who read intelligence and reach that record (the welfare
view of the child stays first: docs/adr/0016)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.intelligence.queries import person_for_child


def also_person_of_interest(actor: Actor, case: Case) -> dict[str, Any]:
    person = person_for_child(actor, case.child_id)
    if person is None:
        return {}
    return {"person_of_interest_url": reverse("intelligence:person", args=[person.pk])}
