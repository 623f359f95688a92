"""Intelligence pages: /intelligence/, then each kind under its own address
(/intelligence/people/, /intelligence/vehicles/7/ …), and links (/intelligence/links/3/)."""

from django.urls import path

from macehub.intelligence import views, views_links
from macehub.intelligence.kinds import KINDS

app_name = "intelligence"
urlpatterns = [path("", views.index, name="index")]
for kind in KINDS.values():
    at = {"kind": kind.key}
    urlpatterns += [
        path(f"{kind.slug}/", views.entity_index, at, name=f"{kind.key}_list"),
        path(f"{kind.slug}/new/", views.entity_new, at, name=f"{kind.key}_new"),
        path(f"{kind.slug}/<int:pk>/", views.entity, at, name=kind.key),
        path(f"{kind.slug}/<int:pk>/change/", views.entity_edit, at, name=f"{kind.key}_edit"),
        path(f"{kind.slug}/<int:pk>/link/", views_links.link_add, at, name=f"{kind.key}_link"),
    ]
urlpatterns += [
    path("links/<int:pk>/end/", views_links.link_end, name="link_end"),
    path("links/<int:pk>/correct/", views_links.link_correct, name="link_correct"),
]
