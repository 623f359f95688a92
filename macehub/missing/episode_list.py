"""The missing episodes list's filters and sort keys, shared by the Missing children page
and the API's episode list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.lib.forms import Form
from macehub.lib.listing import Sorts
from macehub.missing.models import MissingEpisode
from macehub.partnerships.models import Area

EPISODE_SORTS: Sorts = {"reported": ("reported_at", "pk"), "returned": ("returned_at", "pk"),
                        "child": ("child__last_name", "child__first_name", "-reported_at"),
                        "area": ("area__name", "-reported_at", "-pk")}


class EpisodeFilterForm(Form):
    show = forms.ChoiceField(required=False, label="Show", choices=[
        ("", "All episodes"), ("still_missing", "Still missing"),
        ("returned", "Found or returned"), ("unmatched", "Waiting to be matched to a child")])
    area = forms.ModelChoiceField(required=False, label="Area", empty_label="Any area",
                                  queryset=Area.objects.none())
    reference = forms.CharField(required=False, max_length=50, label="Police reference")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]


def episode_list(actor: Actor, filters: dict[str, Any]) -> QuerySet[MissingEpisode]:
    episodes = MissingEpisode.objects.for_actor(actor).select_related("child", "area")
    show = filters.get("show")
    if show == "still_missing":
        episodes = episodes.filter(returned_at__isnull=True)
    elif show == "returned":
        episodes = episodes.filter(returned_at__isnull=False)
    elif show == "unmatched":
        episodes = episodes.filter(child__isnull=True)
    if filters.get("area"):
        episodes = episodes.filter(area=filters["area"])
    if filters.get("reference"):
        episodes = episodes.filter(police_reference__icontains=filters["reference"])
    return episodes
