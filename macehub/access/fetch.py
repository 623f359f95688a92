"""Fetch-and-authorise: the one way to load a record a user asked for by id.

`get_<thing>_for(actor, pk)` returns the record only when it belongs to the actor's
partnership and the actor's role reaches it; otherwise Http404, the same answer as for
a record that does not exist, so an outsider learns nothing (SECURITY S7)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from macehub.access.actor import Actor

M = TypeVar("M", bound=Model)


def get_in_partnership(actor: Actor, queryset: QuerySet[M], pk: object) -> M:
    """The record with this pk in the actor's partnership, or 404."""
    try:
        return queryset.get(pk=pk, partnership=actor.partnership)
    except (queryset.model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("Not found") from None
