"""Intelligence pages: /intelligence/, then each kind under its own address
(/intelligence/people/, /intelligence/vehicles/7/ …), and links (/intelligence/links/3/)."""

from django.urls import path

from macehub.intelligence import (
    views,
    views_hotspot,
    views_linked,
    views_links,
    views_map,
    views_matching,
    views_network,
)
from macehub.intelligence.kinds import KINDS

app_name = "intelligence"
urlpatterns = [path("", views.index, name="index"),
               path("map/", views_map.locations_map, name="map")]
for kind in KINDS.values():
    at = {"kind": kind.key}
    urlpatterns += [
        path(f"{kind.slug}/", views.entity_index, at, name=f"{kind.key}_list"),
        path(f"{kind.slug}/new/", views.entity_new, at, name=f"{kind.key}_new"),
        path(f"{kind.slug}/<int:pk>/", views.entity, at, name=kind.key),
        path(f"{kind.slug}/<int:pk>/change/", views.entity_edit, at, name=f"{kind.key}_edit"),
        path(f"{kind.slug}/<int:pk>/link/", views_links.link_add, at, name=f"{kind.key}_link"),
        path(f"{kind.slug}/<int:pk>/merge/", views_matching.merge, at,
             name=f"{kind.key}_merge"),
        path(f"{kind.slug}/<int:pk>/network/", views_network.network, at,
             name=f"{kind.key}_network"),
    ]
urlpatterns += [
    path("locations/<int:pk>/hotspot/", views_hotspot.location_hotspot,
         name="location_hotspot"),
    path("links/<int:pk>/end/", views_links.link_end, name="link_end"),
    path("links/<int:pk>/correct/", views_links.link_correct, name="link_correct"),
    path("matches/", views_matching.matches, name="matches"),
    path("matches/add/", views_matching.candidate_add, name="candidate_add"),
    path("matches/<int:pk>/", views_matching.match, name="match"),
    path("merges/<int:pk>/undo/", views_matching.merge_undo, name="merge_undo"),
    path("linked-children/", views_linked.proposals, name="proposals"),
    path("linked-children/decide/", views_linked.proposal, name="proposal"),
]
